// kollega-loadgen: measures kollega-relay against a bare Beast WebSocket
// echo server in the same run on the same machine (see docs/performance.md).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cpu_split.h"
#include "echo_server.h"
#include "idle.h"
#include "lanes.h"
#include "load.h"
#include "loadgen_flags.h"
#include "metrics_scrape.h"
#include "process.h"
#include "tls_cert.h"

namespace kollega::bench {
namespace {

// What `relay --help` prints: the options that binary knows.
std::string OptionsOf(const std::string& relay_bin) {
  std::string out;
  FILE* help = ::popen(("'" + relay_bin + "' --help 2>&1").c_str(), "r");
  if (!help) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, help)) > 0) out.append(buf, n);
  ::pclose(help);
  return out;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

int ServeEcho(const Flags& flags) {
  EchoServer server;
  std::string error;
  uint16_t port =
      server.Start(flags.port, flags.server_threads, {flags.tls_cert, flags.tls_key}, &error);
  if (port == 0) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }
  if (!flags.port_file.empty()) {
    // Write then rename, so a reader never sees a half-written number.
    std::string tmp = flags.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), flags.port_file.c_str());
  }
  std::fprintf(stderr, "echo server on 127.0.0.1:%u, %d threads\n", port, flags.server_threads);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  int received = 0;
  sigwait(&signals, &received);
  server.Stop();
  return 0;
}

struct Servers {
  ChildProcess echo;
  ChildProcess relay;
  uint16_t relay_port = 0;
  uint16_t relay_metrics_port = 0;  // /metrics is not on the public port
  pid_t relay_pid = -1;
  bool spawned = false;  // relay started by us
};

bool StartServers(const Flags& flags, const std::string& dir, const std::vector<int>& cpus,
                  Servers* s) {
  std::string error;
  std::vector<std::string> tls_args;
  if (flags.tls) {
    const std::string cert = dir + "/tls-cert.pem", key = dir + "/tls-key.pem";
    if (!WriteSelfSignedCert(cert, key, &error)) {
      std::fprintf(stderr, "TLS certificate: %s\n", error.c_str());
      return false;
    }
    tls_args = {"--tls-cert", cert, "--tls-key", key};
  }
  if (flags.only != "relay") {
    std::vector<std::string> argv = {"/proc/self/exe",   "--serve-echo",
                                     "--port",           "0",
                                     "--port-file",      dir + "/echo.port",
                                     "--server-threads", std::to_string(flags.server_threads)};
    argv.insert(argv.end(), tls_args.begin(), tls_args.end());
    if (!SpawnServer(argv, dir + "/echo.port", dir + "/echo.log", 0, cpus, 10, &s->echo, &error)) {
      std::fprintf(stderr, "echo server: %s\n", error.c_str());
      return false;
    }
  }
  if (flags.only == "echo") return true;
  if (!flags.relay_bin.empty()) {
    std::vector<std::string> argv = {flags.relay_bin,
                                     "--listen",
                                     "127.0.0.1",
                                     "--port",
                                     "0",
                                     "--port-file",
                                     dir + "/relay.port",
                                     "--data-dir",
                                     dir + "/relay-data",
                                     "--threads",
                                     std::to_string(flags.server_threads),
                                     "--pow-bits",
                                     "0",
                                     "--account-rate",
                                     "1000000",
                                     "--bundle-rate",
                                     "1000000",
                                     "--request-rate",
                                     "1000000",
                                     "--log-level",
                                     "warn"};
    // /metrics is on its own port. Every client comes from 127.0.0.1 and
    // the idle test holds thousands of sockets that log in one by one: the
    // edge limits (docs/abuse.md) are not what this tool measures.
    const std::vector<std::string> edge_args = {
        "--metrics-port",    "0",       "--metrics-port-file",          dir + "/relay.metrics-port",
        "--max-connections", "1000000", "--max-connections-per-source", "1000000",
        "--auth-timeout",    "3600"};
    // Thousands of accounts sign up from one address, and each pair sends
    // far beyond an honest sender's rate: those limits stay in the Send
    // path (so their cost is measured) but never trip (docs/abuse-limits.md).
    const std::vector<std::string> limit_args = {
        "--sender-rate", "1000000000", "--signup-source-rate", "0", "--pow-bits-max-extra", "0"};
    // An A/B run (bench/ab.sh) may pit this against a build from before
    // these options existed, which would refuse them.
    const std::string help = OptionsOf(flags.relay_bin);
    if (help.find("--metrics-port") != std::string::npos) {
      argv.insert(argv.end(), edge_args.begin(), edge_args.end());
    }
    if (help.find("--sender-rate") != std::string::npos) {
      argv.insert(argv.end(), limit_args.begin(), limit_args.end());
    }
    argv.insert(argv.end(), tls_args.begin(), tls_args.end());
    argv.insert(argv.end(), flags.relay_args.begin(), flags.relay_args.end());
    if (!SpawnServer(argv, dir + "/relay.port", dir + "/relay.log", flags.relay_nofile, cpus, 30,
                     &s->relay, &error)) {
      std::fprintf(stderr, "relay: %s\n", error.c_str());
      return false;
    }
    s->relay_port = s->relay.port;
    s->relay_pid = s->relay.pid;
    // Written before the port file, which SpawnServer waited for.
    std::ifstream metrics_port_file(dir + "/relay.metrics-port");
    unsigned metrics_port = 0;
    if (metrics_port_file >> metrics_port)
      s->relay_metrics_port = static_cast<uint16_t>(metrics_port);
    s->spawned = true;
  } else {
    s->relay_port = flags.relay_port;
    s->relay_metrics_port = flags.relay_metrics_port;
    s->relay_pid = flags.relay_pid;
  }
  if (s->relay_port == 0) {
    std::fprintf(stderr, "no relay: pass --relay-bin PATH or --relay-port PORT (or --only echo)\n");
    return false;
  }
  return true;
}

