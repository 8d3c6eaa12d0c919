// The C API's blocking helpers (kollega.h, "Blocking helpers"): each starts
// its asynchronous counterpart and waits on the calling thread for the
// completion callback.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <condition_variable>
#include <mutex>
#include <string>

#include "c_api_internal.h"

using namespace kollega::capi;  // NOLINT: this file implements it

namespace {

// One call's outcome, handed from the worker thread to the waiting caller.
struct Waiter {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  int rc = KOLLEGA_OK;
  std::string result;  // the result, or the error message
  uint32_t device = 0;
  std::string relay_url;
};

void Finish(Waiter* w, int rc, const char* result) {
  // Notified under the lock: the caller cannot return (and destroy *w)
  // before this thread lets go of it.
  std::lock_guard lock(w->mu);
  w->rc = rc;
  w->result = result ? result : "";
  w->done = true;
  w->cv.notify_all();
}

void OnDone(int rc, const char* result, void* user_data) {
  Finish(static_cast<Waiter*>(user_data), rc, result);
}

void OnAccount(int rc, const kollega_account* account, const char* error, void* user_data) {
  auto* w = static_cast<Waiter*>(user_data);
  if (account) {
    std::lock_guard lock(w->mu);
    w->device = account->device_id;
    w->relay_url = account->relay_url;
  }
  Finish(w, rc, account ? account->account_id : error);
}

// Refuses where waiting would deadlock; else 0.
int Refused() {
  if (!InCallback()) return KOLLEGA_OK;
  return Report(KOLLEGA_ERR_FAILED_PRECONDITION, "a _sync function was called from a callback");
}

// Waits for the call that `started` reports on; `out` (may be NULL) gets a
// copy of the string result.
int Wait(int started, Waiter& w, char** out = nullptr) {
  if (started != KOLLEGA_OK) return started;
  std::unique_lock lock(w.mu);
  w.cv.wait(lock, [&] { return w.done; });
  if (w.rc != KOLLEGA_OK) return Report(w.rc, w.result);
  if (out) *out = Dup(w.result);
  return Report(kollega::Status::Ok());
}

}  // namespace

extern "C" {

int kollega_create_account_sync(kollega_client* c, const char* relay_url) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_create_account(c, relay_url, OnDone, &w), w);
}

int kollega_start_linking_sync(kollega_client* c, char** code_out) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_start_linking(c, OnDone, &w), w, code_out);
}

int kollega_link_device_sync(kollega_client* c, const char* relay_url, const char* code) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_link_device(c, relay_url, code, OnDone, &w), w);
}

int kollega_whoami_sync(kollega_client* c, char** account_id_out, uint32_t* device_id_out,
                        char** relay_url_out) {
  if (int rc = Refused()) return rc;
  Waiter w;
  const int rc = Wait(kollega_whoami(c, OnAccount, &w), w, account_id_out);
  if (rc != KOLLEGA_OK) return rc;
  if (device_id_out) *device_id_out = w.device;
  if (relay_url_out) *relay_url_out = Dup(w.relay_url);
  return rc;
}

int kollega_connect_sync(kollega_client* c) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_connect(c, OnDone, &w), w);
}

int kollega_listen_sync(kollega_client* c) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_listen(c, OnDone, &w), w);
}

int kollega_disconnect_sync(kollega_client* c) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_disconnect(c, OnDone, &w), w);
}

int kollega_send_text_sync(kollega_client* c, const char* peer, const char* text,
                           char** message_id_out) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_send_text(c, peer, text, OnDone, &w), w, message_id_out);
}

int kollega_mark_read_sync(kollega_client* c, const char* peer) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_mark_read(c, peer, OnDone, &w), w);
}

int kollega_safety_number_sync(kollega_client* c, const char* peer, char** digits_out) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_safety_number(c, peer, OnDone, &w), w, digits_out);
}

int kollega_accept_identity_change_sync(kollega_client* c, const char* peer) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_accept_identity_change(c, peer, OnDone, &w), w);
}

int kollega_unlink_device_sync(kollega_client* c, uint32_t device_id) {
  if (int rc = Refused()) return rc;
  Waiter w;
  return Wait(kollega_unlink_device(c, device_id, OnDone, &w), w);
}

}  // extern "C"
