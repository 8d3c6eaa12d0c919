// SPDX-License-Identifier: GPL-3.0-or-later
#include "outbox.h"

#include <set>

#include "fanout.h"
#include "kernel.h"
#include "kollega/base/log.h"
#include "link_manager.h"
#include "padding.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kFlushBatch = 64;
// Items of blocked recipients that one flush looks past to find others'.
constexpr size_t kMaxSkipped = 4096;
// This many recipients in a row failing for a passing reason means the
// relay, not a recipient, is the problem: stop instead of trying them all.
constexpr int kMaxTransientInARow = 3;

bool StartsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// A passing failure that concerns every recipient alike (the relay's rate
// limit or storage, a lost link): the flush stops. Anything else passing
// (a full mailbox, a device list that keeps changing, an identity change)
// concerns one recipient, and the flush moves on to the next.
bool RelayWide(const Status& s, bool online) {
  if (!online) return true;
  switch (s.code()) {
    case StatusCode::kResourceExhausted:
      // One recipient's mailbox (full, or this sender's share of it used up);
      // otherwise RATE_LIMITED or STORAGE_FULL.
      return !StartsWith(s.message(), "MAILBOX_FULL") &&
             !StartsWith(s.message(), "SENDER_QUOTA_EXCEEDED");
    case StatusCode::kUnauthenticated:
    case StatusCode::kInternal:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status Outbox::Enqueue(const std::string& recipient, const content::Content& content) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string padded, SerializePadded(content));
  return kernel_.store().EnqueueOutbound(recipient, padded).status();
}

Status Outbox::Flush() {
  if (!kernel_.has_account() || !kernel_.link().authenticated()) {
    return Unavailable("offline; the message stays queued");
  }
  ClientStore& store = kernel_.store();
  // Recipients whose oldest item failed in this flush: their later items
  // wait behind it (order per recipient), everyone else's go on.
  std::set<std::string> blocked;
  Status held = Status::Ok();  // the first passing failure, for the caller
  // An early return below reports its own error, and `held` is then moot
  // (checked-status builds abort on an unread Status).
  struct Moot {
    Status& status;
    ~Moot() { status.IgnoreError(); }
  } moot{held};
  int transient_in_a_row = 0;
  size_t skipped = 0;  // items of blocked recipients ahead of the next page
  while (true) {
    KOLLEGA_ASSIGN_OR_RETURN(std::vector<OutboundItem> items,
                             store.PendingOutbound(skipped + kFlushBatch));
    size_t still_ahead = 0;
    for (const auto& item : items) {
      if (blocked.count(item.recipient_account)) {
        ++still_ahead;
        continue;
      }
      KOLLEGA_RETURN_IF_ERROR(store.MarkOutboundAttempt(item.seq));
      kernel_.link().TakeLastAcceptedTime();  // from an earlier request
      Status s = kernel_.fanout().DeliverTo(item.recipient_account, item.content);
      if (s.ok()) {
        transient_in_a_row = 0;
        const uint64_t server_time = kernel_.link().TakeLastAcceptedTime().value_or(0);
        // Off the queue and into what components keep of sent messages
        // (repair) in one synced write.
        KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&]() -> Status {
          KOLLEGA_RETURN_IF_ERROR(store.RemoveOutbound(item.seq));
          kernel_.NotifyAccepted(item.recipient_account, item.content, server_time);
          return Status::Ok();
        }));
        Sent(item);
        continue;
      }
      const bool permanent = s.code() == StatusCode::kNotFound ||
                             s.code() == StatusCode::kInvalidArgument ||
                             item.attempts + 1 >= kernel_.options().max_send_attempts;
      if (permanent) {
        KOLLEGA_RETURN_IF_ERROR(GiveUp(item, s));
        continue;
      }
      if (RelayWide(s, kernel_.link().authenticated()) ||
          ++transient_in_a_row >= kMaxTransientInARow) {
        return s;  // retried at the next flush
      }
      if (held.ok()) held = s;
      blocked.insert(item.recipient_account);
      ++still_ahead;
    }
    if (items.size() < skipped + kFlushBatch) break;  // the whole queue was seen
    skipped = still_ahead;
    if (skipped >= kMaxSkipped) break;
  }
  // An identity change waits for the user, not for a retry: not an error.
  if (!held.ok() && held.code() != StatusCode::kFailedPrecondition) return held;
  held.IgnoreError();
  return Status::Ok();
}

void Outbox::Sent(const OutboundItem& item) {
  content::Content content;
  if (!content.ParseFromString(item.content)) return;
  if (Component* component = kernel_.ComponentFor(content)) {
    component->OnSent(item.recipient_account, content);
  }
}

Status Outbox::GiveUp(const OutboundItem& item, const Status& why) {
  KOLLEGA_RETURN_IF_ERROR(kernel_.store().RemoveOutbound(item.seq));
  log::Info(kLog, "an outbound message was given up: " + why.ToString());
  content::Content content;
  if (!content.ParseFromString(item.content)) return Status::Ok();
  if (Component* component = kernel_.ComponentFor(content)) {
    component->OnSendFailed(item.recipient_account, content, why);
  }
  return Status::Ok();
}

}  // namespace kollega::client