Summary Measure(const Flags& flags, bool relay, uint16_t port, pid_t server_pid, int connections,
                double rate, uint16_t metrics_port = 0) {
  LaneOptions lane;
  lane.port = port;
  lane.payload = flags.size;
  lane.window = flags.window;
  lane.tls = flags.tls;
  LoadOptions load;
  load.lanes = relay ? connections / 2 : connections;
  load.loops = flags.client_threads;
  load.rate = rate;
  load.warmup_s = flags.warmup_s;
  load.measure_s = flags.duration_s;
  double server_cpu = -1, client_cpu = -1;
  std::map<std::string, double> metrics_before, metrics_after;
  load.on_measure_start = [&] {
    if (relay && flags.show_metrics) metrics_before = ScrapeMetrics(metrics_port);
    server_cpu = server_pid > 0 ? ReadCpuSeconds(server_pid) : -1;
    client_cpu = ReadCpuSeconds(::getpid());
  };
  load.on_measure_end = [&] {
    if (server_cpu >= 0) server_cpu = ReadCpuSeconds(server_pid) - server_cpu;
    client_cpu = ReadCpuSeconds(::getpid()) - client_cpu;
    if (relay && flags.show_metrics) metrics_after = ScrapeMetrics(metrics_port);
  };
  std::string error;
  Summary s = RunLoad(load, relay ? RelayPairFactory(lane) : EchoLaneFactory(lane), &error);
  s.server_cpu_s = server_cpu;
  s.client_cpu_s = client_cpu;
  if (!metrics_after.empty()) {
    s.notes = "  relay /metrics during the measured window:\n" +
              DescribeDeltas(metrics_before, metrics_after, static_cast<double>(s.samples));
  }
  if (!error.empty()) {
    s.errors += 1;
    s.first_error = error;
  }
  return s;
}

void PrintRow(const char* what, int connections, const char* mode, const Summary& s) {
  auto percent = [&](double cpu_s) { return s.seconds > 0 ? 100 * cpu_s / s.seconds : 0; };
  std::printf("%-6s %6d  %-12s %10.0f %9.2f %9.2f %9.2f %7llu %7.0f%% %7.0f%% %9.1f\n", what,
              connections, mode, s.per_second, s.p50_ms, s.p99_ms, s.max_ms,
              static_cast<unsigned long long>(s.errors + s.sends_skipped), percent(s.server_cpu_s),
              percent(s.client_cpu_s), s.ServerCpuUsPerMessage());
  if (!s.first_error.empty()) std::printf("         first error: %s\n", s.first_error.c_str());
  if (s.accept_p50_ms >= 0) {
    std::printf("  send -> SendAccepted (durable write): p50 %.2f ms, p99 %.2f ms\n",
                s.accept_p50_ms, s.accept_p99_ms);
  }
  if (s.lag_p99_ms >= 0) {
    std::printf("  load generator's own send lag: p99 %.2f ms, max %.2f ms\n", s.lag_p99_ms,
                s.lag_max_ms);
  }
  if (!s.notes.empty()) std::printf("%s", s.notes.c_str());
  std::fflush(stdout);
}

