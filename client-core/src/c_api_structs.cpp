// The C API's structs filled from the C++ values (kollega.h, "Versioned
// structs"): each reports as its size the end of its last field.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstring>
#include <iterator>

#include "c_api_internal.h"

namespace kollega::capi {
namespace {

// The end of `field` in `type`: what `size` reports when it is the last.
#define KOLLEGA_FIELD_END(type, field) (offsetof(type, field) + sizeof(type::field))

// The end of every field of kollega_event, in order. Append here when a
// field is appended to the struct.
constexpr size_t kEventFieldEnds[] = {
    KOLLEGA_FIELD_END(kollega_event, size),           KOLLEGA_FIELD_END(kollega_event, kind),
    KOLLEGA_FIELD_END(kollega_event, peer),           KOLLEGA_FIELD_END(kollega_event, device),
    KOLLEGA_FIELD_END(kollega_event, message_id),     KOLLEGA_FIELD_END(kollega_event, status),
    KOLLEGA_FIELD_END(kollega_event, connection),     KOLLEGA_FIELD_END(kollega_event, text),
    KOLLEGA_FIELD_END(kollega_event, outgoing),       KOLLEGA_FIELD_END(kollega_event, detail),
    KOLLEGA_FIELD_END(kollega_event, sent_ms),        KOLLEGA_FIELD_END(kollega_event, progress),
    KOLLEGA_FIELD_END(kollega_event, progress_total),
};
constexpr size_t kEventEnd = kEventFieldEnds[std::size(kEventFieldEnds) - 1];
// The last field of the other structs (update when appending).
constexpr size_t kMessageEnd = KOLLEGA_FIELD_END(kollega_message, stored_ms);
constexpr size_t kConversationEnd = KOLLEGA_FIELD_END(kollega_conversation, last_ms);
constexpr size_t kAccountEnd = KOLLEGA_FIELD_END(kollega_account, relay_url);
constexpr size_t kIdentityChangeEnd = KOLLEGA_FIELD_END(kollega_identity_change, device);
constexpr size_t kDeviceEnd = KOLLEGA_FIELD_END(kollega_device, this_device);

}  // namespace

const size_t kMinEventSize = KOLLEGA_FIELD_END(kollega_event, kind);

namespace {

// Device lists and repair (kollega.h lists the fields each kind fills).
bool FillDeviceEvent(const client::Event& e, kollega_event* out) {
  using namespace kollega::client;  // NOLINT: the event types
  if (auto* r = As<DeviceListRejected>(e)) {
    out->kind = KOLLEGA_EVENT_DEVICE_LIST_REJECTED;
    out->peer = r->peer.c_str();
    out->detail = r->reason.c_str();
  } else if (auto* c = As<DeviceListChanged>(e)) {
    out->kind = KOLLEGA_EVENT_DEVICE_LIST_CHANGED;
    out->peer = c->peer.c_str();
    out->outgoing = c->own ? 1 : 0;
    // One device added or removed (the usual case) is named; more at once
    // read "changed", and kollega_devices() tells the rest.
    const size_t changes = c->added.size() + c->removed.size();
    out->device = changes == 1 ? (c->added.empty() ? c->removed[0] : c->added[0]) : 0;
    out->detail = changes != 1 ? "changed" : c->added.empty() ? "removed" : "added";
  } else if (auto* u = As<UnlistedSender>(e)) {
    out->kind = KOLLEGA_EVENT_UNLISTED_SENDER;
    out->peer = u->peer.c_str();
    out->device = u->device;
  } else if (auto* s = As<SilentDeviceUnlinked>(e)) {
    out->kind = KOLLEGA_EVENT_SILENT_DEVICE_UNLINKED;
    out->device = s->device;
    out->sent_ms = s->last_seen_ms;
  } else if (auto* f = As<RepairFailed>(e)) {
    out->kind = KOLLEGA_EVENT_REPAIR_FAILED;
    out->peer = f->peer.c_str();
    out->device = f->device;
    out->detail = f->detail.c_str();
  } else if (auto* p = As<SignUpProgress>(e)) {
    out->kind = KOLLEGA_EVENT_SIGNUP_PROGRESS;
    out->progress = p->tried;
    out->progress_total = p->expected;
  } else if (auto* k = As<CaseChanged>(e)) {
    out->kind = KOLLEGA_EVENT_CASE_CHANGED;
    out->message_id = k->case_id.c_str();
    out->detail = k->what.c_str();
    out->text = k->text.c_str();
  } else if (auto* w = As<CaseLimitWarning>(e)) {
    out->kind = KOLLEGA_EVENT_CASE_LIMIT;
    out->message_id = w->case_id.c_str();
    out->status = static_cast<int>(w->level);
    out->detail = w->reason.c_str();
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool FillEvent(const client::Event& e, kollega_event* out) {
  using namespace kollega::client;  // NOLINT: the event types
  *out = kollega_event{};
  out->size = kEventEnd;
  out->peer = out->message_id = out->text = out->detail = "";
  if (auto* m = As<MessageReceived>(e)) {
    out->kind = KOLLEGA_EVENT_MESSAGE_RECEIVED;
    out->peer = m->message.peer.c_str();
    out->device = m->message.peer_device;
    out->message_id = m->message.id.c_str();
    out->status = static_cast<int>(m->message.status);
    out->text = m->message.text.c_str();
    out->outgoing = m->message.outgoing ? 1 : 0;
    out->sent_ms = m->message.sent_ms;
  } else if (auto* s = As<StatusChanged>(e)) {
    out->kind = KOLLEGA_EVENT_STATUS_CHANGED;
    out->peer = s->peer.c_str();
    out->message_id = s->message_id.c_str();
    out->status = static_cast<int>(s->status);
  } else if (auto* i = As<IdentityChanged>(e)) {
    out->kind = KOLLEGA_EVENT_IDENTITY_CHANGED;
    out->peer = i->peer.c_str();
    out->device = i->device;
  } else if (auto* c = As<ConnectionChanged>(e)) {
    out->kind = KOLLEGA_EVENT_CONNECTION_CHANGED;
    out->connection = static_cast<int>(c->state);
  } else if (auto* d = As<DecryptionFailed>(e)) {
    out->kind = KOLLEGA_EVENT_DECRYPTION_FAILED;
    out->peer = d->peer.c_str();
    out->device = d->device;
    out->detail = d->detail.c_str();
  } else if (auto* f = As<SendFailed>(e)) {
    out->kind = KOLLEGA_EVENT_SEND_FAILED;
    out->peer = f->peer.c_str();
    out->message_id = f->message_id.c_str();
    out->detail = f->detail.c_str();
  } else if (As<QueueDrained>(e)) {
    out->kind = KOLLEGA_EVENT_QUEUE_DRAINED;
  } else {
    return FillDeviceEvent(e, out);
  }
  return true;
}

size_t CopyFittingFields(const kollega_event& full, size_t room, kollega_event* out) {
  size_t fits = 0;
  for (size_t end : kEventFieldEnds) {
    if (end <= room) fits = end;
  }
  if (fits < KOLLEGA_FIELD_END(kollega_event, kind)) return 0;
  std::memcpy(out, &full, fits);
  out->size = static_cast<uint32_t>(fits);
  return fits;
}

kollega_message ToC(const client::Message& m) {
  kollega_message out{};
  out.size = kMessageEnd;
  out.id = m.id.c_str();
  out.peer = m.peer.c_str();
  out.text = m.text.c_str();
  out.outgoing = m.outgoing ? 1 : 0;
  out.status = static_cast<int>(m.status);
  out.peer_device = m.peer_device;
  out.sent_ms = m.sent_ms;
  out.stored_ms = m.stored_ms;
  return out;
}
kollega_conversation ToC(const client::Conversation& c) {
  kollega_conversation out{};
  out.size = kConversationEnd;
  out.peer = c.peer.c_str();
  out.message_count = c.message_count;
  out.last_ms = c.last_ms;
  return out;
}
kollega_identity_change ToC(const client::IdentityChange& c) {
  kollega_identity_change out{};
  out.size = kIdentityChangeEnd;
  out.peer = c.peer.c_str();
  out.device = c.device;
  return out;
}

kollega_device ToC(const client::DeviceInfo& d) {
  kollega_device out{};
  out.size = kDeviceEnd;
  out.device_id = d.device_id;
  out.name = d.name.c_str();
  out.linked_at_ms = d.linked_at_ms;
  out.last_seen_ms = d.last_seen_ms;
  out.this_device = d.this_device ? 1 : 0;
  return out;
}

kollega_account ToC(const client::WhoAmIInfo& who) {
  kollega_account out{};
  out.size = kAccountEnd;
  out.account_id = who.account_id.c_str();
  out.device_id = who.device_id;
  out.relay_url = who.relay_url.c_str();
  return out;
}

}  // namespace kollega::capi
