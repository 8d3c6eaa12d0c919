// SPDX-License-Identifier: GPL-3.0-or-later
#include "task_runner.h"

namespace kollega::client {

TaskRunner::TaskRunner() : thread_([this] { Loop(); }) {}

TaskRunner::~TaskRunner() { Stop(); }

bool TaskRunner::Post(Task task) {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return false;
    ready_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

bool TaskRunner::PostDelayed(std::chrono::milliseconds delay, Task task) {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return false;
    delayed_.emplace(std::chrono::steady_clock::now() + delay, std::move(task));
  }
  cv_.notify_one();
  return true;
}

void TaskRunner::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopped_ && !thread_.joinable()) return;
    stopped_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable() && !OnRunnerThread()) thread_.join();
}

void TaskRunner::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    if (stopped_) {
      // A RunSync caller may be waiting on a dropped task's promise; its
      // std::function destructor breaks the promise only if we let it, so
      // run what is already queued (never delayed work) before leaving.
      std::deque<Task> left;
      left.swap(ready_);
      delayed_.clear();
      lock.unlock();
      for (auto& t : left) t();
      return;
    }
    const auto now = std::chrono::steady_clock::now();
    while (!delayed_.empty() && delayed_.begin()->first <= now) {
      ready_.push_back(std::move(delayed_.begin()->second));
      delayed_.erase(delayed_.begin());
    }
    if (!ready_.empty()) {
      Task task = std::move(ready_.front());
      ready_.pop_front();
      lock.unlock();
      task();
      lock.lock();
      continue;
    }
    if (delayed_.empty()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, delayed_.begin()->first);
    }
  }
}

}  // namespace kollega::client