// One number per window (whole ms), then how much of the run the windows
// over 10 ms (the p99 target) are.
void PrintTimeline(const Summary& s) {
  std::printf("  p99 per %d ms window, ms:", Summary::kWindowMs);
  size_t over = 0;
  for (double p99 : s.window_p99_ms) {
    std::printf(" %.0f", p99);
    if (p99 > 10) ++over;
  }
  std::printf("\n  windows with p99 over 10 ms: %zu of %zu\n", over, s.window_p99_ms.size());
}

void PrintHeader() {
  std::printf("%-6s %6s  %-12s %10s %9s %9s %9s %7s %8s %8s %9s\n", "server", "conns", "mode",
              "msgs/s", "p50 ms", "p99 ms", "max ms", "errors", "srv cpu", "gen cpu", "srv us/msg");
}

// Runs one open-loop row flags.open_repeats times; with more than one, ends
// with the spread of the p99, since a single run's tail varies a lot.
void RepeatOpenLoop(const Flags& flags, const char* what, int connections, const char* mode,
                    const std::function<Summary()>& measure) {
  std::vector<double> p99s;
  for (int i = 0; i < flags.open_repeats; ++i) {
    Summary s = measure();
    PrintRow(what, connections, mode, s);
    if (flags.timeline) PrintTimeline(s);
    p99s.push_back(s.p99_ms);
  }
  if (p99s.size() < 2) return;
  std::sort(p99s.begin(), p99s.end());
  std::printf("%-6s %6d  %-12s p99 over %zu runs: min %.2f, median %.2f, max %.2f ms\n", what,
              connections, mode, p99s.size(), p99s.front(), p99s[p99s.size() / 2], p99s.back());
}

// The run whose rate is the median (the upper one of an even count).
Summary MedianByRate(std::vector<Summary> runs) {
  if (runs.empty()) return Summary{};
  std::sort(runs.begin(), runs.end(),
            [](const Summary& a, const Summary& b) { return a.per_second < b.per_second; });
  return runs[runs.size() / 2];
}

bool RelayAlive(Servers& s) {
  if (s.spawned) return IsRunning(s.relay);
  return s.relay_pid <= 0 || ::kill(s.relay_pid, 0) == 0;
}

