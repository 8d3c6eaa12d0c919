// The attack soak's attackers that speak the protocol (docs/abuse-limits.md):
//
//   storm:  solves real proofs of work at whatever difficulty each
//           challenge announces and asks for accounts, reconnecting when
//           cut (one thread each: solving is the attacker's cost).
//   drain:  accounts made in advance fetch the target's bundles (device 0,
//           every device) at a fixed pace each, to take its one-time
//           prekeys.
//   flood:  accounts made in advance send to the target as fast as their
//           window allows, to fill its mailbox.
//
// All connect from `source`. Ownership and threads: AccountAttackers owns
// its Loops (one for drain and flood, one per storm thread) and their
// threads, from Start() to Stop(). counts() may be read after Stop() only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "relay_device.h"

namespace kollega::bench {

struct AccountAttackOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  std::string source = "127.0.0.1";
  DeviceCredentials target;  // the honest device drained and flooded
  std::vector<DeviceCredentials> drainers;
  double drain_rate = 20;  // bundle fetches per second, per drainer
  std::vector<DeviceCredentials> flooders;
  int flood_window = 16;  // sends outstanding per flooder
  size_t flood_size = 512;
  int storm_threads = 1;
  // Every attacker thread at nice 19: it stands for the attacker's own
  // machine, whose CPU in reality is not the relay's.
  bool nice = true;
};

struct AccountAttackCounts {
  // Sign-up storm.
  uint64_t storm_attempts = 0;  // CreateAccount sent with a solved proof of work
  uint64_t storm_created = 0;
  uint64_t storm_rate_limited = 0;
  uint64_t storm_other = 0;
  uint64_t storm_connects_refused = 0;
  uint64_t storm_cuts = 0;  // connections the relay ended
  uint32_t storm_bits_min = 0, storm_bits_max = 0;
  double storm_solve_s = 0;  // thread time spent solving
  // Prekey drain (bundles for device 0 of the target).
  uint64_t drain_bundles_with_key = 0;  // a one-time prekey obtained
  uint64_t drain_bundles_without = 0;
  uint64_t drain_rate_limited = 0;
  uint64_t drain_other = 0;
  uint64_t drain_reconnects = 0;
  // Mailbox flood.
  uint64_t flood_stored = 0;
  uint64_t flood_quota = 0;  // SENDER_QUOTA_EXCEEDED
  uint64_t flood_rate_limited = 0;
  uint64_t flood_mailbox_full = 0;
  uint64_t flood_other = 0;
  uint64_t flood_reconnects = 0;
  std::string first_other;  // the first unexpected answer, for the report

  void Merge(const AccountAttackCounts& o);
};

class AccountAttackers {
 public:
  explicit AccountAttackers(AccountAttackOptions options);
  ~AccountAttackers();
  AccountAttackers(const AccountAttackers&) = delete;
  AccountAttackers& operator=(const AccountAttackers&) = delete;

  void Start();
  void Stop();
  AccountAttackCounts counts() const;

  class Agent;

 private:
  struct Worker;
  AccountAttackOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace kollega::bench
