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
  KOLLEGA_ASSIGN_OR_RETURN(std::vector<OutboundItem> items, store.PendingOutbound(kFlushBatch));
  std::set<std::string> blocked;
  for (const auto& item : items) {
    if (blocked.count(item.recipient_account)) continue;
    KOLLEGA_RETURN_IF_ERROR(store.MarkOutboundAttempt(item.seq));
    Status s = kernel_.fanout().DeliverTo(item.recipient_account, item.content);
    if (s.ok()) {
      KOLLEGA_RETURN_IF_ERROR(store.RemoveOutbound(item.seq));
      Sent(item);
      continue;
    }
    const bool permanent = s.code() == StatusCode::kNotFound ||
                           s.code() == StatusCode::kInvalidArgument ||
                           item.attempts + 1 >= kernel_.options().max_send_attempts;
    if (s.code() == StatusCode::kFailedPrecondition && !permanent) {
      blocked.insert(item.recipient_account);
      continue;
    }
    if (!permanent) return s;  // transient: retried at the next flush
    KOLLEGA_RETURN_IF_ERROR(GiveUp(item, s));
  }
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
