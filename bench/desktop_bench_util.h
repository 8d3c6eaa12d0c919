// Small helpers of kollega_desktop_bench and its baseline window: this
// process's resident memory, a median, and waiting on the Qt event loop
// without sleeping past the moment a condition holds.
//
// Thread-safety: WaitFor runs the calling thread's event loop; call it from
// the GUI thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace kollega::bench {

// VmRSS of this process in KiB (/proc/self/status); 0 where unknown.
inline long RssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

inline double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t mid = v.size() / 2;
  return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

// Runs the event loop until `done()` holds (true) or `timeout_ms` passes
// (false). A 1 ms timer wakes the loop, so the wait ends within about a
// millisecond of the condition, not at a coarse polling step.
inline bool WaitFor(const std::function<bool()>& done, int timeout_ms) {
  QTimer tick;
  tick.start(1);
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() > timeout_ms) return false;
    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
  }
  return true;
}

}  // namespace kollega::bench
