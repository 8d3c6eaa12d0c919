// SPDX-License-Identifier: GPL-3.0-or-later
#include "commands.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "key_source.h"
#include "kollega/client-core/client.h"
#include "output.h"
#include "session.h"

namespace kollega::cli {
namespace {

using client::As;
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

// Refuses to set up an account where one exists; 0 when there is none.
int RefuseExistingAccount(Client& c, const Args& args, const char* hint) {
  auto has = HasAccount(c);
  if (!has.ok()) return Fail("cannot read " + args.data_dir, has.status());
  if (!*has) return 0;
  std::fprintf(stderr, "kollega: %s already holds an account%s\n", args.data_dir.c_str(), hint);
  return 1;
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
  if (int rc = RefuseExistingAccount(*c, args, " (see `kollega whoami`)")) return rc;
  std::printf("creating an anonymous account (solving the relay's proof of work)…\n");
  std::fflush(stdout);
  SignUpProgressPrinter progress;
  c->SetEventCallback([&progress](const client::Event& e) { progress.Print(e); });
  Status created = c->CreateAccount(args.positional[0]).Get();
  c->SetEventCallback(nullptr);
  progress.Finish();
  if (!created.ok()) return Fail("init failed", created);
  auto me = c->WhoAmI().Get();
  if (!me.ok()) return Fail("init", me.status());
  std::printf("account %s, device %u, on %s\n", me->account_id.c_str(), me->device_id,
              me->relay_url.c_str());
  std::printf("give your account id to whoever should be able to write to you.\n");
  return 0;
}

int RunWhoAmI(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto me = c->WhoAmI().Get();
  if (!me.ok()) return Fail("whoami", me.status());
  std::printf("account  %s\ndevice   %u\nrelay    %s\ndata     %s\n", me->account_id.c_str(),
              me->device_id, me->relay_url.c_str(), args.data_dir.c_str());
  return 0;
}

// Connect() returns once the outbound queue is flushed; the relay's answer
// for this message (accepted, or e.g. an unknown account) arrives as an
// event, which is awaited for at most the request timeout.
int RunSend(const Args& args) {
  if (args.positional.size() < 2) return Usage(args, "expects an account id and a message");
  const std::string& peer = args.positional[0];
  auto c = OpenClient(args, true);
  if (!c) return 1;
  const Status connected = c->Connect().Get();
  auto id = c->Send(peer, JoinFrom(args.positional, 1)).Get();
  if (!id.ok()) {
    connected.IgnoreError();  // the send's own error is the one to report
    return Fail("send failed", id.status());
  }
  if (!connected.ok()) {
    std::printf("queued (will retry when online) %s: relay unreachable (%s)\n", id->c_str(),
                connected.ToString().c_str());
    return 0;
  }
  const SendOutcome outcome = WaitSendOutcome(*c, peer, *id, RequestTimeout());
  switch (outcome.kind) {
    case SendOutcome::kSent:
      std::printf("sent %s\n", id->c_str());
      return 0;
    case SendOutcome::kFailed:
      std::printf("failed: %s (message %s was not sent)\n", outcome.detail.c_str(), id->c_str());
      return 1;
    case SendOutcome::kNoAnswer:
      break;
  }
  std::printf("queued (will retry) %s: no answer from the relay yet\n", id->c_str());
  return 0;
}

int RunInbox(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect().Get(); !s.ok()) {
    std::fprintf(stderr, "kollega: offline (%s); showing what is stored\n", s.ToString().c_str());
  } else if (!WaitQueueDrained(*c, RequestTimeout(), nullptr)) {
    std::fprintf(stderr, "kollega: the relay is still delivering; showing what arrived\n");
  }
  PrintIdentityWarnings(*c);
  if (args.positional.empty()) {
    auto conversations = c->Conversations().Get();
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
  size_t limit = 50;
  if (limit_it != args.options.end()) {
    char* end = nullptr;
    limit = std::strtoul(limit_it->second.c_str(), &end, 10);
    if (limit_it->second.empty() || *end != '\0') return Usage(args, "--limit expects a number");
  }
  auto history = c->History(args.positional[0], limit).Get();
  if (!history.ok()) return Fail("inbox", history.status());
  for (const auto& m : *history) PrintMessage(m);
  if (Status s = c->MarkRead(args.positional[0]).Get(); !s.ok()) return Fail("marking read", s);
  return 0;
}

int RunListen(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  std::signal(SIGINT, OnStopSignal);
  std::signal(SIGTERM, OnStopSignal);
  c->SetEventCallback(PrintEvent);
  if (Status s = c->StartListening().Get(); !s.ok()) {
    std::fprintf(stderr, "kollega: %s; retrying in the background\n", s.ToString().c_str());
  }
  PrintIdentityWarnings(*c);
  std::printf("listening; Ctrl-C to stop\n");
  std::fflush(stdout);
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  c->SetEventCallback(nullptr);
  c->Disconnect().Get().IgnoreError();
  return 0;
}

int RunChat(const Args& args) {
  if (args.positional.size() != 1) return Usage(args, "expects the account id to chat with");
  const std::string peer = args.positional[0];
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->SetEventCallback([](const client::Event& e) {
    if (!As<client::StatusChanged>(e)) PrintEvent(e);
  });
  if (Status s = c->StartListening().Get(); !s.ok()) {
    std::fprintf(stderr, "kollega: %s; messages are queued until the relay is back\n",
                 s.ToString().c_str());
  }
  if (auto history = c->History(peer, 20).Get(); history.ok()) {
    for (const auto& m : *history) PrintMessage(m);
  }
  c->MarkRead(peer).Get().IgnoreError();
  std::printf("chat with %s — type a line and press Enter; /quit or Ctrl-D to leave\n",
              peer.c_str());
  std::fflush(stdout);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line == "/quit") break;
    if (line.empty()) continue;
    auto id = c->Send(peer, line).Get();
    if (!id.ok()) std::fprintf(stderr, "kollega: not sent: %s\n", id.status().ToString().c_str());
    c->MarkRead(peer).Get().IgnoreError();
  }
  c->SetEventCallback(nullptr);
  c->Disconnect().Get().IgnoreError();
  return 0;
}

