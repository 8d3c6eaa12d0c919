// What the two halves of the C API (c_api.cpp: handle, events and the
// asynchronous calls; c_api_sync.cpp: the blocking helpers) share: the
// handle, the thread's last error and the "inside a callback" mark.
// Thread-safety: the error and the mark are per thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "kollega/base/status.h"
#include "kollega/client-core/client.h"
#include "kollega/client-core/kollega.h"

struct kollega_client {
  std::unique_ptr<kollega::client::Client> client;
  std::mutex mu;                     // guards `polled`
  kollega::client::EventPtr polled;  // backs the strings of the last polled event
};

namespace kollega::capi {

// The kollega_error for `status`; sets the thread's last error to its
// message (cleared for OK).
int Report(const Status& status);
// Sets the thread's last error to `message` and returns `code`.
int Report(int code, std::string message);

// True while a callback of this API runs on this thread: a blocking helper
// there would wait for the worker that is running it.
bool InCallback();

// A copy of `s` owned by the caller (kollega_free_string).
char* Dup(const std::string& s);

// --- The structs (c_api_structs.cpp) ---
// The smallest kollega_event a caller may pass in: up to `kind`.
extern const size_t kMinEventSize;
// Fills `out` from `e`, whose strings must outlive the use of `out`; false
// for a kind the C API does not know, which is then not delivered.
bool FillEvent(const client::Event& e, kollega_event* out);
// Copies the whole fields of `full` that fit in `room` bytes into `out` and
// sets out->size to what was copied; 0 (nothing copied) when `kind` does not fit.
size_t CopyFittingFields(const kollega_event& full, size_t room, kollega_event* out);
// Views of C++ values; their pointers point into the argument.
kollega_message ToC(const client::Message& m);
kollega_conversation ToC(const client::Conversation& c);
kollega_identity_change ToC(const client::IdentityChange& c);
kollega_device ToC(const client::DeviceInfo& d);
kollega_account ToC(const client::WhoAmIInfo& who);

}  // namespace kollega::capi
