// The C API's call plumbing shared by its files (c_api.cpp, c_api_orgs.cpp):
// starting an asynchronous call and handing its outcome to a C callback.
// Thread-safety: as the callbacks they wrap (kollega.h).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "c_api_internal.h"

namespace kollega::capi {

// Marks this thread as running an API callback for the scope's lifetime.
class CallbackScope {
 public:
  CallbackScope();
  ~CallbackScope();
  CallbackScope(const CallbackScope&) = delete;
  CallbackScope& operator=(const CallbackScope&) = delete;
};

inline bool Valid(kollega_client* c) { return c && c->client; }
inline int BadArguments() {
  return Report(KOLLEGA_ERR_INVALID_ARGUMENT, "missing handle or argument");
}

// Hands `call`'s outcome to `deliver`, marking the thread as inside a
// callback meanwhile. Every outcome of the C++ call, errors included, goes
// this way, so that which channel reports an error never depends on timing
// (kollega.h: a call fails at once only for a missing argument).
template <typename R, typename Deliver>
int Start(const client::Async<R>& call, Deliver deliver) {
  call.Then([deliver = std::move(deliver)](R result) {
    CallbackScope scope;
    deliver(result);
  });
  return Report(Status::Ok());
}

// Calls `done` (if any) with a Status-only outcome.
inline auto DoneStatus(kollega_done_fn done, void* user_data) {
  return [done, user_data](const Status& s) {
    const int rc = Report(s);
    if (done) done(rc, rc == KOLLEGA_OK ? nullptr : s.message().c_str(), user_data);
  };
}
// Calls `done` (if any) with a string result.
inline auto DoneString(kollega_done_fn done, void* user_data) {
  return [done, user_data](const Result<std::string>& r) {
    const int rc = Report(r.status());
    if (done) done(rc, rc == KOLLEGA_OK ? r->c_str() : r.status().message().c_str(), user_data);
  };
}

// Calls fn with pointers to `items` converted by `convert`.
template <typename CItem, typename Item, typename Convert, typename Fn>
void DeliverList(int rc, const std::vector<Item>* items, const std::string* error, Convert convert,
                 Fn fn, void* user_data) {
  std::vector<CItem> converted;
  std::vector<const CItem*> pointers;
  if (items) {
    converted.reserve(items->size());
    for (const Item& item : *items) converted.push_back(convert(item));
    for (const CItem& item : converted) pointers.push_back(&item);
  }
  fn(rc, pointers.data(), pointers.size(), error ? error->c_str() : nullptr, user_data);
}

// Delivers a Result<std::vector<Item>> to a list callback.
template <typename CItem, typename Item, typename Convert, typename Fn>
auto ListDeliverer(Convert convert, Fn fn, void* user_data) {
  return [convert, fn, user_data](const Result<std::vector<Item>>& r) {
    const int rc = Report(r.status());
    if (!fn) return;
    if (r.ok()) {
      DeliverList<CItem>(rc, &*r, nullptr, convert, fn, user_data);
    } else {
      DeliverList<CItem, Item>(rc, nullptr, &r.status().message(), convert, fn, user_data);
    }
  };
}

}  // namespace kollega::capi
