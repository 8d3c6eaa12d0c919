// Idle-connection memory: how much relay memory one authenticated but
// silent connection holds.
//
// Method: (1) create `connections` accounts, each on a short-lived
// connection, so that account records are in the store before the baseline;
// (2) read the relay's VmRSS; (3) open one connection per account and
// authenticate it (distinct devices, so none replaces another); (4) wait
// for the relay to settle and read VmRSS again. The difference divided by
// the connection count is the per-connection cost. (5) Close them all and
// read VmRSS once more, to show how much is given back.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace kollega::bench {

struct IdleOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  pid_t relay_pid = -1;
  bool tls = false;  // wss://
  int connections = 10000;
  int concurrency = 200;  // set-ups in flight at once
  double settle_s = 3;
  double timeout_s = 180;  // per phase
};

struct IdleResult {
  int accounts_created = 0;
  int authenticated = 0;
  int closed_by_relay = 0;  // while idle: a relay that drops idle sockets shows here
  int64_t rss_before_kb = -1;
  int64_t rss_connected_kb = -1;
  int64_t rss_after_close_kb = -1;
  double accounts_seconds = 0;
  double connect_seconds = 0;
  std::string first_error;
  double KbPerConnection() const {
    return authenticated > 0 ? static_cast<double>(rss_connected_kb - rss_before_kb) / authenticated
                             : 0;
  }
};

// Returns false (and a reason) when the run could not be done at all;
// partial results (some connections failed) are reported in *result.
bool RunIdle(const IdleOptions& options, IdleResult* result, std::string* error);

}  // namespace kollega::bench
