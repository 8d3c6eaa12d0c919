// SPDX-License-Identifier: GPL-3.0-or-later
#include "scrubber.h"

namespace kollega::storage {

Scrubber::Scrubber(std::chrono::milliseconds interval, std::function<void()> task)
    : interval_(interval), task_(std::move(task)), thread_([this] { Run(); }) {}

Scrubber::~Scrubber() { Stop(); }

void Scrubber::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void Scrubber::Run() {
  std::unique_lock lock(mu_);
  while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
    lock.unlock();
    task_();
    lock.lock();
  }
}

}  // namespace kollega::storage
