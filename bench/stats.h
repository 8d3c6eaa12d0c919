// Per-Loop counters and latency samples for one measured run, and the
// summary the load tool prints.
//
// Each Loop thread owns one LaneStats and writes it without locks; the
// controlling thread merges them only after every Loop has stopped.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace kollega::bench {

// Phases of one run, set by the controlling thread and read by Loop threads.
enum class Phase : int { kSetup, kWarmup, kMeasure, kDrain, kDone };

struct RunControl {
  std::atomic<Phase> phase{Phase::kSetup};
  bool measuring() const { return phase.load(std::memory_order_relaxed) == Phase::kMeasure; }
  // Senders stop issuing new messages once the measurement is over.
  bool sending() const {
    Phase p = phase.load(std::memory_order_relaxed);
    return p == Phase::kWarmup || p == Phase::kMeasure;
  }
};

struct LaneStats {
  uint64_t completed = 0;      // messages delivered / round trips, during kMeasure
  uint64_t errors = 0;         // error responses, unexpected frames, closes
  uint64_t sends_skipped = 0;  // open loop: a send fell due while the window was full
  std::vector<int64_t> latency_ns;
  std::vector<int64_t> done_ns;  // when each latency sample completed (same order)
  // Relay only: send -> SendAccepted (the durable write), apart from the
  // send -> push latency above, to tell the sync path from the push path.
  std::vector<int64_t> accept_latency_ns;
  // Open loop: how late this load generator issued each message after its
  // scheduled time. Latency counts from the scheduled time, so a stalled
  // load generator shows up there too; this tells the two apart.
  std::vector<int64_t> send_lag_ns;
  std::string first_error;

  void Error(const std::string& what) {
    if (errors++ == 0) first_error = what;
  }
};

struct Summary {
  double per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double accept_p50_ms = -1;  // relay only, see LaneStats
  double accept_p99_ms = -1;
  double lag_p99_ms = -1;  // open loop only, see LaneStats::send_lag_ns
  double lag_max_ms = -1;
  uint64_t samples = 0;
  uint64_t errors = 0;
  uint64_t sends_skipped = 0;
  std::string first_error;
  // CPU seconds used during the measured window, by the server under test
  // and by this load generator; -1 when unknown.
  double seconds = 0;
  double server_cpu_s = -1;
  double client_cpu_s = -1;
  std::string notes;  // printed under the row (e.g. the relay's own counters)
  // p99 of the samples completed in each kWindowMs window of the measured
  // phase, in order: tells a tail made by a few stalled windows from one
  // spread evenly over the run.
  static constexpr int kWindowMs = 100;
  std::vector<double> window_p99_ms;
  // Server CPU time per completed message, in microseconds: unlike the rate,
  // this hardly depends on what else the machine is doing.
  double ServerCpuUsPerMessage() const {
    return samples > 0 && server_cpu_s >= 0 ? server_cpu_s * 1e6 / static_cast<double>(samples)
                                            : -1;
  }
};

// Merges lanes; `seconds` is the length of the kMeasure phase.
Summary Summarize(std::vector<LaneStats>& lanes, double seconds);

// Nanoseconds on the steady clock: stamps travel inside message content, and
// sender and receiver are in this process, so no clock sync is involved.
int64_t NowNs();

// Content of a test message: an 8-byte stamp, then filler to `size` bytes.
std::string MakePayload(int64_t stamp_ns, size_t size);
// Reads the stamp back; false if the content is too short.
bool ReadStamp(const void* data, size_t size, int64_t* stamp_ns);

}  // namespace kollega::bench
