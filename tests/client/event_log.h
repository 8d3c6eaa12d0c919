// EventLog: every event a client emitted, read from its queue, and waits
// for what a user would see. Shared by the in-process kernel tests and the
// real-relay tests.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

#include "kollega/client-core/client.h"

namespace kollega::testing {

inline constexpr std::chrono::milliseconds kWait{5000};

// Every event a client emitted, in order, read from its queue.
class EventLog {
 public:
  explicit EventLog(client::Client* c) : client_(c) {}

  // Waits until `done(events so far)` holds; false after `timeout`.
  bool WaitUntil(const std::function<bool(const std::vector<client::EventPtr>&)>& done,
                 std::chrono::milliseconds timeout = kWait) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!done(events_)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      client::EventPtr e = client_->NextEvent(std::min(left, std::chrono::milliseconds(50)));
      if (e) events_.push_back(std::move(e));
    }
    return true;
  }
  // Takes what is queued now, without waiting.
  void Drain() {
    for (client::EventPtr& e : client_->PollEvents()) events_.push_back(std::move(e));
  }

  template <typename T>
  std::vector<const T*> All(const std::function<bool(const T&)>& match = nullptr) const {
    std::vector<const T*> out;
    for (const client::EventPtr& e : events_) {
      if (const T* t = client::As<T>(*e); t && (!match || match(*t))) out.push_back(t);
    }
    return out;
  }
  template <typename T>
  bool WaitFor(const std::function<bool(const T&)>& match,
               std::chrono::milliseconds timeout = kWait, size_t count = 1) {
    return WaitUntil([&](const auto&) { return All<T>(match).size() >= count; }, timeout);
  }
  // How many of kind T so far, counting what is queued now: wait for one
  // more with WaitFor<T>(match, timeout, Count<T>() + 1).
  template <typename T>
  size_t Count() {
    Drain();
    return All<T>().size();
  }
  const std::vector<client::EventPtr>& events() const { return events_; }
  // Switches to another client object (after reopening the same directory).
  void Attach(client::Client* c) { client_ = c; }

 private:
  client::Client* client_;
  std::vector<client::EventPtr> events_;
};

}  // namespace kollega::testing
