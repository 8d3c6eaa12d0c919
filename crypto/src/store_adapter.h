// StoreAdapter: presents a SignalStore to the library as its five C store
// tables, and applies Kollega's identity trust policy. Internal to crypto/.
//
// The callbacks run inside library calls, under the context lock. A failing
// SignalStore call becomes SG_ERR_UNKNOWN for the library; the adapter keeps
// the original Status so the wrapper can report it instead.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>

#include "kollega/crypto/signal_store.h"
#include "signal_handles.h"

namespace kollega::crypto::internal {

class StoreAdapter {
 public:
  explicit StoreAdapter(SignalStore& store) : store_(store) {}
  // last_error_ is a slot, not a result: a cause no failed call asked for is
  // stale (InTransaction discards it too), so it owes no look.
  ~StoreAdapter() { last_error_.IgnoreError(); }
  StoreAdapter(const StoreAdapter&) = delete;
  StoreAdapter& operator=(const StoreAdapter&) = delete;

  // Installs all five tables into `context`; this adapter must outlive it.
  Status Install(signal_protocol_store_context* context);

  SignalStore& store() { return store_; }

  // The store error behind the last SG_ERR_UNKNOWN, cleared by TakeError().
  Status TakeError();
  // Records a store failure; returns the code to hand the library.
  int Fail(Status status);

  // Trust-on-first-use: trusted if no key is stored for `address` or it is
  // the stored one. A different key is refused and remembered as pending.
  Result<bool> IsTrusted(const SignalAddress& address, std::string_view key);

  std::map<SignalAddress, std::string>& pending() { return pending_; }

 private:
  SignalStore& store_;
  Status last_error_;
  std::map<SignalAddress, std::string> pending_;
};

inline SignalAddress ToAddress(const signal_protocol_address* a) {
  return SignalAddress{std::string(a->name, a->name_len), a->device_id};
}

}  // namespace kollega::crypto::internal
