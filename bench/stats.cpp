// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>

namespace kollega::bench {

namespace {

double PercentileMs(const std::vector<int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  size_t index = static_cast<size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
  return static_cast<double>(sorted[std::min(index, sorted.size() - 1)]) / 1e6;
}

std::vector<double> WindowP99s(const std::vector<LaneStats>& lanes) {
  int64_t first = INT64_MAX;
  for (const auto& lane : lanes) {
    for (int64_t t : lane.done_ns) first = std::min(first, t);
  }
  std::vector<std::vector<int64_t>> windows;
  const int64_t width_ns = int64_t{Summary::kWindowMs} * 1'000'000;
  for (const auto& lane : lanes) {
    for (size_t i = 0; i < lane.done_ns.size() && i < lane.latency_ns.size(); ++i) {
      size_t w = static_cast<size_t>((lane.done_ns[i] - first) / width_ns);
      if (w >= windows.size()) windows.resize(w + 1);
      windows[w].push_back(lane.latency_ns[i]);
    }
  }
  std::vector<double> out;
  for (auto& w : windows) {
    std::sort(w.begin(), w.end());
    out.push_back(PercentileMs(w, 0.99));
  }
  return out;
}

}  // namespace

Summary Summarize(std::vector<LaneStats>& lanes, double seconds) {
  Summary s;
  s.seconds = seconds;
  std::vector<int64_t> all, accept, lag;
  for (auto& lane : lanes) {
    s.samples += lane.completed;
    s.errors += lane.errors;
    s.sends_skipped += lane.sends_skipped;
    if (s.first_error.empty()) s.first_error = lane.first_error;
    all.insert(all.end(), lane.latency_ns.begin(), lane.latency_ns.end());
    accept.insert(accept.end(), lane.accept_latency_ns.begin(), lane.accept_latency_ns.end());
    lag.insert(lag.end(), lane.send_lag_ns.begin(), lane.send_lag_ns.end());
  }
  if (!lag.empty()) {
    std::sort(lag.begin(), lag.end());
    s.lag_p99_ms = PercentileMs(lag, 0.99);
    s.lag_max_ms = static_cast<double>(lag.back()) / 1e6;
  }
  if (!accept.empty()) {
    std::sort(accept.begin(), accept.end());
    s.accept_p50_ms = PercentileMs(accept, 0.50);
    s.accept_p99_ms = PercentileMs(accept, 0.99);
  }
  std::sort(all.begin(), all.end());
  s.per_second = seconds > 0 ? static_cast<double>(s.samples) / seconds : 0;
  s.p50_ms = PercentileMs(all, 0.50);
  s.p99_ms = PercentileMs(all, 0.99);
  s.max_ms = all.empty() ? 0 : static_cast<double>(all.back()) / 1e6;
  s.window_p99_ms = WindowP99s(lanes);
  return s;
}

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string MakePayload(int64_t stamp_ns, size_t size) {
  std::string out(std::max(size, sizeof(stamp_ns)), 'k');
  std::memcpy(out.data(), &stamp_ns, sizeof(stamp_ns));
  return out;
}

bool ReadStamp(const void* data, size_t size, int64_t* stamp_ns) {
  if (size < sizeof(*stamp_ns)) return false;
  std::memcpy(stamp_ns, data, sizeof(*stamp_ns));
  return true;
}

}  // namespace kollega::bench
