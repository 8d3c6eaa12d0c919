// The C API (kollega.h) over Client. No C++ exception or type crosses it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "kollega/client-core/client.h"
#include "kollega/client-core/kollega.h"

using kollega::Status;
using kollega::StatusCode;
using kollega::client::Client;
using kollega::client::Event;

struct kollega_client {
  std::unique_ptr<Client> client;
  std::mutex mu;  // guards `polled`
  Event polled;   // backs the strings of the last polled event
};

namespace {

thread_local std::string last_error;

int Fail(const Status& s) {
  last_error = s.message();
  switch (s.code()) {
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

int Done(const Status& s) {
  if (s.ok()) {
    last_error.clear();
    return KOLLEGA_OK;
  }
  return Fail(s);
}

char* Dup(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) std::abort();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

bool Valid(kollega_client* c) {
  if (c && c->client) return true;
  last_error = "no client handle";
  return false;
}

// `e` must outlive the use of `out`'s pointers.
void Fill(const Event& e, kollega_event* out) {
  out->kind = static_cast<int>(e.kind);
  out->peer = e.peer.c_str();
  out->device = e.device;
  out->message_id = e.message_id.c_str();
  out->status = static_cast<int>(e.status);
  out->connection = static_cast<int>(e.connection);
  out->text = e.message ? e.message->text.c_str() : "";
  out->outgoing = e.message && e.message->outgoing ? 1 : 0;
}

}  // namespace

extern "C" {

const char* kollega_last_error(void) { return last_error.c_str(); }

void kollega_free_string(char* s) { std::free(s); }

int kollega_open(const char* data_dir, kollega_client** out) {
  return kollega_open_with_ca_file(data_dir, nullptr, out);
}

int kollega_open_with_ca_file(const char* data_dir, const char* tls_ca_file, kollega_client** out) {
  if (!data_dir || !out) return Fail(kollega::InvalidArgument("data_dir and out are required"));
  Client::Options options;
  if (tls_ca_file) options.tls_ca_file = tls_ca_file;
  auto client = Client::Open(data_dir, options);
  if (!client.ok()) return Fail(client.status());
  auto* handle = new kollega_client;
  handle->client = std::move(*client);
  *out = handle;
  return Done(Status::Ok());
}

void kollega_close(kollega_client* client) { delete client; }

int kollega_create_account(kollega_client* c, const char* relay_url) {
  if (!Valid(c)) return KOLLEGA_ERR_INVALID_ARGUMENT;
  if (!relay_url) return Fail(kollega::InvalidArgument("relay_url is required"));
  return Done(c->client->CreateAccount(relay_url));
}

int kollega_start_linking(kollega_client* c, char** code_out) {
  if (!Valid(c) || !code_out) return Fail(kollega::InvalidArgument("bad arguments"));
  auto code = c->client->StartLinking();
  if (!code.ok()) return Fail(code.status());
  *code_out = Dup(*code);
  return Done(Status::Ok());
}

int kollega_link_device(kollega_client* c, const char* relay_url, const char* code) {
  if (!Valid(c) || !relay_url || !code) return Fail(kollega::InvalidArgument("bad arguments"));
  return Done(c->client->LinkDevice(relay_url, code));
}

int kollega_whoami(kollega_client* c, char** account_id_out, uint32_t* device_id_out,
                   char** relay_url_out) {
  if (!Valid(c)) return KOLLEGA_ERR_INVALID_ARGUMENT;
  auto who = c->client->WhoAmI();
  if (!who.ok()) return Fail(who.status());
  if (account_id_out) *account_id_out = Dup(who->account_id);
  if (device_id_out) *device_id_out = who->device_id;
  if (relay_url_out) *relay_url_out = Dup(who->relay_url);
  return Done(Status::Ok());
}

int kollega_connect(kollega_client* c) {
  if (!Valid(c)) return KOLLEGA_ERR_INVALID_ARGUMENT;
  return Done(c->client->Connect());
}

int kollega_listen(kollega_client* c) {
  if (!Valid(c)) return KOLLEGA_ERR_INVALID_ARGUMENT;
  return Done(c->client->StartListening());
}

void kollega_disconnect(kollega_client* c) {
  if (Valid(c)) c->client->Disconnect();
}

int kollega_send_text(kollega_client* c, const char* peer, const char* text,
                      char** message_id_out) {
  if (!Valid(c) || !peer || !text) return Fail(kollega::InvalidArgument("bad arguments"));
  auto id = c->client->Send(peer, text);
  if (!id.ok()) return Fail(id.status());
  if (message_id_out) *message_id_out = Dup(*id);
  return Done(Status::Ok());
}

int kollega_mark_read(kollega_client* c, const char* peer) {
  if (!Valid(c) || !peer) return Fail(kollega::InvalidArgument("bad arguments"));
  return Done(c->client->MarkRead(peer));
}

int kollega_safety_number(kollega_client* c, const char* peer, char** digits_out) {
  if (!Valid(c) || !peer || !digits_out) return Fail(kollega::InvalidArgument("bad arguments"));
  auto digits = c->client->SafetyNumber(peer);
  if (!digits.ok()) return Fail(digits.status());
  *digits_out = Dup(*digits);
  return Done(Status::Ok());
}

int kollega_accept_identity_change(kollega_client* c, const char* peer) {
  if (!Valid(c) || !peer) return Fail(kollega::InvalidArgument("bad arguments"));
  return Done(c->client->AcceptIdentityChange(peer));
}

void kollega_set_event_callback(kollega_client* c, kollega_event_fn fn, void* user_data) {
  if (!Valid(c)) return;
  if (!fn) return c->client->SetEventCallback(nullptr);
  c->client->SetEventCallback([fn, user_data](const Event& e) {
    kollega_event out;
    Fill(e, &out);
    fn(&out, user_data);
  });
}

int kollega_poll_event(kollega_client* c, int timeout_ms, kollega_event* out) {
  if (!Valid(c) || !out) return Fail(kollega::InvalidArgument("bad arguments"));
  auto event = c->client->NextEvent(std::chrono::milliseconds(timeout_ms < 0 ? 0 : timeout_ms));
  if (!event) {
    last_error = "no event";
    return KOLLEGA_ERR_TIMEOUT;
  }
  std::lock_guard lock(c->mu);
  c->polled = std::move(*event);
  Fill(c->polled, out);
  return Done(Status::Ok());
}

}  // extern "C"
