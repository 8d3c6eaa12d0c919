// Scrubber: runs one task every `interval` on a thread of its own until
// stopped. The relay store uses it to make acknowledged envelopes leave its
// files within a bounded time (docs/storage-encryption.md, "The relay's
// scrub"): RocksDB keeps a deleted value in its WAL and SST files until a
// flush and a compaction rewrite them, which a quiet mailbox may never cause.
//
// Ownership: owns its thread; Stop() (or the destructor) joins it.
// Thread-safety: Stop() may be called from any thread, more than once.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace kollega::storage {

class Scrubber {
 public:
  Scrubber(std::chrono::milliseconds interval, std::function<void()> task);
  ~Scrubber();
  Scrubber(const Scrubber&) = delete;
  Scrubber& operator=(const Scrubber&) = delete;

  // Waits for a task in progress, then ends the thread.
  void Stop();

 private:
  void Run();

  const std::chrono::milliseconds interval_;
  const std::function<void()> task_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace kollega::storage
