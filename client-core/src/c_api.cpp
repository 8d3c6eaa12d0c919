// The C API (kollega.h) over Client: the handle, events and the
// asynchronous calls. No C++ exception or type crosses it. The blocking
// `_sync` helpers are in c_api_sync.cpp, the structs in c_api_structs.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "c_api_calls.h"

using kollega::Result;
using kollega::Status;
using kollega::StatusCode;
using kollega::client::Async;
using kollega::client::Client;
using kollega::client::Event;

namespace kollega::capi {
namespace {

thread_local std::string last_error;

int Code(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return KOLLEGA_OK;
    case StatusCode::kInvalidArgument:
      return KOLLEGA_ERR_INVALID_ARGUMENT;
    case StatusCode::kNotFound:
      return KOLLEGA_ERR_NOT_FOUND;
    case StatusCode::kAlreadyExists:
      return KOLLEGA_ERR_ALREADY_EXISTS;
    case StatusCode::kPermissionDenied:
      return KOLLEGA_ERR_PERMISSION_DENIED;
    case StatusCode::kUnauthenticated:
      return KOLLEGA_ERR_UNAUTHENTICATED;
    case StatusCode::kResourceExhausted:
      return KOLLEGA_ERR_RESOURCE_EXHAUSTED;
    case StatusCode::kFailedPrecondition:
      return KOLLEGA_ERR_FAILED_PRECONDITION;
    case StatusCode::kUnavailable:
      return KOLLEGA_ERR_UNAVAILABLE;
    case StatusCode::kDataLoss:
      return KOLLEGA_ERR_DATA_LOSS;
    case StatusCode::kInternal:
      return KOLLEGA_ERR_INTERNAL;
    case StatusCode::kStorageFull:
      return KOLLEGA_ERR_STORAGE_FULL;
  }
  return KOLLEGA_ERR_INTERNAL;
}

}  // namespace

int Report(const Status& status) {
  if (status.ok()) {
    last_error.clear();
    return KOLLEGA_OK;
  }
  last_error = status.message();
  return Code(status.code());
}

int Report(int code, std::string message) {
  last_error = std::move(message);
  return code;
}

thread_local int callback_depth = 0;

CallbackScope::CallbackScope() { ++callback_depth; }
CallbackScope::~CallbackScope() { --callback_depth; }

bool InCallback() { return callback_depth > 0; }

char* Dup(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) std::abort();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

}  // namespace kollega::capi

using namespace kollega::capi;  // NOLINT: this file implements it

extern "C" {

const char* kollega_last_error(void) { return last_error.c_str(); }

void kollega_free_string(char* s) { std::free(s); }

int kollega_open(const char* data_dir, kollega_client** out) {
  return kollega_open_with_ca_file(data_dir, nullptr, out);
}

int kollega_open_with_ca_file(const char* data_dir, const char* tls_ca_file, kollega_client** out) {
  kollega_open_options options{};
  options.size = sizeof options;
  options.tls_ca_file = tls_ca_file;
  return kollega_open_with_options(data_dir, &options, out);
}

int kollega_open_with_options(const char* data_dir, const kollega_open_options* in,
                              kollega_client** out) {
  if (!data_dir || !in || !out) return BadArguments();
  Client::Options options;
  if (KOLLEGA_HAS_FIELD(in, kollega_open_options, tls_ca_file) && in->tls_ca_file) {
    options.tls_ca_file = in->tls_ca_file;
  }
  if (KOLLEGA_HAS_FIELD(in, kollega_open_options, passphrase) && in->passphrase) {
    options.store_key.passphrase = in->passphrase;
  }
  if (KOLLEGA_HAS_FIELD(in, kollega_open_options, store_key_len) && in->store_key) {
    options.store_key.raw_key.assign(reinterpret_cast<const char*>(in->store_key),
                                     in->store_key_len);
  }
  auto client = Client::Open(data_dir, std::move(options));
  if (!client.ok()) return Report(client.status());
  auto* handle = new kollega_client;
  handle->client = std::move(*client);
  *out = handle;
  return Report(Status::Ok());
}

void kollega_close(kollega_client* c) {
  // From a callback the worker would wait for itself to stop.
  if (InCallback()) {
    Report(KOLLEGA_ERR_FAILED_PRECONDITION, "kollega_close called from a callback");
    return;
  }
  delete c;
}

int kollega_create_account(kollega_client* c, const char* relay_url, kollega_done_fn done,
                           void* user_data) {
  if (!Valid(c) || !relay_url) return BadArguments();
  return Start(c->client->CreateAccount(relay_url), DoneStatus(done, user_data));
}

int kollega_start_linking(kollega_client* c, kollega_done_fn done, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->StartLinking(), DoneString(done, user_data));
}

int kollega_link_device(kollega_client* c, const char* relay_url, const char* code,
                        kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !relay_url || !code) return BadArguments();
  return Start(c->client->LinkDevice(relay_url, code), DoneStatus(done, user_data));
}

