// SignalContext: the process-side half of libsignal-protocol-c — its global
// context with Kollega's OpenSSL 3 crypto provider and locking installed.
//
// Every other Signal type in this module (key generation, SignalSessions,
// safety numbers) borrows a SignalContext, which must outlive them: the
// library's objects point back into the context, so it is destroyed last.
// A debug build asserts if a SignalSessions is still alive at destruction.
//
// Ownership: SignalContext owns the library context and the provider state
// (fetched OpenSSL algorithms); neither type appears in this header so that
// libsignal's generic header names (curve.h, protocol.h) stay inside crypto/.
//
// Thread-safety: one context per client, used from one thread (or strand).
// The library's reference counts are not atomic, so even with the recursive
// lock it installs, library objects must not be shared across threads.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include "kollega/base/status.h"

namespace kollega::crypto {

class SignalContext {
 public:
  static Result<std::unique_ptr<SignalContext>> Create();

  SignalContext(const SignalContext&) = delete;
  SignalContext& operator=(const SignalContext&) = delete;
  ~SignalContext();

 private:
  struct Impl;
  friend struct SignalContextAccess;  // crypto/src internals reach the raw context
  explicit SignalContext(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kollega::crypto
