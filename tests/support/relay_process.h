// RelayProcess: the real kollega-relay binary as a child process, on an
// ephemeral loopback port with a temporary data directory, for integration
// tests. Its stderr goes to a log file the test can inspect.
//
// Ownership: owns the child (killed with SIGKILL if still running at
// destruction) and the temporary directory (removed at destruction).
// Thread-safety: none; use from the test's thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace kollega::testing {

class RelayProcess {
 public:
  // `extra_args` follow the defaults (--port 0, --port-file, --data-dir,
  // --threads 2, --pow-bits 4, a generous --account-rate, --metrics-port 0
  // with --metrics-port-file, the abuse limits after login off), so they
  // override.
  RelayProcess(std::string binary, std::vector<std::string> extra_args = {});
  ~RelayProcess();
  RelayProcess(const RelayProcess&) = delete;
  RelayProcess& operator=(const RelayProcess&) = delete;

  // Starts the relay and waits until it has written its port. False (with
  // the log printed) if it exits or times out first. A restart listens on
  // the port of the first start, so clients reconnect to the same URL.
  bool Start(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // SIGTERM, then waits. Returns the exit status, or -1 on timeout/signal.
  int Stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // SIGKILL and reap: a crash, as far as the relay can tell.
  void Kill9();
  // Starts again on the same data directory (after Stop or Kill9).
  bool Restart() { return Start(); }

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  uint16_t port() const { return port_; }
  // The port of /metrics (and /healthz): the relay's own metrics listener
  // on 127.0.0.1, apart from the public port.
  uint16_t metrics_port() const { return metrics_port_; }
  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
  const std::string& dir() const { return dir_; }
  std::string data_dir() const { return dir_ + "/data"; }
  std::string log_path() const { return dir_ + "/relay.log"; }
  std::string ReadLog() const;

  // Runs the binary with `args` to completion (for --help and bad flags);
  // returns the exit status and captures stdout+stderr.
  static int RunToExit(const std::string& binary, const std::vector<std::string>& args,
                       std::string* output);

 private:
  std::string binary_;
  std::vector<std::string> extra_args_;
  std::string dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  uint16_t metrics_port_ = 0;
};

// A blocking TCP socket connected to 127.0.0.1:port, whose sends and
// receives give up after `timeout_seconds`; -1 on failure. `rcvbuf` > 0
// sets SO_RCVBUF before connecting. The caller closes it.
int ConnectLoopback(uint16_t port, int timeout_seconds, int rcvbuf = 0);

// A plain HTTP/1.1 GET to 127.0.0.1:port (Connection: close); the whole
// response (status line, headers, body), or "" on failure. 5 s timeout.
std::string HttpGet(uint16_t port, const std::string& path);

// A fresh directory under the system's temporary directory, removed with
// everything in it at destruction.
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

}  // namespace kollega::testing
