// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <thread>

#include "kollega/client-core/client.h"

namespace kollega::cli {
namespace {

using client::Client;

std::atomic<bool> g_stop{false};
extern "C" void OnStopSignal(int) { g_stop = true; }

int Fail(const std::string& what, const Status& status) {
  std::fprintf(stderr, "kollega: %s: %s\n", what.c_str(), status.ToString().c_str());
  return 1;
}

int Usage(const Args& args, const std::string& problem) {
  std::fprintf(stderr, "kollega %s: %s (see kollega %s --help)\n", args.command.c_str(),
               problem.c_str(), args.command.c_str());
  return 2;
}

std::unique_ptr<Client> OpenClient(const Args& args, bool need_account) {
  Client::Options options;
  options.tls_ca_file = args.ca_file;
  auto opened = Client::Open(args.data_dir, options);
  if (!opened.ok()) {
    Fail("cannot open data directory " + args.data_dir, opened.status());
    return nullptr;
  }
  if (need_account && !(*opened)->HasAccount()) {
    std::fprintf(stderr,
                 "kollega: no account in %s yet: run `kollega init <relay-url>` or "
                 "`kollega link-device --code CODE --relay URL`\n",
                 args.data_dir.c_str());
    return nullptr;
  }
  return std::move(opened).value();
}

std::string FormatTime(int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  localtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

void PrintMessage(const client::Message& m) {
  const std::string who = m.outgoing ? "you → " + m.peer : m.peer;
  std::printf("[%s] %s: %s  (%s)\n", FormatTime(m.sent_ms).c_str(), who.c_str(), m.text.c_str(),
              std::string(client::MessageStatusName(m.status)).c_str());
}

void PrintEvent(const client::Event& e) {
  using Kind = client::Event::Kind;
  switch (e.kind) {
    case Kind::kMessageReceived:
      if (e.message) PrintMessage(*e.message);
      break;
    case Kind::kStatusChanged:
      std::printf("  message %s to %s is now %s\n", e.message_id.c_str(), e.peer.c_str(),
                  std::string(client::MessageStatusName(e.status)).c_str());
      break;
    case Kind::kIdentityChanged:
      std::printf(
          "!! the safety number with %s has changed (device %u). Compare it with "
          "`kollega safety-number %s`, then `kollega accept-identity %s`.\n",
          e.peer.c_str(), e.device, e.peer.c_str(), e.peer.c_str());
      break;
    case Kind::kConnectionChanged:
      std::printf("  (%s)\n", e.connection == client::ConnectionState::kOnline       ? "online"
                              : e.connection == client::ConnectionState::kConnecting ? "connecting…"
                                                                                     : "offline");
      break;
    case Kind::kDecryptionFailed:
      std::printf("!! a message from %s could not be decrypted: %s\n", e.peer.c_str(),
                  e.detail.c_str());
      break;
    case Kind::kSendFailed:
      std::printf("!! giving up sending %s to %s: %s\n", e.message_id.c_str(), e.peer.c_str(),
                  e.detail.c_str());
      break;
  }
  std::fflush(stdout);
}

void PrintIdentityWarnings(Client& c) {
  auto changes = c.PendingIdentityChanges();
  if (!changes.ok()) return;
  for (const auto& change : *changes) {
    client::Event e;
    e.kind = client::Event::Kind::kIdentityChanged;
    e.peer = change.peer;
    e.device = change.device;
    PrintEvent(e);
  }
}

std::string JoinFrom(const std::vector<std::string>& words, size_t first) {
  std::string out;
  for (size_t i = first; i < words.size(); ++i) {
    if (i > first) out += ' ';
    out += words[i];
  }
  return out;
}

int RunInit(const Args& args) {
  if (args.positional.size() != 1) return Usage(args, "expects exactly one relay URL");
  auto c = OpenClient(args, false);
  if (!c) return 1;
  if (c->HasAccount()) {
    std::fprintf(stderr, "kollega: %s already holds an account (see `kollega whoami`)\n",
                 args.data_dir.c_str());
    return 1;
  }
  std::printf("creating an anonymous account (solving the relay's proof of work)…\n");
  if (Status s = c->CreateAccount(args.positional[0]); !s.ok()) return Fail("init failed", s);
  auto me = c->WhoAmI();
  if (!me.ok()) return Fail("init", me.status());
  std::printf("account %s, device %u, on %s\n", me->account_id.c_str(), me->device_id,
              me->relay_url.c_str());
  std::printf("give your account id to whoever should be able to write to you.\n");
  return 0;
}

int RunWhoAmI(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto me = c->WhoAmI();
  if (!me.ok()) return Fail("whoami", me.status());
  std::printf("account  %s\ndevice   %u\nrelay    %s\ndata     %s\n", me->account_id.c_str(),
              me->device_id, me->relay_url.c_str(), args.data_dir.c_str());
  return 0;
}

int RunSend(const Args& args) {
  if (args.positional.size() < 2) return Usage(args, "expects an account id and a message");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  const Status connected = c->Connect();
  auto id = c->Send(args.positional[0], JoinFrom(args.positional, 1));
  if (!id.ok()) return Fail("send failed", id.status());
  if (!connected.ok()) {
    std::printf("queued %s (relay unreachable: %s); it is sent on the next connection\n",
                id->c_str(), connected.ToString().c_str());
    return 0;
  }
  auto history = c->History(args.positional[0], 1);
  const bool sent =
      history.ok() && !history->empty() && history->back().status != client::MessageStatus::kQueued;
  std::printf("%s %s\n", sent ? "sent" : "queued (will retry)", id->c_str());
  return 0;
}

int RunInbox(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect(); !s.ok()) {
    std::fprintf(stderr, "kollega: offline (%s); showing what is stored\n", s.ToString().c_str());
  }
  for (const auto& e : c->PollEvents()) {
    if (e.kind == client::Event::Kind::kIdentityChanged) PrintEvent(e);
  }
  PrintIdentityWarnings(*c);
  if (args.positional.empty()) {
    auto conversations = c->Conversations();
    if (!conversations.ok()) return Fail("inbox", conversations.status());
    if (conversations->empty()) std::printf("no conversations yet\n");
    for (const auto& conv : *conversations) {
      std::printf("%s  %llu messages, last %s\n", conv.peer.c_str(),
                  static_cast<unsigned long long>(conv.message_count),
                  FormatTime(conv.last_ms).c_str());
    }
    return 0;
  }
  const auto limit_it = args.options.find("limit");
  const size_t limit = limit_it == args.options.end() ? 50 : std::stoul(limit_it->second);
  auto history = c->History(args.positional[0], limit);
  if (!history.ok()) return Fail("inbox", history.status());
  for (const auto& m : *history) PrintMessage(m);
  if (Status s = c->MarkRead(args.positional[0]); !s.ok()) return Fail("marking read", s);
  return 0;
}

int RunListen(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  c->SetEventCallback(PrintEvent);
  if (Status s = c->StartListening(); !s.ok()) {
    std::fprintf(stderr, "kollega: %s; retrying in the background\n", s.ToString().c_str());
  }
  PrintIdentityWarnings(*c);
  std::printf("listening; Ctrl-C to stop\n");
  std::fflush(stdout);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  c->SetEventCallback(nullptr);
  c->Disconnect();
  return 0;
}

int RunChat(const Args& args) {
  if (args.positional.size() != 1) return Usage(args, "expects the account id to chat with");
  const std::string peer = args.positional[0];
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->SetEventCallback([](const client::Event& e) {
    if (e.kind != client::Event::Kind::kStatusChanged) PrintEvent(e);
  });
  if (Status s = c->StartListening(); !s.ok()) {
    std::fprintf(stderr, "kollega: %s; messages are queued until the relay is back\n",
                 s.ToString().c_str());
  }
  if (auto history = c->History(peer, 20); history.ok()) {
    for (const auto& m : *history) PrintMessage(m);
  }
  c->MarkRead(peer).IgnoreError();
  std::printf("chat with %s — type a line and press Enter; /quit or Ctrl-D to leave\n",
              peer.c_str());
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line == "/quit") break;
    if (line.empty()) continue;
    auto id = c->Send(peer, line);
    if (!id.ok()) std::fprintf(stderr, "kollega: not sent: %s\n", id.status().ToString().c_str());
    c->MarkRead(peer).IgnoreError();
  }
  c->SetEventCallback(nullptr);
  c->Disconnect();
  return 0;
}

