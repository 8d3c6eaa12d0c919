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
#include <QEventLoop>
#include <QObject>
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

// Runs an event loop until `done()` holds (true) or `timeout_ms` passes
// (false). A 1 ms timer checks, so the wait ends within about a millisecond
// of the condition. A real QEventLoop rather than processEvents(): objects
// the screens delete later (delegates scrolled away, a screen left) are
// deleted by it, as in the app's own loop, not kept until the end.
inline bool WaitFor(const std::function<bool()>& done, int timeout_ms) {
  if (done()) return true;
  QElapsedTimer clock;
  clock.start();
  QEventLoop loop;
  bool ok = false;
  QTimer tick;
  QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
    ok = done();
    if (ok || clock.elapsed() > timeout_ms) loop.quit();
  });
  tick.start(1);
  loop.exec();
  return ok;
}

}  // namespace kollega::bench