int kollega_whoami(kollega_client* c, kollega_account_fn fn, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->WhoAmI(), [fn, user_data](const Result<kollega::client::WhoAmIInfo>& r) {
    const int rc = Report(r.status());
    if (!fn) return;
    if (!r.ok()) return fn(rc, nullptr, r.status().message().c_str(), user_data);
    const kollega_account account = ToC(*r);
    fn(rc, &account, nullptr, user_data);
  });
}

int kollega_connect(kollega_client* c, kollega_done_fn done, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Connect(), DoneStatus(done, user_data));
}

int kollega_listen(kollega_client* c, kollega_done_fn done, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->StartListening(), DoneStatus(done, user_data));
}

int kollega_disconnect(kollega_client* c, kollega_done_fn done, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Disconnect(), DoneStatus(done, user_data));
}

int kollega_send_text(kollega_client* c, const char* peer, const char* text, kollega_done_fn done,
                      void* user_data) {
  if (!Valid(c) || !peer || !text) return BadArguments();
  return Start(c->client->Send(peer, text), DoneString(done, user_data));
}

int kollega_history(kollega_client* c, const char* peer, size_t limit, kollega_messages_fn fn,
                    void* user_data) {
  if (!Valid(c) || !peer) return BadArguments();
  return Start(c->client->History(peer, limit),
               ListDeliverer<kollega_message, kollega::client::Message>(
                   [](const kollega::client::Message& m) { return ToC(m); }, fn, user_data));
}

int kollega_conversations(kollega_client* c, kollega_conversations_fn fn, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Conversations(),
               ListDeliverer<kollega_conversation, kollega::client::Conversation>(
                   [](const kollega::client::Conversation& v) { return ToC(v); }, fn, user_data));
}

int kollega_mark_read(kollega_client* c, const char* peer, kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !peer) return BadArguments();
  return Start(c->client->MarkRead(peer), DoneStatus(done, user_data));
}

int kollega_flush_outbound(kollega_client* c, kollega_done_fn done, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->FlushOutbound(), DoneStatus(done, user_data));
}

int kollega_safety_number(kollega_client* c, const char* peer, kollega_done_fn done,
                          void* user_data) {
  if (!Valid(c) || !peer) return BadArguments();
  return Start(c->client->SafetyNumber(peer), DoneString(done, user_data));
}

int kollega_identity_changes(kollega_client* c, kollega_identity_changes_fn fn, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->PendingIdentityChanges(),
               ListDeliverer<kollega_identity_change, kollega::client::IdentityChange>(
                   [](const kollega::client::IdentityChange& v) { return ToC(v); }, fn, user_data));
}

int kollega_accept_identity_change(kollega_client* c, const char* peer, kollega_done_fn done,
                                   void* user_data) {
  if (!Valid(c) || !peer) return BadArguments();
  return Start(c->client->AcceptIdentityChange(peer), DoneStatus(done, user_data));
}

int kollega_devices(kollega_client* c, kollega_devices_fn fn, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Devices(),
               ListDeliverer<kollega_device, kollega::client::DeviceInfo>(
                   [](const kollega::client::DeviceInfo& v) { return ToC(v); }, fn, user_data));
}

int kollega_unlink_device(kollega_client* c, uint32_t device_id, kollega_done_fn done,
                          void* user_data) {
  if (!Valid(c) || device_id == 0) return BadArguments();
  return Start(c->client->UnlinkDevice(device_id), DoneStatus(done, user_data));
}

void kollega_set_event_callback(kollega_client* c, kollega_event_fn fn, void* user_data) {
  if (!Valid(c)) return;
  if (!fn) return c->client->SetEventCallback(nullptr);
  c->client->SetEventCallback([fn, user_data](const Event& e) {
    kollega_event out;
    if (!FillEvent(e, &out)) return;
    CallbackScope scope;
    fn(&out, user_data);
  });
}

int kollega_poll_event(kollega_client* c, int timeout_ms, kollega_event* out) {
  if (!Valid(c) || !out) return BadArguments();
  if (out->size < kMinEventSize) {
    return Report(KOLLEGA_ERR_INVALID_ARGUMENT, "set event->size to sizeof(kollega_event)");
  }
  const size_t room = out->size;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(timeout_ms, 0));
  // Kinds the C API does not know are skipped, within the same deadline.
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto event = c->client->NextEvent(std::max(left, std::chrono::milliseconds(0)));
    if (!event) return Report(KOLLEGA_ERR_TIMEOUT, "no event");
    kollega_event full;
    if (!FillEvent(*event, &full)) continue;
    std::lock_guard lock(c->mu);
    c->polled = std::move(event);
    CopyFittingFields(full, room, out);
    return Report(Status::Ok());
  }
}

}  // extern "C"
