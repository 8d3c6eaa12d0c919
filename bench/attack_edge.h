// The attack soak's attackers before login (docs/abuse.md), on raw sockets
// so that they can do what no WebSocket library lets a client do:
//
//   flood:    opens connections up to a target beyond the per-source cap and
//             holds them without logging in; reopens what the relay cuts.
//   trickle:  opens connections and sends a frame header announcing just
//             under the pre-login frame cap, then one byte a second.
//   oversize: opens a connection and sends one frame over the pre-login
//             cap, again and again.
//
// Every socket binds `source` (all attack traffic from one address, so the
// per-source caps meet it as they would a real attacker's).
//
// Ownership and threads: EdgeAttackers owns its sockets and one thread,
// started by Start() and joined by Stop() (or the destructor). counts()
// may be called after Stop() only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <thread>

namespace kollega::bench {

struct EdgeAttackOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string source = "127.0.0.1";
  int flood_target = 300;       // connections the flood tries to hold
  int trickle_sockets = 32;     // trickling connections kept open
  size_t trickle_frame = 8000;  // announced frame length (under the 8 KiB cap)
  size_t oversize_frame = 16384;
  int oversize_interval_ms = 50;
  bool nice = true;  // the thread at nice 19, as AccountAttackOptions::nice
};

// What one kind of attacker achieved.
struct EdgeAttackerCounts {
  uint64_t opened = 0;                 // TCP connections made, upgrade request sent
  uint64_t upgraded = 0;               // 101 Switching Protocols: the relay took it
  uint64_t refused = 0;                // HTTP 503 (a connection cap)
  uint64_t closed_before_upgrade = 0;  // no HTTP answer
  int peak_open = 0;                   // upgraded and held at once, at most
  uint64_t bytes_sent = 0;
  // How upgraded connections ended: close code (0 = no close frame, the
  // socket just ended) -> count, and the longest one lived, in seconds.
  std::map<int, uint64_t> ended_by_code;
  double longest_s = 0;
};

struct EdgeAttackCounts {
  EdgeAttackerCounts flood, trickle, oversize;
};

class EdgeAttackers {
 public:
  explicit EdgeAttackers(EdgeAttackOptions options) : options_(std::move(options)) {}
  ~EdgeAttackers() { Stop(); }
  EdgeAttackers(const EdgeAttackers&) = delete;
  EdgeAttackers& operator=(const EdgeAttackers&) = delete;

  void Start();
  void Stop();
  const EdgeAttackCounts& counts() const { return counts_; }

 private:
  void Run();

  EdgeAttackOptions options_;
  EdgeAttackCounts counts_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// "1009 x3, 4003 x5" for a report line.
std::string DescribeEnds(const std::map<int, uint64_t>& ended_by_code);

}  // namespace kollega::bench
