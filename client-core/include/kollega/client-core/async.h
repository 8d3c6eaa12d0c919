// Async<R>: the result of a Client call that has not finished yet. Every
// Client method returns at once with one of these; the work runs on the
// client's worker thread. R is a Status or a Result<T>.
//
// Two ways to get the result:
//   - Then(fn): fn(result) runs once the result is there — at once on the
//     calling thread if it already is, else on the client's worker thread.
//     This is what a UI uses (post from fn to the UI thread).
//   - Get(): waits for it. For command-line tools and tests. Never call Get()
//     (or Wait) on the worker thread — inside an event callback or a Then
//     function — since the worker would wait for itself; it asserts.
//
// Thread-safety: an Async may be copied and used from any thread; all copies
// share one result. Then() may be called once per Async.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace kollega::client {

template <typename R>
class Async {
 public:
  // A result that is already known (for example an argument error).
  static Async Ready(R result) {
    Async a;
    a.Complete(std::move(result));
    return a;
  }

  Async() : state_(std::make_shared<State>()) {}

  bool ready() const {
    std::lock_guard lock(state_->mu);
    return state_->result.has_value();
  }
  // Waits up to `timeout`; true when the result is there.
  bool WaitFor(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_->mu);
    assert(!OnWorker());
    return state_->cv.wait_for(lock, timeout, [&] { return state_->result.has_value(); });
  }
  R Get() const {
    std::unique_lock lock(state_->mu);
    assert(!OnWorker());
    state_->cv.wait(lock, [&] { return state_->result.has_value(); });
    return *state_->result;
  }
  void Then(std::function<void(R)> fn) const {
    std::unique_lock lock(state_->mu);
    if (!state_->result) {
      state_->then = std::move(fn);
      return;
    }
    R copy = *state_->result;
    lock.unlock();
    fn(std::move(copy));
  }

  // --- The producer's side (client-core) ---
  // Sets the result (first call wins) and runs the Then function, if any,
  // on the calling thread.
  void Complete(R result) const {
    std::function<void(R)> then;
    {
      std::lock_guard lock(state_->mu);
      if (state_->result) return;
      state_->result.emplace(std::move(result));
      // The shared copy owes no look (base/status.h, checked mode): what
      // Get() and Then() hand out are copies, and those do. A result nobody
      // asks for is the caller's choice, not a forgotten error.
      static_cast<void>(state_->result->ok());
      then = std::move(state_->then);
      state_->cv.notify_all();
    }
    if (then) then(*state_->result);
  }
  // The worker thread's id, so Get() can refuse to wait on it.
  void SetWorker(std::thread::id worker) const { state_->worker = worker; }

 private:
  struct State {
    mutable std::mutex mu;
    std::condition_variable cv;
    std::optional<R> result;
    std::function<void(R)> then;
    std::thread::id worker;
  };
  bool OnWorker() const { return state_->worker == std::this_thread::get_id(); }

  std::shared_ptr<State> state_;
};

}  // namespace kollega::client
