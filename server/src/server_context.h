// ServerContext: the relay-wide state every connection shares — config,
// store, clock, metrics, the registry/notifier and the relay-wide limiters.
//
// Ownership: owned by RelayServer, which outlives every connection.
// Thread-safety: every member is safe to use from any thread (see each type).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "kollega/base/clock.h"
#include "kollega/server/config.h"
#include "kollega/storage/relay_store.h"
#include "metrics.h"
#include "rate_limiter.h"
#include "registry.h"

namespace kollega::server {

struct ServerContext {
  ServerContext(const RelayConfig& c, storage::RelayStore* s, const Clock* k)
      : config(c),
        store(s),
        clock(k),
        notifier(&registry),
        account_limiter(k, c.account_rate, 60'000, c.account_rate),
        bundle_limiter(k, c.bundle_rate, 60'000, c.bundle_rate) {}

  const RelayConfig config;
  storage::RelayStore* const store;
  const Clock* const clock;
  Metrics metrics;
  LocalRegistry registry;
  // Send's path to recipients; the local registry unless a cluster replaces it.
  DeliveryNotifier* notifier;
  SharedTokenBucket account_limiter;  // CreateAccount, relay-wide
  KeyedRateLimiter bundle_limiter;    // FetchBundle, per requesting account
};

}  // namespace kollega::server
