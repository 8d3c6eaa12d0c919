// Token buckets for flood control.
//
//   TokenBucket         one bucket; not thread-safe (a connection's own
//                       buckets live on its strand)
//   SharedTokenBucket   one bucket behind a mutex (the relay-wide account
//                       creation limit: rare, so a lock is fine)
//   KeyedRateLimiter    one bucket per key (per-account bundle fetches,
//                       per sender and recipient sends, ...), sharded
//                       mutexes, bounded memory
//
// Time comes from an injected Clock so tests and limits agree on "now".
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "kollega/base/clock.h"

namespace kollega::server {

class TokenBucket {
 public:
  // `rate` tokens per `period_ms`, holding at most `burst` (starts full).
  TokenBucket(double rate, int64_t period_ms, double burst, int64_t now_ms)
      : per_ms_(rate / static_cast<double>(period_ms)),
        burst_(burst),
        tokens_(burst),
        last_ms_(now_ms) {}

  bool TryTake(int64_t now_ms);
  // True when the bucket has refilled completely (safe to forget it).
  bool Full(int64_t now_ms) const;
  // Milliseconds until TryTake can succeed (0 if it can now): what a
  // refused client is told to wait (Response.retry_after_ms).
  int64_t MsUntilToken(int64_t now_ms) const;

 private:
  double per_ms_;
  double burst_;
  double tokens_;
  int64_t last_ms_;
};

class SharedTokenBucket {
 public:
  SharedTokenBucket(const Clock* clock, double rate, int64_t period_ms, double burst)
      : clock_(clock), bucket_(rate, period_ms, burst, clock->NowMs()) {}
  bool TryTake();

 private:
  const Clock* clock_;
  std::mutex mu_;
  TokenBucket bucket_;
};

class KeyedRateLimiter {
 public:
  KeyedRateLimiter(const Clock* clock, double rate, int64_t period_ms, double burst)
      : clock_(clock), rate_(rate), period_ms_(period_ms), burst_(burst) {}
  // A rate of 0 takes every request. On refusal, sets *retry_after_ms (if given) to the wait for a
  // token.
  bool TryTake(const std::string& key, int64_t* retry_after_ms = nullptr);

 private:
  static constexpr size_t kShards = 16;
  // Past this many keys a shard drops its full buckets: a full bucket is the
  // same as no bucket, so forgetting it changes nothing but memory.
  static constexpr size_t kPruneAt = 4096;
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, TokenBucket> buckets;
  };
  const Clock* clock_;
  double rate_;
  int64_t period_ms_;
  double burst_;
  std::array<Shard, kShards> shards_;
};

}  // namespace kollega::server
