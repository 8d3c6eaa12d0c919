// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection_limiter.h"

#include <utility>

namespace kollega::server {

ConnectionSlot::~ConnectionSlot() { Release(); }

ConnectionSlot& ConnectionSlot::operator=(ConnectionSlot&& other) noexcept {
  if (this != &other) {
    Release();
    limiter_ = std::move(other.limiter_);
    source_ = std::move(other.source_);
  }
  return *this;
}

void ConnectionSlot::Release() {
  if (!limiter_) return;
  limiter_->Release(source_);
  limiter_.reset();
  source_.clear();
}

ConnectionLimiter::Verdict ConnectionLimiter::TryAdmit(const std::string& source,
                                                       ConnectionSlot* slot) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (open_ >= max_total_) return Verdict::kTotalFull;
    if (!source.empty()) {
      // operator[] would leave a zero entry behind on refusal.
      auto it = per_source_.find(source);
      if (it != per_source_.end() && it->second >= max_per_source_) return Verdict::kSourceFull;
      if (it == per_source_.end()) {
        per_source_.emplace(source, 1);
      } else {
        ++it->second;
      }
    }
    ++open_;
  }
  ConnectionSlot admitted;
  admitted.limiter_ = shared_from_this();
  admitted.source_ = source;
  *slot = std::move(admitted);
  return Verdict::kAdmitted;
}

void ConnectionLimiter::Release(const std::string& source) {
  std::lock_guard<std::mutex> lock(mutex_);
  --open_;
  if (source.empty()) return;
  auto it = per_source_.find(source);
  if (it != per_source_.end() && --it->second == 0) per_source_.erase(it);
}

uint32_t ConnectionLimiter::open() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_;
}

size_t ConnectionLimiter::sources() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return per_source_.size();
}

}  // namespace kollega::server
