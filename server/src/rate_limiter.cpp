// SPDX-License-Identifier: GPL-3.0-or-later
#include "rate_limiter.h"

#include <algorithm>
#include <cmath>
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

int64_t TokenBucket::MsUntilToken(int64_t now_ms) const {
  double elapsed = static_cast<double>(std::max<int64_t>(0, now_ms - last_ms_));
  double missing = 1.0 - std::min(burst_, tokens_ + elapsed * per_ms_);
  if (missing <= 0.0 || per_ms_ <= 0.0) return 0;
  return static_cast<int64_t>(std::ceil(missing / per_ms_));
}

bool SharedTokenBucket::TryTake() {
  int64_t now = clock_->NowMs();
  std::lock_guard lock(mu_);
  return bucket_.TryTake(now);
}

bool KeyedRateLimiter::TryTake(const std::string& key, int64_t* retry_after_ms) {
  if (rate_ <= 0) return true;  // a limit configured as 0 is off
  int64_t now = clock_->NowMs();
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() >= kPruneAt) {
    std::erase_if(shard.buckets, [now](const auto& kv) { return kv.second.Full(now); });
  }
  auto it = shard.buckets.try_emplace(key, rate_, period_ms_, burst_, now).first;
  if (it->second.TryTake(now)) return true;
  if (retry_after_ms != nullptr) *retry_after_ms = it->second.MsUntilToken(now);
  return false;
}

}  // namespace kollega::server
