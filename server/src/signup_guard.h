// SignupGuard: what a new account costs (docs/abuse-limits.md, "Sign-up").
//
//   PowBits()       the proof-of-work difficulty every Challenge announces:
//                   the base, plus one bit per doubling of the recent
//                   sign-up rate over the base rate, capped. It falls back
//                   as the rate calms.
//   RecordAttempt() a CreateAccount with a valid proof of work arrived:
//                   what the rate counts (refused ones too: they are the
//                   storm).
//   SourceAllows()  the per-source allowance: one bucket per source address
//                   (IPv4 address, IPv6 /64), so one source cannot take
//                   every relay-wide slot.
//
// Source addresses live only in this object's memory (a hash map of
// buckets, full ones forgotten); they are never logged or stored.
//
// Ownership: owned by ServerContext; borrows the clock.
// Thread-safety: every method may be called from any thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

#include "kollega/base/clock.h"
#include "rate_limiter.h"

namespace kollega::server {

class SignupGuard {
 public:
  struct Options {
    uint32_t base_bits = 20;
    // Sign-ups per minute (valid proofs of work) the base difficulty is
    // meant for; 0 = the difficulty never rises.
    uint32_t base_rate = 10;
    uint32_t max_extra_bits = 4;
    // Sign-ups per hour from one source; 0 = no per-source limit.
    uint32_t source_rate = 10;
  };

  SignupGuard(const Clock* clock, const Options& options);

  uint32_t PowBits();
  void RecordAttempt();
  // Takes one sign-up from `source`'s allowance; on refusal sets
  // *retry_after_ms. An empty source (unknown) is not limited here.
  bool SourceAllows(const std::string& source, int64_t* retry_after_ms);

 private:
  static constexpr int64_t kWindowMs = 60'000;
  // Sign-ups per minute, over a sliding minute: the current window's count
  // plus the share of the previous one that the slide still covers.
  double RateLocked(int64_t now_ms);
  void RollLocked(int64_t now_ms);

  const Clock* clock_;
  const Options options_;
  std::mutex mu_;
  int64_t window_start_ms_;
  uint64_t current_ = 0;   // guarded by mu_
  uint64_t previous_ = 0;  // guarded by mu_
  KeyedRateLimiter sources_;
};

}  // namespace kollega::server
