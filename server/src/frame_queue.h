// FrameQueue: the frames a WebSocket session has yet to write, oldest
// first. It holds no heap memory while empty, unlike std::deque, which
// allocates about 600 bytes as soon as it exists and keeps them: across
// 10,000 idle connections that is 6 MB (docs/performance.md, "Current figures").
//
// Elements move when the queue grows or compacts, so a frame being written
// must first be taken out (TakeFront). Not thread-safe: the session's
// strand owns it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace kollega::server {

class FrameQueue {
 public:
  bool empty() const { return head_ == frames_.size(); }
  size_t size() const { return frames_.size() - head_; }

  void push_back(std::string frame) { frames_.push_back(std::move(frame)); }

  // Precondition: !empty().
  std::string TakeFront() {
    std::string frame = std::move(frames_[head_++]);
    if (head_ == frames_.size()) {
      clear();
    } else if (head_ >= kCompactAfter && 2 * head_ >= frames_.size()) {
      // A queue that never quite drains must not keep the slots of every
      // frame it ever sent.
      frames_.erase(frames_.begin(), frames_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    return frame;
  }

  void clear() {
    std::vector<std::string>().swap(frames_);
    head_ = 0;
  }

 private:
  static constexpr size_t kCompactAfter = 16;

  std::vector<std::string> frames_;
  size_t head_ = 0;  // frames_[0, head_) are sent and empty
};

}  // namespace kollega::server
