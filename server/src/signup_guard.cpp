// SPDX-License-Identifier: GPL-3.0-or-later
#include "signup_guard.h"

#include <algorithm>
#include <cmath>

namespace kollega::server {

SignupGuard::SignupGuard(const Clock* clock, const Options& options)
    : clock_(clock),
      options_(options),
      window_start_ms_(clock->NowMs()),
      sources_(clock, options.source_rate, 3'600'000, options.source_rate) {}

void SignupGuard::RollLocked(int64_t now_ms) {
  if (now_ms < window_start_ms_ + kWindowMs) return;
  // One window on: the current becomes the previous; further: both empty.
  previous_ = now_ms < window_start_ms_ + 2 * kWindowMs ? current_ : 0;
  current_ = 0;
  window_start_ms_ = now_ms - (now_ms - window_start_ms_) % kWindowMs;
}

double SignupGuard::RateLocked(int64_t now_ms) {
  RollLocked(now_ms);
  const double into = static_cast<double>(now_ms - window_start_ms_) / kWindowMs;
  return static_cast<double>(current_) + static_cast<double>(previous_) * (1.0 - into);
}

uint32_t SignupGuard::PowBits() {
  if (options_.base_rate == 0 || options_.max_extra_bits == 0) return options_.base_bits;
  double rate;
  {
    std::lock_guard lock(mu_);
    rate = RateLocked(clock_->NowMs());
  }
  const double ratio = rate / options_.base_rate;
  if (ratio <= 1.0) return options_.base_bits;
  // One bit per doubling over the base: (base, 2·base] → +1, (2·base, 4·base] → +2, ...
  const auto extra = static_cast<uint32_t>(std::ceil(std::log2(ratio)));
  return options_.base_bits + std::min(extra, options_.max_extra_bits);
}

void SignupGuard::RecordAttempt() {
  std::lock_guard lock(mu_);
  RollLocked(clock_->NowMs());
  ++current_;
}

bool SignupGuard::SourceAllows(const std::string& source, int64_t* retry_after_ms) {
  if (source.empty()) return true;
  return sources_.TryTake(source, retry_after_ms);
}

}  // namespace kollega::server
