// Command-line options of kollega-loadgen.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kollega::bench {

inline constexpr char kUsage[] =
    R"(Usage: kollega-loadgen [options]

Measures kollega-relay over loopback against a bare Beast WebSocket echo
server started in the same run, and prints messages/s, p50/p99 latency and
the relay/echo ratio for each connection count.

Relay under test (one of):
  --relay-bin PATH       start this kollega-relay on a temporary data dir with
                         --port 0 --port-file, --pow-bits 0 and high rate limits
  --relay-port PORT      use a relay already listening on 127.0.0.1:PORT
  --relay-pid PID        ...and its pid, for the memory figures
  --relay-metrics-port PORT  ...and its --metrics-port, where /metrics is
                         (default 8421, the relay's default)
  --relay-arg ARG        extra argument for the started relay (repeatable)
  --relay-nofile N       soft RLIMIT_NOFILE the started relay begins with, to
                         check that it raises its own (default 1024; 0 = ours)

Load:
  --connections LIST     connection counts to sweep (default 16,64,256); the
                         relay uses LIST/2 sender/recipient pairs
  --window W             closed loop: messages outstanding per sender (default 8)
  --size BYTES           message content size (default 512)
  --warmup S             seconds before measuring (default 2)
  --duration S           seconds measured per row (default 10)
  --rate R               open loop at R messages/s in total, for each count
  --no-half-peak         skip the open-loop run at half of the measured peak
  --closed-repeats N     run each closed-loop echo/relay pair N times, one
                         after the other (default 1), and print the ratio's
                         minimum, median and maximum; the half-peak rate is
                         then half of the median relay rate
  --open-repeats N       run each open-loop row N times (default 1) and print
                         the p99's minimum, median and maximum: one run's
                         tail is noisy
  --timeline             print the p99 of each 100 ms window of every
                         open-loop run (a few stalled windows, or an even tail?)
  --server-threads N     relay --threads and echo threads (default 2)
  --client-threads N     load-generator threads (default 1)
  --pin                  give the load generator as many CPUs as it has
                         threads and the servers the rest, instead of
                         letting all share every CPU (needs 2 or more CPUs)
  --pin-client           confine only the load generator (as --pin does) and
                         let the servers use every CPU, as a server with the
                         machine to itself would
  --only echo|relay      measure just one side
  --idle N               then open N idle authenticated relay connections and
                         report relay memory per connection (try 10000)
  --tls                  TLS (wss://) to both servers, with a throwaway
                         self-signed certificate the tool makes (a relay
                         given by --relay-port must already serve TLS)
  --no-metrics           don't print the relay's /metrics deltas per run
  --keep-data            keep the temporary directory (logs, relay data)

Internal:
  --serve-echo [--port P] [--port-file F] [--tls-cert F --tls-key F]
                         run only the echo server
)";

struct Flags {
  std::string relay_bin;
  uint16_t relay_port = 0;
  uint16_t relay_metrics_port = 8421;
  pid_t relay_pid = -1;
  std::vector<std::string> relay_args;
  uint64_t relay_nofile = 1024;
  std::vector<int> connections = {16, 64, 256};
  int window = 8;
  size_t size = 512;
  double warmup_s = 2;
  double duration_s = 10;
  double rate = 0;
  bool half_peak = true;
  int closed_repeats = 1;
  int open_repeats = 1;
  bool timeline = false;
  int server_threads = 2;
  int client_threads = 1;
  bool pin = false;
  bool pin_client = false;
  std::string only;
  int idle = 0;
  bool show_metrics = true;
  bool keep_data = false;
  bool tls = false;
  std::string tls_cert;  // --serve-echo only
  std::string tls_key;
  bool serve_echo = false;
  uint16_t port = 0;
  std::string port_file;
  bool help = false;
};

bool ParseFlags(int argc, char** argv, Flags* flags, std::string* error);

}  // namespace kollega::bench