int RunLinkDevice(const Args& args) {
  const auto code = args.options.find("code");
  if (code == args.options.end()) {
    auto c = OpenClient(args, true);
    if (!c) return 1;
    if (Status s = c->Connect(); !s.ok()) return Fail("cannot reach the relay", s);
    auto linking = c->StartLinking();
    if (!linking.ok()) return Fail("cannot start linking", linking.status());
    auto me = c->WhoAmI();
    std::printf(
        "On the new device, within 10 minutes, run:\n\n  kollega link-device --relay %s "
        "--code %s\n\nThe code opens this account: show it to no one else.\n",
        me.ok() ? me->relay_url.c_str() : "<relay-url>", linking->c_str());
    return 0;
  }
  const auto relay = args.options.find("relay");
  if (relay == args.options.end()) return Usage(args, "--code needs --relay URL as well");
  auto c = OpenClient(args, false);
  if (!c) return 1;
  if (c->HasAccount()) {
    std::fprintf(stderr, "kollega: %s already holds an account\n", args.data_dir.c_str());
    return 1;
  }
  if (Status s = c->LinkDevice(relay->second, code->second); !s.ok()) {
    return Fail("linking failed", s);
  }
  auto me = c->WhoAmI();
  if (!me.ok()) return Fail("link-device", me.status());
  std::printf("linked: account %s, this is device %u\n", me->account_id.c_str(), me->device_id);
  return 0;
}

