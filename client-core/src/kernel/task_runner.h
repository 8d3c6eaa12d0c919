// TaskRunner: the client's single worker thread. Everything that touches
// libsignal (SignalContext, SignalSessions) and the ClientStore runs here, one
// task at a time, because the library's reference counts are not atomic and
// the store is single-threaded. Other threads hand work over with Post() or
// RunSync(); relay pushes and connection drops arrive the same way.
//
// Ownership: owns the thread; Stop() (or the destructor) drops queued and
// delayed tasks and joins.
// Thread-safety: all methods may be called from any thread. RunSync() from
// the worker itself runs the task inline, so a task (or an event callback,
// which runs on the worker) may call back into the Client without deadlock.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

#include "kollega/base/status.h"

namespace kollega::client {

class TaskRunner {
 public:
  using Task = std::function<void()>;

  TaskRunner();
  ~TaskRunner();
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;

  // False once stopped (the task is dropped).
  bool Post(Task task);
  bool PostDelayed(std::chrono::milliseconds delay, Task task);
  bool OnRunnerThread() const { return std::this_thread::get_id() == thread_.get_id(); }
  std::thread::id thread_id() const { return thread_.get_id(); }
  void Stop();

  // Runs `fn` on the worker and returns its result (a Status or Result<T>).
  template <typename F>
  auto RunSync(F&& fn) -> std::invoke_result_t<F> {
    using R = std::invoke_result_t<F>;
    if (OnRunnerThread()) return fn();
    std::promise<std::optional<R>> done;
    auto future = done.get_future();
    const bool posted = Post([&] {
      std::optional<R> r(fn());
      done.set_value(std::move(r));
    });
    if (!posted) return R(Unavailable("client is closed"));
    std::optional<R> r = future.get();
    return std::move(*r);
  }

 private:
  void Loop();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> ready_;
  std::multimap<std::chrono::steady_clock::time_point, Task> delayed_;
  bool stopped_ = false;
  std::thread thread_;
};

}  // namespace kollega::client
