// The load driver shared by the echo and relay measurements: it sets up
// lanes across a few Loops, runs warm-up and measurement phases, drives
// them closed-loop (a fixed window of outstanding messages per lane) or
// open-loop (a fixed total rate, latency counted from the scheduled send
// time so that a stalled server cannot hide its queueing), then drains.
//
// A lane is one message source: an echo connection (one connection) or a
// relay sender/recipient pair (two connections).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "stats.h"
#include "ws_client.h"

namespace kollega::bench {

// What a lane shares with the others on its Loop.
struct LoopContext {
  Loop* loop = nullptr;
  RunControl* control = nullptr;
  LaneStats stats;
  // Messages sent but not yet completed, summed over this Loop's lanes;
  // read by the controlling thread to know when draining is done.
  std::atomic<int64_t> outstanding{0};
  bool closed_loop = true;
};

class Lane {
 public:
  virtual ~Lane() = default;
  // Closed loop: sends while the window has room and the run is sending.
  virtual void Pump() = 0;
  // Open loop: sends one message stamped `stamp_ns`, or returns false when
  // the lane already has its maximum outstanding.
  virtual bool SendStamped(int64_t stamp_ns) = 0;
  virtual void Close() = 0;
};

using LaneDoneFn = std::function<void(std::unique_ptr<Lane> lane, const std::string& error)>;
// Builds lane `index` on ctx's Loop (called on that Loop's thread) and
// reports it, ready to send, through `done`.
using LaneFactory = std::function<void(LoopContext& ctx, int index, LaneDoneFn done)>;

struct LoadOptions {
  int lanes = 8;
  int loops = 1;    // client threads
  double rate = 0;  // total messages/s; 0 = closed loop
  double warmup_s = 2;
  double measure_s = 10;
  double setup_timeout_s = 60;
  int setup_concurrency = 64;  // lanes being set up at once
  // Called on the controlling thread right when measuring starts and ends,
  // e.g. to sample the server's CPU time over exactly that window.
  std::function<void()> on_measure_start;
  std::function<void()> on_measure_end;
};

// Runs one measurement; returns the summary, or sets *error.
Summary RunLoad(const LoadOptions& options, const LaneFactory& factory, std::string* error);

}  // namespace kollega::bench
