// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/signal_context.h"

#include <cassert>
#include <mutex>

#include "context_internal.h"
#include "openssl_provider.h"

namespace kollega::crypto {
namespace {

struct ContextDestroy {
  void operator()(signal_context* c) const { signal_context_destroy(c); }
};

// The library re-enters its own lock (a decrypt calls helpers that lock
// again), so the mutex must be recursive.
void Lock(void* user_data) { static_cast<std::recursive_mutex*>(user_data)->lock(); }
void Unlock(void* user_data) { static_cast<std::recursive_mutex*>(user_data)->unlock(); }

}  // namespace

struct SignalContext::Impl {
  // Declaration order is destruction order reversed: the library context
  // goes first, then the provider and mutex it points at.
  std::unique_ptr<internal::OpenSslProvider> provider;
  std::recursive_mutex mutex;
  std::unique_ptr<signal_context, ContextDestroy> context;
  int users = 0;
};

Result<std::unique_ptr<SignalContext>> SignalContext::Create() {
  auto impl = std::make_unique<Impl>();
  KOLLEGA_ASSIGN_OR_RETURN(impl->provider, internal::OpenSslProvider::Create());

  signal_context* raw = nullptr;
  // The context's user_data is what the locking callbacks receive.
  if (signal_context_create(&raw, &impl->mutex) != SG_SUCCESS || !raw) {
    return Internal("signal_context_create failed");
  }
  impl->context.reset(raw);
  if (signal_context_set_crypto_provider(raw, &impl->provider->table()) != SG_SUCCESS) {
    return Internal("signal_context_set_crypto_provider failed");
  }
  if (signal_context_set_locking_functions(raw, Lock, Unlock) != SG_SUCCESS) {
    return Internal("signal_context_set_locking_functions failed");
  }
  // No log function on purpose: the library's messages name addresses
  // (account ids), which Kollega never logs.
  return std::unique_ptr<SignalContext>(new SignalContext(std::move(impl)));
}

SignalContext::SignalContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SignalContext::~SignalContext() {
  assert(impl_->users == 0 && "destroy SignalSessions before their SignalContext");
}

signal_context* SignalContextAccess::Raw(const SignalContext& context) {
  return context.impl_->context.get();
}
void SignalContextAccess::AddUser(const SignalContext& context) { ++context.impl_->users; }
void SignalContextAccess::RemoveUser(const SignalContext& context) { --context.impl_->users; }

}  // namespace kollega::crypto
