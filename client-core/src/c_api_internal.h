// What the two halves of the C API (c_api.cpp: handle, events and the
// asynchronous calls; c_api_sync.cpp: the blocking helpers) share: the
// handle, the thread's last error and the "inside a callback" mark.
// Thread-safety: the error and the mark are per thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

}  // namespace kollega::capi
