// SPDX-License-Identifier: GPL-3.0-or-later
#include "rate_limiter.h"

#include <algorithm>
#include <functional>

namespace kollega::server {

bool TokenBucket::TryTake(int64_t now_ms) {
  if (now_ms > last_ms_) {
    tokens_ = std::min(burst_, tokens_ + static_cast<double>(now_ms - last_ms_) * per_ms_);
    last_ms_ = now_ms;
  }
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

bool TokenBucket::Full(int64_t now_ms) const {
  double elapsed = static_cast<double>(std::max<int64_t>(0, now_ms - last_ms_));
  return tokens_ + elapsed * per_ms_ >= burst_;
}

bool SharedTokenBucket::TryTake() {
  int64_t now = clock_->NowMs();
  std::lock_guard lock(mu_);
  return bucket_.TryTake(now);
}

bool KeyedRateLimiter::TryTake(const std::string& key) {
  int64_t now = clock_->NowMs();
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() >= kPruneAt) {
    std::erase_if(shard.buckets, [now](const auto& kv) { return kv.second.Full(now); });
  }
  auto it = shard.buckets.try_emplace(key, rate_, period_ms_, burst_, now).first;
  return it->second.TryTake(now);
}

}  // namespace kollega::server
