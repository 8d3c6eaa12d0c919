// Accounts made ahead of a soak or disk-full run, on a relay started for
// that purpose only, so that the run itself can log them in on a relay
// with its default sign-up limits (docs/performance.md, "Under attack").
//
// Blocking helpers for the controlling thread: each runs its own Loop
// thread and returns when done.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "relay_device.h"

namespace kollega::bench {

// A Loop on its own thread. Declare it before the devices that use it, so
// that they are destroyed first, while their io_context still exists.
struct LoopThread {
  Loop loop;
  std::thread thread{[this] { loop.Run(); }};
  ~LoopThread() { Stop(); }
  void Stop() {
    if (!thread.joinable()) return;
    loop.Stop();
    thread.join();
  }
};

// Signs up `count` fresh accounts (device 1 each, with a signed prekey and
// a device list), at most `concurrency` at a time; appends them to *out.
bool CreateAccounts(const std::string& host, uint16_t port, int count, int concurrency,
                    std::vector<DeviceCredentials>* out, std::string* error);

// Logs `who` in and uploads `count` one-time prekeys for its device.
bool UploadOneTimePrekeys(const std::string& host, uint16_t port, const DeviceCredentials& who,
                          int count, std::string* error);

// Logs `who` in from `source` and sends one envelope of `content` to device
// 1 of `recipient`; returns the relay's answer code, or -1 with *error set.
int SendOnce(const std::string& host, uint16_t port, const std::string& source,
             const DeviceCredentials& who, const std::string& recipient, const std::string& content,
             std::string* error);

}  // namespace kollega::bench
