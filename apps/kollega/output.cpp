// SPDX-License-Identifier: GPL-3.0-or-later
#include "output.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace kollega::cli {

using client::As;

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

void PrintIdentityWarning(const std::string& peer, uint32_t device) {
  std::printf(
      "!! the safety number with %s has changed (device %u). Compare it with "
      "`kollega safety-number %s`, then `kollega accept-identity %s`.\n",
      peer.c_str(), device, peer.c_str(), peer.c_str());
}

namespace {

std::string Ids(const std::vector<uint32_t>& ids) {
  std::string out;
  for (uint32_t id : ids) out += (out.empty() ? "" : ", ") + std::to_string(id);
  return out;
}

// Device lists and repair (docs/trust.md): what the relay tried and what
// this account's devices did. False for any other kind.
bool PrintDeviceEvent(const client::Event& e) {
  if (auto* r = As<client::DeviceListRejected>(e)) {
    std::printf("!! refused the relay's device list for %s: %s\n", r->peer.c_str(),
                r->reason.c_str());
  } else if (auto* c = As<client::DeviceListChanged>(e)) {
    const std::string whose = c->own ? "this account" : c->peer;
    if (!c->added.empty()) {
      std::printf("  device %s linked to %s\n", Ids(c->added).c_str(), whose.c_str());
    }
    if (!c->removed.empty()) {
      std::printf("  device %s removed from %s\n", Ids(c->removed).c_str(), whose.c_str());
    }
  } else if (auto* s = As<client::SilentDeviceUnlinked>(e)) {
    std::printf("  device %u of this account was unlinked: the relay had not seen it %s\n",
                s->device,
                s->last_seen_ms > 0 ? ("since " + FormatTime(s->last_seen_ms)).c_str() : "at all");
  } else if (auto* u = As<client::UnlistedSender>(e)) {
    std::printf(
        "!! dropped a message said to be from %s device %u: that device is not in the "
        "account's signed list\n",
        u->peer.c_str(), u->device);
  } else if (auto* f = As<client::RepairFailed>(e)) {
    std::printf("!! a message from %s could not be recovered: %s\n", f->peer.c_str(),
                f->detail.c_str());
  } else {
    return false;
  }
  return true;
}

}  // namespace

void PrintEvent(const client::Event& e) {
  if (auto* m = As<client::MessageReceived>(e)) {
    PrintMessage(m->message);
  } else if (auto* s = As<client::StatusChanged>(e)) {
    std::printf("  message %s to %s is now %s\n", s->message_id.c_str(), s->peer.c_str(),
                std::string(client::MessageStatusName(s->status)).c_str());
  } else if (auto* i = As<client::IdentityChanged>(e)) {
    PrintIdentityWarning(i->peer, i->device);
  } else if (auto* c = As<client::ConnectionChanged>(e)) {
    std::printf("  (%s)\n", c->state == client::ConnectionState::kOnline       ? "online"
                            : c->state == client::ConnectionState::kConnecting ? "connecting…"
                                                                               : "offline");
  } else if (auto* d = As<client::DecryptionFailed>(e)) {
    std::printf("!! a message from %s could not be decrypted: %s\n", d->peer.c_str(),
                d->detail.c_str());
  } else if (auto* f = As<client::SendFailed>(e)) {
    std::printf("!! giving up sending %s to %s: %s\n", f->message_id.c_str(), f->peer.c_str(),
                f->detail.c_str());
  } else if (auto* k = As<client::CaseChanged>(e)) {
    std::printf("case %s: %s%s%s\n", k->case_id.c_str(), k->what.c_str(),
                k->text.empty() ? "" : ": ", k->text.c_str());
  } else if (auto* w = As<client::CaseLimitWarning>(e)) {
    std::printf("case %s: %s — %s\n", w->case_id.c_str(),
                w->level == client::CaseLimitLevel::kReached ? "limit reached, refer on"
                                                             : "nearing the limit",
                w->reason.c_str());
  } else if (!PrintDeviceEvent(e)) {
    return;
  }
  std::fflush(stdout);
}

void SignUpProgressPrinter::Print(const client::Event& e) {
  auto* p = As<client::SignUpProgress>(e);
  if (!p || p->expected == 0) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  if (!printed_) terminal_ = isatty(STDERR_FILENO) == 1;
  if (!terminal_ && printed_ && now - last_ < std::chrono::seconds(5)) return;
  last_ = now;
  printed_ = true;
  // A search can outrun its expectation; the count stops short of 100 %
  // until the account exists.
  const double share = std::min(0.99, static_cast<double>(p->tried) / p->expected);
  std::fprintf(stderr, "%s  proof of work (%u bits): about %d %% of the expected work%s",
               terminal_ ? "\r" : "", p->bits, static_cast<int>(share * 100),
               terminal_ ? "" : "\n");
  std::fflush(stderr);
}

void SignUpProgressPrinter::Finish() {
  if (printed_ && terminal_) std::fprintf(stderr, "\n");
}

void PrintIdentityWarnings(client::Client& c) {
  auto changes = c.PendingIdentityChanges().Get();
  if (!changes.ok()) return;
  for (const auto& change : *changes) PrintIdentityWarning(change.peer, change.device);
  std::fflush(stdout);
}

}  // namespace kollega::cli
