// ServerContext: the relay-wide state every connection shares — config,
// store, clock, metrics, the registry/notifier and the relay-wide limiters.
//
// Ownership: owned by RelayServer, which outlives every connection.
// Thread-safety: every member is safe to use from any thread (see each type).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>

#include "kollega/base/clock.h"
#include "kollega/server/config.h"
#include "kollega/storage/relay_store.h"
#include "metrics.h"
#include "rate_limiter.h"
#include "registry.h"
#include "sender_shares.h"
#include "signup_guard.h"
#include "store_worker.h"

namespace kollega::server {

struct ServerContext {
  ServerContext(const RelayConfig& c, storage::RelayStore* s, const Clock* k)
      : config(c),
        store(s),
        clock(k),
        notifier(&registry),
        account_limiter(k, c.account_rate, 60'000, c.account_rate),
        bundle_limiter(k, c.bundle_rate, 60'000, c.bundle_rate),
        // Abuse limits after login (docs/abuse-limits.md).
        sender_shares(s, k, c.mailbox_sender_share, c.ttl_seconds * 1000),
        sender_limiter(k, c.sender_rate, 60'000, c.sender_rate),
        bundle_target_limiter(k, c.bundle_target_rate, 3'600'000, c.bundle_target_rate),
        bundle_pair_limiter(k, c.bundle_pair_rate, 3'600'000, c.bundle_pair_rate),
        link_token_limiter(k, c.link_token_rate, 3'600'000, c.link_token_rate),
        signup(k, SignupGuard::Options{.base_bits = c.pow_bits,
                                       .base_rate = c.signup_base_rate,
                                       .max_extra_bits = c.pow_bits_max_extra,
                                       .source_rate = c.signup_source_rate}),
        // Organisations (docs/organisations.md §5).
        org_publish_limiter(k, c.org_publish_rate, 60'000, c.org_publish_rate),
        org_fetch_limiter(k, c.org_fetch_rate, 60'000, c.org_fetch_rate),
        availability_limiter(k, c.availability_rate, 60'000, std::min(c.availability_rate, 3u)),
        claim_limiter(k, c.claim_rate, 3'600'000, c.claim_rate) {}

  const RelayConfig config;
  storage::RelayStore* const store;
  const Clock* const clock;
  Metrics metrics;
  LocalRegistry registry;
  // Send's path to recipients; the local registry unless a cluster replaces it.
  DeliveryNotifier* notifier;
  SharedTokenBucket account_limiter;  // CreateAccount, relay-wide
  KeyedRateLimiter bundle_limiter;    // FetchBundle, per requesting account
  // Abuse limits after login (docs/abuse-limits.md).
  SenderShares sender_shares;              // Send: per (mailbox, sender) share
  KeyedRateLimiter sender_limiter;         // Send: per (sender, recipient account)
  KeyedRateLimiter bundle_target_limiter;  // one-time prekeys: per target device
  KeyedRateLimiter bundle_pair_limiter;    // one-time prekeys: per (requester, device)
  KeyedRateLimiter link_token_limiter;     // CreateLinkToken: per account
  SignupGuard signup;                      // CreateAccount: difficulty, per source
  KeyedRateLimiter org_publish_limiter;    // PublishOrgObject: per source address
  KeyedRateLimiter org_fetch_limiter;      // GetOrganisation: per account
  KeyedRateLimiter availability_limiter;   // PublishAvailability: per account
  KeyedRateLimiter claim_limiter;          // ClaimCase: per account
  // Account, device, token and prekey writes, off the io threads
  // (docs/abuse-limits.md, "Writes off the I/O threads"). Last: its tasks
  // use the members above, so it stops (finishing them) before they go.
  StoreWorker account_writes;
};

}  // namespace kollega::server
