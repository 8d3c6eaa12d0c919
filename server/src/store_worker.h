// StoreWorker: the thread that runs the relay's synchronous store writes —
// accounts, devices, link tokens, prekeys, device lists, the unlisted-device
// sweep — so that none of them runs on an io thread (docs/abuse-limits.md,
// "Writes off the I/O threads"). Each of those writes is a synced RocksDB
// write; on an io thread a flood of them stalled message delivery for every
// connection sharing that thread.
//
// One thread, tasks in submission order. One is enough: RocksDB's group
// commit lets a waiting write join the one syncing, and these writes are
// rare next to messages. One thread also makes every check-then-write here
// (the device cap, the byte budget) a single step relay-wide, and keeps a
// connection's writes in the order it sent them.
//
// StoreAnswer is how a result crosses back to a connection: a finished
// wire response, never a Status, so a posted task that a stopping relay
// drops destroys no unchecked Status (status.h, checked mode).
//
// Ownership: owned by ServerContext; the thread lives from construction
// until Stop() (or destruction). Thread-safety: every method may be called
// from any thread; tasks run on the worker's thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "relay.pb.h"

namespace kollega::server {

// What a connection sends back once a worker task is done.
struct StoreAnswer {
  wire::ErrorCode code = wire::OK;
  std::string message;
  wire::Response response;
  // Runs on the worker right after the answer is posted to the connection
  // (so the connection sees the answer first): notifications that must
  // follow it, e.g. a self-unlink's close, other devices' list pushes.
  std::function<void()> then;
};

class StoreWorker {
 public:
  StoreWorker();
  ~StoreWorker();
  StoreWorker(const StoreWorker&) = delete;
  StoreWorker& operator=(const StoreWorker&) = delete;

  // Queues `task`. False, and `task` is dropped unrun, once Stop() began:
  // the store may be closing.
  bool Submit(std::function<void()> task);

  // Blocks until every task submitted before the call has run.
  void WaitIdle();

  // Runs every task already queued, then ends the thread; later Submits
  // are refused. Idempotent; must not be called from a task.
  void Stop();

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable wake_;  // a task arrived, or Stop()
  std::condition_variable idle_;  // a task finished
  std::deque<std::function<void()>> queue_;
  uint64_t submitted_ = 0;
  uint64_t finished_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: it starts in the constructor and uses the above
};

}  // namespace kollega::server