int RunBench(const Flags& flags) {
  std::string dir = MakeTempDir("kollega-bench-");
  // Without this check a missing $TMPDIR made every path below relative to
  // "/", and the relay's data and logs landed in the root directory.
  if (dir.empty()) {
    std::fprintf(
        stderr,
        "cannot create a temporary directory (is $TMPDIR an existing, writable directory?)\n");
    return 2;
  }
  uint64_t soft = 0, hard = 0;
  int max_conns = 0;
  for (int c : flags.connections) max_conns = std::max(max_conns, c);
  uint64_t wanted = static_cast<uint64_t>(std::max(max_conns, flags.idle)) + 256;
  RaiseNofile(wanted, &soft, &hard);
  std::printf("kollega-loadgen: %u cpus, load average %s, RLIMIT_NOFILE %llu (hard %llu)\n",
              std::thread::hardware_concurrency(), LoadAverage().c_str(),
              static_cast<unsigned long long>(soft), static_cast<unsigned long long>(hard));
  if (soft < wanted) {
    std::printf(
        "WARNING: need %llu file descriptors but the hard limit is %llu; raise it "
        "(ulimit -Hn, or LimitNOFILE= in systemd) or use fewer connections\n",
        static_cast<unsigned long long>(wanted), static_cast<unsigned long long>(hard));
  }
  std::printf(
      "message %zu B, window %d per sender, %d server threads, %d client threads, "
      "%g s warm-up + %g s measured per row%s\n",
      flags.size, flags.window, flags.server_threads, flags.client_threads, flags.warmup_s,
      flags.duration_s, flags.tls ? ", TLS (wss://) to both servers" : "");

  // Pin before any thread or server starts: both inherit the mask.
  CpuSplit split;
  const std::vector<int> all_cpus = UsableCpus();
  const bool pin = flags.pin || flags.pin_client;
  if (pin && SplitCpus(flags.client_threads, &split) && PinCurrentThread(split.client)) {
    // The children must be given every CPU explicitly: they would inherit ours.
    if (flags.pin_client) split.server = all_cpus;
    std::printf("load generator on CPU %s, servers on CPU %s\n", DescribeCpus(split.client).c_str(),
                DescribeCpus(split.server).c_str());
  } else {
    split = CpuSplit{};
    std::printf("load generator and servers share CPU %s%s\n", DescribeCpus(all_cpus).c_str(),
                pin ? " (too few CPUs to split)" : "");
  }

  Servers servers;
  if (!StartServers(flags, dir, split.server, &servers)) return 1;
  if (servers.relay_pid > 0) {
    std::printf("relay pid %d: RLIMIT_NOFILE soft %lld (started with %llu), RSS %lld KiB\n",
                servers.relay_pid, static_cast<long long>(ReadSoftNofile(servers.relay_pid)),
                static_cast<unsigned long long>(flags.relay_nofile),
                static_cast<long long>(ReadRssKb(servers.relay_pid)));
  }

  bool do_echo = flags.only != "relay", do_relay = flags.only != "echo";
  Summary echo_peak, relay_peak;
  int peak_conns = 0;
  if (!flags.connections.empty() && flags.rate <= 0) {
    std::printf("\nClosed loop (echo: round trips; relay: send -> push, durable)\n");
    PrintHeader();
    for (int c : flags.connections) {
      // Echo and relay back to back, closed_repeats times: this VM's CPU
      // speed drifts within minutes, and a ratio of two rows far apart in
      // time measures the drift as much as the relay.
      std::vector<Summary> echoes, relays;
      std::vector<double> ratios;
      for (int i = 0; i < flags.closed_repeats; ++i) {
        Summary e, r;
        if (do_echo)
          PrintRow("echo", c, "closed",
                   e = Measure(flags, false, servers.echo.port, servers.echo.pid, c, 0));
        if (do_relay && RelayAlive(servers)) {
          PrintRow("relay", c, "closed",
                   r = Measure(flags, true, servers.relay_port, servers.relay_pid, c, 0,
                               servers.relay_metrics_port));
        }
        if (do_echo && do_relay && e.per_second > 0) {
          ratios.push_back(r.per_second / e.per_second);
          std::printf("ratio  %6d  relay/echo   %10.3f\n", c, ratios.back());
        }
        echoes.push_back(e);
        relays.push_back(r);
      }
      if (ratios.size() > 1) {
        std::sort(ratios.begin(), ratios.end());
        std::printf("ratio  %6d  relay/echo over %zu pairs: min %.3f, median %.3f, max %.3f\n", c,
                    ratios.size(), ratios.front(), ratios[ratios.size() / 2], ratios.back());
      }
      // Half of the peak: half of the (median) closed-loop rate at the
      // largest count (the one the targets name), offered at that same
      // count, so that the open loop has the same connections as the peak
      // it is half of.
      if (c >= peak_conns) {
        peak_conns = c;
        echo_peak = MedianByRate(echoes);
        relay_peak = MedianByRate(relays);
      }
    }
  }
  if (flags.rate > 0 || flags.half_peak) {
    std::printf("\nOpen loop (latency from the scheduled send time)\n");
    PrintHeader();
    for (int c : flags.rate > 0 ? flags.connections : std::vector<int>{peak_conns}) {
      char mode[32];
      double er = flags.rate > 0 ? flags.rate : echo_peak.per_second / 2;
      double rr = flags.rate > 0 ? flags.rate : relay_peak.per_second / 2;
      if (do_echo && er > 0) {
        std::snprintf(mode, sizeof mode, "%.0f/s", er);
        RepeatOpenLoop(flags, "echo", c, mode, [&] {
          return Measure(flags, false, servers.echo.port, servers.echo.pid, c, er);
        });
      }
      if (do_relay && rr > 0 && RelayAlive(servers)) {
        std::snprintf(mode, sizeof mode, "%.0f/s", rr);
        RepeatOpenLoop(flags, "relay", c, mode, [&] {
          return Measure(flags, true, servers.relay_port, servers.relay_pid, c, rr,
                         servers.relay_metrics_port);
        });
      }
    }
  }

  int status = 0;
  if (flags.idle > 0 && do_relay && RelayAlive(servers)) {
    IdleOptions idle;
    idle.port = servers.relay_port;
    idle.relay_pid = servers.relay_pid;
    idle.connections = flags.idle;
    idle.tls = flags.tls;
    IdleResult r;
    std::string error;
    std::printf("\nIdle connections (%d)\n", flags.idle);
    int64_t relay_nofile = ReadSoftNofile(servers.relay_pid);
    if (relay_nofile >= 0 && relay_nofile < flags.idle + 64) {
      // Past its limit the relay can only fail accepts; measuring that
      // would just hang the set-up, so report it and stop here.
      std::printf(
          "  FINDING: the relay's soft RLIMIT_NOFILE is %lld, below the %d descriptors "
          "%d connections need; it did not raise its own limit. Skipped; rerun with "
          "--relay-nofile 0 to let it inherit this tool's limit.\n",
          static_cast<long long>(relay_nofile), flags.idle + 64, flags.idle);
      status = 1;
    } else if (auto before = ScrapeMetrics(servers.relay_metrics_port);
               !RunIdle(idle, &r, &error)) {
      std::printf("  not run: %s\n", error.c_str());
      status = 1;
    } else {
      std::printf(
          "  accounts created %d in %.1f s; authenticated %d in %.1f s; "
          "closed by relay while idle %d\n",
          r.accounts_created, r.accounts_seconds, r.authenticated, r.connect_seconds,
          r.closed_by_relay);
      if (!r.first_error.empty()) std::printf("  first error: %s\n", r.first_error.c_str());
      std::printf("  relay RSS: before %lld KiB, connected %lld KiB, after close %lld KiB\n",
                  static_cast<long long>(r.rss_before_kb),
                  static_cast<long long>(r.rss_connected_kb),
                  static_cast<long long>(r.rss_after_close_kb));
      std::printf("  => %.1f KiB per idle authenticated connection\n", r.KbPerConnection());
      // Shows whether the relay's own gauges went back down after the close.
      std::printf("  relay /metrics, start of the idle test -> after the close:\n%s",
                  DescribeDeltas(before, ScrapeMetrics(servers.relay_metrics_port), 0).c_str());
    }
  }

  std::printf("\nload average at the end: %s\n", LoadAverage().c_str());
  if (servers.spawned) {
    if (!IsRunning(servers.relay)) {
      std::printf("RELAY DIED during the run; log %s:\n%s", servers.relay.log_path.c_str(),
                  Tail(servers.relay.log_path, 20).c_str());
      status = 1;
    } else {
      std::printf("relay RSS at the end %lld KiB; ",
                  static_cast<long long>(ReadRssKb(servers.relay.pid)));
      std::printf("stopped with SIGTERM: %s\n", StopServer(servers.relay, 20).c_str());
    }
  }
  if (servers.echo.pid > 0) StopServer(servers.echo, 5);
  if (!flags.keep_data) {
    std::string rm = "rm -rf '" + dir + "'";
    if (std::system(rm.c_str()) != 0) std::printf("could not remove %s\n", dir.c_str());
  } else {
    std::printf("data and logs kept in %s\n", dir.c_str());
  }
  return status;
}

}  // namespace
}  // namespace kollega::bench

int main(int argc, char** argv) {
  kollega::bench::Flags flags;
  std::string error;
  if (!kollega::bench::ParseFlags(argc, argv, &flags, &error)) {
    std::fprintf(stderr, "%s\n\n%s", error.c_str(), kollega::bench::kUsage);
    return 2;
  }
  if (flags.help) {
    std::printf("%s", kollega::bench::kUsage);
    return 0;
  }
  return flags.serve_echo ? kollega::bench::ServeEcho(flags) : kollega::bench::RunBench(flags);
}
