// SPDX-License-Identifier: GPL-3.0-or-later
#include "store_worker.h"

#include <pthread.h>

namespace kollega::server {

StoreWorker::StoreWorker() : thread_([this] { Run(); }) {}

StoreWorker::~StoreWorker() { Stop(); }

bool StoreWorker::Submit(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    queue_.push_back(std::move(task));
    ++submitted_;
  }
  wake_.notify_one();
  return true;
}

void StoreWorker::WaitIdle() {
  std::unique_lock lock(mu_);
  const uint64_t target = submitted_;
  idle_.wait(lock, [&] { return finished_ >= target; });
}

void StoreWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  idle_.notify_all();
}

void StoreWorker::Run() {
  // Named for `top -H`, beside "kollega-io" and "kollega-store".
  pthread_setname_np(pthread_self(), "kollega-acct");
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued has run
    std::function<void()> task = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    task();
    task = nullptr;  // its captures go before the next task is taken
    lock.lock();
    ++finished_;
    idle_.notify_all();
  }
}

}  // namespace kollega::server