int RunLinkDevice(const Args& args) {
  if (args.options.count("code")) {
    return Usage(args,
                 "the linking code is not taken on the command line, where `ps` and the shell "
                 "history would show it: run `kollega link-device --relay URL` and type or paste "
                 "the code when asked, or pipe it in on standard input");
  }
  const auto relay = args.options.find("relay");
  if (relay == args.options.end()) {
    auto c = OpenClient(args, true);
    if (!c) return 1;
    if (Status s = c->Connect().Get(); !s.ok()) return Fail("cannot reach the relay", s);
    auto linking = c->StartLinking().Get();
    if (!linking.ok()) return Fail("cannot start linking", linking.status());
    auto me = c->WhoAmI().Get();
    std::printf(
        "On the new device, within 10 minutes, run:\n\n  kollega link-device --relay %s\n\n"
        "and type this code when it asks:\n\n  code: %s\n\n"
        "The code opens this account: show it to no one else.\n",
        me.ok() ? me->relay_url.c_str() : "<relay-url>", linking->c_str());
    return 0;
  }
  auto c = OpenClient(args, false);
  if (!c) return 1;
  if (int rc = RefuseExistingAccount(*c, args, "")) return rc;
  auto code = ReadLinkingCode();
  if (!code.ok()) return Fail("linking failed", code.status());
  Status linked = c->LinkDevice(relay->second, *code).Get();
  WipeString(*code);
  if (!linked.ok()) return Fail("linking failed", linked);
  auto me = c->WhoAmI().Get();
  if (!me.ok()) return Fail("link-device", me.status());
  std::printf("linked: account %s, this is device %u\n", me->account_id.c_str(), me->device_id);
  return 0;
}

