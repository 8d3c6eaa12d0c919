// Metrics: the relay's aggregate counters, rendered as Prometheus text for
// GET /metrics. Counters only, never an identifier: nothing here can say who
// talked to whom.
//
// Ownership: one instance per RelayServer. Thread-safety: every counter is a
// relaxed atomic, so any thread may bump them without a lock; Render() reads
// a consistent-enough snapshot for monitoring.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace kollega::storage {
struct StoreStats;
}

namespace kollega::server {

class Metrics {
 public:
  // Indexed by wire::ErrorCode; codes outside the range are counted as the
  // last slot so a future code can never index out of bounds.
  static constexpr int kMaxErrorCode = 31;

  std::atomic<int64_t> connections{0};
  std::atomic<int64_t> authenticated_connections{0};
  std::atomic<uint64_t> messages_accepted{0};
  std::atomic<uint64_t> messages_delivered{0};
  std::atomic<uint64_t> envelopes_acked{0};
  std::atomic<uint64_t> write_timeouts{0};  // connections cut for not reading
  std::atomic<uint64_t> http_timeouts{0};   // cut before the upgrade (--http-timeout)
  std::atomic<uint64_t> memory_trims{0};    // freed heap returned after connections closed
  std::atomic<uint64_t> accounts_created{0};
  // Logins refused for a foreign origin or TLS exporter (docs/trust.md §5):
  // a look-alike relay passing challenges on shows up here.
  std::atomic<uint64_t> auth_channel_refusals{0};
  // Refusals before login (docs/abuse.md): connections over the total or
  // per-source cap, cleartext WebSockets from non-loopback peers, and
  // WebSockets closed at the authentication deadline.
  std::atomic<uint64_t> connection_refusals_total_cap{0};
  std::atomic<uint64_t> connection_refusals_source_cap{0};
  std::atomic<uint64_t> cleartext_refusals{0};
  std::atomic<uint64_t> auth_timeouts{0};

  void CountError(int code) {
    if (code < 0 || code > kMaxErrorCode) code = kMaxErrorCode;
    errors_[code].fetch_add(1, std::memory_order_relaxed);
  }
  static void Add(std::atomic<uint64_t>& counter, uint64_t n) {
    counter.fetch_add(n, std::memory_order_relaxed);
  }

  // Prometheus text exposition format (version 0.0.4).
  std::string Render(const storage::StoreStats& store) const;

 private:
  std::array<std::atomic<uint64_t>, kMaxErrorCode + 1> errors_{};
};

}  // namespace kollega::server