int RunSafetyNumber(const Args& args) {
  if (args.positional.size() != 1) return Usage(args, "expects the account id of the peer");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto number = c->SafetyNumber(args.positional[0]);
  if (!number.ok()) {
    c->Connect().IgnoreError();  // a bundle may be needed to learn the peer's identity
    number = c->SafetyNumber(args.positional[0]);
  }
  if (!number.ok()) return Fail("safety number", number.status());
  const std::string& n = *number;
  for (size_t i = 0; i < n.size(); i += 5) {
    std::printf("%s%s", n.substr(i, 5).c_str(), (i / 5) % 4 == 3 ? "\n" : " ");
  }
  std::printf("\nCompare these digits with your contact's, in person or by phone.\n");
  return 0;
}

int RunAcceptIdentity(const Args& args) {
  if (args.positional.size() != 1) return Usage(args, "expects the account id of the peer");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->AcceptIdentityChange(args.positional[0]); !s.ok()) {
    return Fail("accept-identity", s);
  }
  std::printf("accepted the new identity of %s\n", args.positional[0].c_str());
  return 0;
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"init", "init <relay-url>",
       "create an anonymous account on a relay (ws:// or wss://host:port)",
       "Generates this device's keys, creates a new anonymous account and uploads prekeys.\n"
       "No name, phone number or e-mail is asked for or sent.\n",
       RunInit},
      {"whoami", "whoami", "show this device's account id, device and relay", "", RunWhoAmI},
      {"send", "send <account> <text...>", "send a message (queued if offline)",
       "Encrypts the message for every device of <account> and for your own other devices.\n"
       "If the relay is unreachable it stays queued and goes out on the next connection.\n",
       RunSend},
      {"inbox", "inbox [<account>] [--limit N]", "fetch new messages; list or show conversations",
       "Without an account: lists conversations. With one: shows its messages and marks\n"
       "them read (your contact gets read receipts).\n",
       RunInbox},
      {"listen", "listen", "stay online and print messages as they arrive",
       "Reconnects with backoff when the connection drops. Ctrl-C stops.\n", RunListen},
      {"chat", "chat <account>", "interactive chat with one account",
       "Lines you type are sent; incoming messages are printed. /quit or Ctrl-D leaves.\n",
       RunChat},
      {"link-device", "link-device [--code CODE --relay URL]",
       "link another device to this account",
       "On a device that has the account: prints a one-time code.\n"
       "On the new device: `kollega --data-dir NEW link-device --relay URL --code CODE`.\n"
       "The account's keys travel end-to-end encrypted; the relay cannot read them.\n",
       RunLinkDevice},
      {"safety-number", "safety-number <account>", "show the safety number with a contact",
       "60 digits that both sides compare out of band to rule out a man in the middle.\n",
       RunSafetyNumber},
      {"accept-identity", "accept-identity <account>", "trust a contact's changed identity key",
       "Only after comparing the new safety number with your contact.\n", RunAcceptIdentity},
  };
  return kCommands;
}

}  // namespace kollega::cli