int RunSafetyNumber(const Args& args) {
  if (args.positional.size() != 1) return Usage(args, "expects the account id of the peer");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto number = c->SafetyNumber(args.positional[0]).Get();
  if (!number.ok()) {
    // A prekey bundle may be needed to learn the peer's identity.
    c->Connect().Get().IgnoreError();
    number = c->SafetyNumber(args.positional[0]).Get();
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
  if (Status s = c->AcceptIdentityChange(args.positional[0]).Get(); !s.ok()) {
    return Fail("accept-identity", s);
  }
  std::printf("accepted the new identity of %s\n", args.positional[0].c_str());
  return 0;
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"init", "init <relay-url> [--name NAME]",
       "create an anonymous account on a relay (ws:// or wss://host:port)",
       "Generates this device's keys, creates a new anonymous account and uploads prekeys.\n"
       "No name, phone number or e-mail is asked for or sent. Asks for a passphrase that\n"
       "encrypts this device's data (or takes KOLLEGA_PASSPHRASE, or --key-file FILE).\n",
       RunInit},
      {"whoami", "whoami", "show this device's account id, device and relay", "", RunWhoAmI},
      {"send", "send <account> <text...>", "send a message (queued if offline)",
       "Encrypts the message for every device of <account> and for your own other devices.\n"
       "If the relay is unreachable it stays queued and goes out on the next connection.\n"
       "Online, waits for the relay to accept it; an unknown account fails (exit status 1).\n",
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
      {"link-device", "link-device [--relay URL] [--name NAME]",
       "link another device to this account",
       "On a device that has the account: prints a one-time code.\n"
       "On the new device: `kollega --data-dir NEW link-device --relay URL`, then type the\n"
       "code when asked (or pipe it in on standard input; never on the command line).\n"
       "The account's keys travel end-to-end encrypted; the relay cannot read them.\n",
       RunLinkDevice},
      {"safety-number", "safety-number <account>", "show the safety number with a contact",
       "60 digits that both sides compare out of band to rule out a man in the middle.\n",
       RunSafetyNumber},
      {"accept-identity", "accept-identity <account>", "trust a contact's changed identity key",
       "Only after comparing the new safety number with your contact.\n", RunAcceptIdentity},
      {"devices", "devices", "list this account's devices (name, linked, last seen)",
       "The devices of this account's signed device list: only these receive your messages.\n"
       "Names are sealed; the relay never sees them. Name a device with --name at init\n"
       "or link-device.\n",
       RunDevices},
      {"unlink-device", "unlink-device <N>", "remove device N from this account",
       "Publishes the account's signed list without N; the relay deletes its mailbox, keys\n"
       "and connection. Unlinking this device itself leaves this data directory unusable.\n",
       RunUnlinkDevice},
      {"join-org", "join-org <card>", "pin an organisation from its kollega://org card",
       "Checks the card, pins the organisation's key and fetches its policy and helper\n"
       "directory; everything is verified against that key, so the relay cannot forge it.\n"
       "The organisation must be on this account's relay. Joining again refreshes.\n",
       RunJoinOrg},
      {"orgs", "orgs", "the organisations joined here, refreshed when online",
       "Name, policy version, helpers, and whether it is open now by its opening hours\n"
       "(with its out-of-hours notice when closed).\n",
       RunOrgs},
      {"helpers",
       "helpers [--org ID] [--region R] [--profession P] [--language L] [--gender G] "
       "[--sector S] [--available]",
       "the helper directory of the organisations joined here",
       "Lists helpers whose certificates verified, unexpired and unrevoked, with their\n"
       "availability. Filters match exactly, ignoring case. Run `kollega orgs` first to\n"
       "refresh; listing itself asks the relay nothing.\n",
       RunHelpers},
      {"availability", "availability available|away|full [--back-in-hours N]",
       "a helper's availability, signed, shown in the directory",
       "Signed with this account's identity key; clients check it against the key in the\n"
       "helper's certificate. Shown for three days; publish again to keep it current.\n",
       RunAvailability},
      {"enrol-request",
       "enrol-request --name N --profession P [--region R] [--gender G] [--sector S] "
       "[--languages a,b] [--introduction T] --out FILE",
       "a helper's request to be enrolled by an organisation",
       "Writes this account's id, public identity key and the profile to certify; the\n"
       "administrators sign it offline with kollega-admin enrol (docs/admin.md).\n",
       RunEnrolRequest},
      {"safety", "safety [--org ID] [--country CC]",
       "emergency and crisis numbers, on-call contact",
       "From the organisation's signed policy, kept on this device: works offline.\n", RunSafety},
      {"open-case", "open-case <org-id> <helper> [--category C] <text...>",
       "open a case with a helper of the directory",
       "The helper's identity key is pinned from their certificate. Outside opening hours\n"
       "you are told when it opens; the message is kept and delivered as usual.\n",
       RunOpenCase},
      {"offer-case",
       "offer-case <org-id> [--region R] [--profession P] [--language L] [--category C] "
       "<text...>",
       "offer a case to whoever is available first",
       "Goes to every available helper who matches; the first to accept takes it and the\n"
       "others see it withdrawn. The relay learns only which helpers claimed it.\n",
       RunOfferCase},
      {"cases", "cases", "your cases, with their limits", "", RunCases},
      {"case", "case <case-id>", "a case's messages", "", RunCase},
      {"case-send", "case-send <case-id> <text...>", "write in a case", "", RunCaseSend},
      {"accept-case", "accept-case <case-id>", "a helper takes an offered case", "", RunAcceptCase},
      {"close-case", "close-case <case-id> [--heavy] [--category ID]",
       "close a case and wipe it here",
       "A helper's device keeps only the case's category and month. --heavy: a prompt to\n"
       "debrief with a colleague. --category: count it under another of the policy's\n"
       "categories than the one it was opened with.\n",
       RunCloseCase},
      {"refer", "refer <case-id> <resource-id>", "share one of the organisation's resource cards",
       "", RunRefer},
      {"handover", "handover <case-id> <helper>", "ask the seeker to move the case to a colleague",
       "", RunHandover},
      {"handover-answer", "handover-answer <case-id> yes|no [--pass-on TEXT]",
       "the seeker's consent to a handover",
       "Yes opens a case with the new helper carrying only --pass-on, and closes this one.\n",
       RunHandoverAnswer},
      {"case-time", "case-time <case-id> <minutes>", "a helper corrects a case's support time", "",
       RunCaseTime},
  };
  return kCommands;
}

}  // namespace kollega::cli
