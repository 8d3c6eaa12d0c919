// Test harness: the real kollega-relay binary on an ephemeral loopback port
// with a temporary data directory, restartable on the same port and data
// (so clients reconnect to the same URL), plus a temporary-directory helper.
//
// Kept here rather than in tests/support so the client suite depends on
// nothing but the relay binary; it uses only the relay's documented flags.
// Thread-safety: none; one test thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kollega/base/status.h"

namespace kollega::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class RelayHarness {
 public:
  // `extra_flags` are appended to the defaults (low PoW, generous rates).
  explicit RelayHarness(std::string data_dir, std::vector<std::string> extra_flags = {});
  ~RelayHarness();

  // Starts the relay; port 0 picks one (first start), later starts reuse it.
  Status Start();
  // SIGTERM (graceful) or SIGKILL (crash), then waits for the process.
  void Stop(bool crash = false);
  bool running() const { return pid_ > 0; }
  std::string url() const;
  const std::string& data_dir() const { return data_dir_; }

 private:
  std::string data_dir_;
  std::vector<std::string> extra_flags_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace kollega::testing
