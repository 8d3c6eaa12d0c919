// Command-line options of kollega-attack-soak (the attack soak and, with
// --disk-fill, the disk-full client).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kollega::bench {

inline constexpr char kSoakUsage[] =
    R"(Usage: kollega-attack-soak --relay-bin PATH [options]

Starts kollega-relay with its default limits, runs honest open-loop load
alone and then again while attackers run (connection flood, pre-login
trickle, oversize frames, sign-up storm, prekey drain, mailbox flood), and
prints both phases, their ratios, the relay's memory and what each attacker
achieved. Honest clients connect from 127.0.0.2 on; attackers from
--attack-source.

Honest load:
  --pairs N              sender/recipient pairs (default 400)
  --rate R               messages/s in total, open loop (default 2000)
  --size BYTES           message content size (default 512)
  --warmup S             seconds before measuring, per phase (default 2)
  --duration S           seconds measured per phase (default 10)
  --per-source N         honest connections per source address (default 200)
  --client-threads N     honest load-generator threads (default 2)

Attackers:
  --attack-source ADDR   their address (default 127.0.0.1)
  --attack-lead S        seconds they run before the second phase starts
                         (default 2)
  --flood-connections N  connections the flood tries to hold (default 300)
  --trickle N            trickling pre-login connections (default 32)
  --storm-threads N      sign-up storm threads solving proofs of work (default 1)
  --drainers N           accounts draining the target's prekeys (default 4)
  --drain-rate R         bundle fetches per second per drainer (default 20)
  --flooders N           accounts flooding the target's mailbox (default 1)

Relay:
  --relay-bin PATH       the kollega-relay to start (required)
  --relay-arg ARG        extra argument for the measured relay (repeatable)
  --keep-data            keep its data directory and logs

Disk-full client (bench/disk_full.sh runs it):
  --disk-fill            fill the relay's disk instead of the soak
  --data-dir DIR         the relay's data directory, on the small filesystem
  --ballast FILE         a file on that filesystem to delete to free space
  --fill-size BYTES      envelope content size (default 16384)
  --fill-timeout S       give up filling after S seconds (default 120)
)";

struct SoakFlags {
  bool help = false;
  std::string relay_bin;
  std::vector<std::string> relay_args;
  bool keep_data = false;
  int pairs = 400;
  double rate = 2000;
  size_t size = 512;
  double warmup_s = 2;
  double duration_s = 10;
  int per_source = 200;
  int client_threads = 2;
  std::string attack_source = "127.0.0.1";
  double attack_lead_s = 2;
  int flood_connections = 300;
  int trickle_sockets = 32;
  int storm_threads = 1;
  int drainers = 4;
  double drain_rate = 20;
  int flooders = 1;
  bool disk_fill = false;
  std::string data_dir;
  std::string ballast;
  size_t fill_size = 16384;
  double fill_timeout_s = 120;
};

bool ParseSoakFlags(int argc, char** argv, SoakFlags* flags, std::string* error);

}  // namespace kollega::bench
