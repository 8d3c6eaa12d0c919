// SPDX-License-Identifier: GPL-3.0-or-later
#include "load.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace kollega::bench {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct LoopSlot {
  LoopContext ctx;
  Loop loop;
  std::vector<std::unique_ptr<Lane>> lanes;
  std::unique_ptr<Timer> ticker;
  // Open loop: messages issued since the start, and the start time.
  uint64_t issued = 0;
  Clock::time_point start;
  double rate = 0;  // this Loop's share of the total
  size_t next_lane = 0;
};

// Issues every message that has fallen due, then sleeps until the next one.
// Stamps are the scheduled times, so a late tick shows up as latency rather
// than being silently absorbed.
void Tick(LoopSlot& slot) {
  if (!slot.ctx.control->sending() || slot.lanes.empty()) return;
  auto now = Clock::now();
  double elapsed = std::chrono::duration<double>(now - slot.start).count();
  // Message k is due at start + k / rate: k = 0 at once, not one interval in.
  auto due = static_cast<uint64_t>(elapsed * slot.rate) + 1;
  int64_t start_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(slot.start.time_since_epoch()).count();
  const int64_t now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  const bool measuring = slot.ctx.control->measuring();
  for (; slot.issued < due; ++slot.issued) {
    int64_t stamp =
        start_ns + static_cast<int64_t>(static_cast<double>(slot.issued) * 1e9 / slot.rate);
    if (measuring) slot.ctx.stats.send_lag_ns.push_back(now_ns - stamp);
    Lane& lane = *slot.lanes[slot.next_lane];
    slot.next_lane = (slot.next_lane + 1) % slot.lanes.size();
    if (!lane.SendStamped(stamp)) ++slot.ctx.stats.sends_skipped;
  }
  auto next = slot.start + std::chrono::nanoseconds(static_cast<int64_t>(
                               static_cast<double>(slot.issued) * 1e9 / slot.rate));
  // Waking more often than every 200 us costs the client more CPU than the
  // timing error it saves.
  slot.ticker->At(std::max(next, now + 200us), [&slot] { Tick(slot); });
}

// Runs `fn` on each Loop's thread and waits until all have finished.
void OnEachLoop(std::vector<std::unique_ptr<LoopSlot>>& slots,
                const std::function<void(LoopSlot&)>& fn) {
  std::atomic<size_t> done{0};
  for (auto& slot : slots) {
    LoopSlot* s = slot.get();
    s->loop.Post([s, &fn, &done] {
      fn(*s);
      ++done;
    });
  }
  while (done.load() < slots.size()) std::this_thread::sleep_for(1ms);
}

}  // namespace

Summary RunLoad(const LoadOptions& options, const LaneFactory& factory, std::string* error) {
  RunControl control;
  std::vector<std::unique_ptr<LoopSlot>> slots;
  std::vector<std::thread> threads;
  for (int i = 0; i < std::max(1, options.loops); ++i) {
    auto slot = std::make_unique<LoopSlot>();
    slot->ctx.loop = &slot->loop;
    slot->ctx.control = &control;
    slot->ctx.closed_loop = options.rate <= 0;
    slot->ticker = std::make_unique<Timer>(slot->loop);
    threads.emplace_back([s = slot.get()] { s->loop.Run(); });
    slots.push_back(std::move(slot));
  }

  // Set up lanes round-robin over the Loops, a bounded number at a time so
  // that the server sees a steady trickle of connects, not a SYN flood.
  std::atomic<int> started{0}, ready{0}, failed{0};
  std::mutex error_mutex;
  std::string first_error;
  auto deadline = Clock::now() + std::chrono::duration<double>(options.setup_timeout_s);
  while (ready + failed < options.lanes && Clock::now() < deadline && failed == 0) {
    while (started < options.lanes && started - ready - failed < options.setup_concurrency) {
      int index = started++;
      LoopSlot* s = slots[index % slots.size()].get();
      s->loop.Post([s, index, &factory, &ready, &failed, &error_mutex, &first_error] {
        factory(s->ctx, index,
                [s, &ready, &failed, &error_mutex, &first_error](std::unique_ptr<Lane> lane,
                                                                 const std::string& err) {
                  if (!lane) {
                    std::lock_guard lock(error_mutex);
                    if (first_error.empty()) first_error = err;
                    ++failed;
                    return;
                  }
                  s->lanes.push_back(std::move(lane));
                  ++ready;
                });
      });
    }
    std::this_thread::sleep_for(2ms);
  }

  Summary summary;
  if (ready < options.lanes) {
    std::lock_guard lock(error_mutex);
    *error = "set-up: " + std::to_string(ready.load()) + "/" + std::to_string(options.lanes) +
             " lanes ready; " + (first_error.empty() ? "timed out" : first_error);
  } else {
    control.phase = Phase::kWarmup;
    OnEachLoop(slots, [&](LoopSlot& s) {
      if (options.rate > 0) {
        s.rate = options.rate * static_cast<double>(s.lanes.size()) / options.lanes;
        s.start = Clock::now();
        Tick(s);
      } else {
        for (auto& lane : s.lanes) lane->Pump();
      }
    });
    std::this_thread::sleep_for(std::chrono::duration<double>(options.warmup_s));
    if (options.on_measure_start) options.on_measure_start();
    control.phase = Phase::kMeasure;
    auto t0 = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(options.measure_s));
    control.phase = Phase::kDrain;
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (options.on_measure_end) options.on_measure_end();

    // Let in-flight messages arrive so the server is idle for the next run.
    auto drain_deadline = Clock::now() + 10s;
    auto in_flight = [&] {
      int64_t n = 0;
      for (auto& s : slots) n += s->ctx.outstanding.load();
      return n;
    };
    while (in_flight() > 0 && Clock::now() < drain_deadline) std::this_thread::sleep_for(5ms);
    int64_t stuck = in_flight();
    OnEachLoop(slots, [](LoopSlot& s) {
      s.ticker->Cancel();
      for (auto& lane : s.lanes) lane->Close();
    });
    std::this_thread::sleep_for(200ms);  // let close frames go out

    std::vector<LaneStats> stats;
    for (auto& s : slots) stats.push_back(std::move(s->ctx.stats));
    summary = Summarize(stats, seconds);
    if (stuck > 0) {
      summary.errors += static_cast<uint64_t>(stuck);
      if (summary.first_error.empty()) {
        summary.first_error =
            std::to_string(stuck) + " messages still in flight 10 s after the end";
      }
    }
  }

  control.phase = Phase::kDone;
  for (auto& s : slots) s->loop.Stop();
  for (auto& t : threads) t.join();
  // Lanes go before their Loop: their connections belong to its io_context.
  for (auto& s : slots) {
    s->ticker.reset();
    s->lanes.clear();
  }
  return summary;
}

}  // namespace kollega::bench
