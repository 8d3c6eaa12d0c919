// kollega-attack-soak: the relay with its default limits under honest load,
// first alone, then while every attacker of docs/abuse.md and
// docs/abuse-limits.md runs at once; prints the honest figures of both
// phases, their ratios, the relay's memory and what each attacker achieved
// (docs/performance.md, "Under attack"). `--disk-fill` runs the disk-full
// client instead (disk_fill.h, bench/disk_full.sh).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "attack_accounts.h"
#include "attack_edge.h"
#include "attack_flags.h"
#include "attack_setup.h"
#include "disk_fill.h"
#include "lanes.h"
#include "load.h"
#include "metrics_scrape.h"
#include "process.h"

namespace kollega::bench {
namespace {

using namespace std::chrono_literals;

// Samples the relay's resident memory while a phase runs.
class RssSampler {
 public:
  explicit RssSampler(pid_t pid) : pid_(pid), thread_([this] { Run(); }) {}
  ~RssSampler() {
    stop_ = true;
    thread_.join();
  }
  int64_t TakePeakKb() { return peak_kb_.exchange(0); }

 private:
  void Run() {
    while (!stop_) {
      const int64_t kb = ReadRssKb(pid_);
      int64_t peak = peak_kb_.load();
      while (kb > peak && !peak_kb_.compare_exchange_weak(peak, kb)) {
      }
      std::this_thread::sleep_for(100ms);
    }
  }
  pid_t pid_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> peak_kb_{0};
  std::thread thread_;
};

int64_t ReadHwmKb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6);
  }
  return -1;
}

std::vector<std::string> RelayArgs(const SoakFlags& flags, const std::string& dir,
                                   const std::string& name) {
  return {flags.relay_bin,
          "--listen",
          "127.0.0.1",
          "--port",
          "0",
          "--port-file",
          dir + "/" + name + ".port",
          "--data-dir",
          dir + "/relay-data",
          "--metrics-port",
          "0",
          "--metrics-port-file",
          dir + "/" + name + ".metrics-port",
          "--log-level",
          "warn"};
}

bool StartRelay(const std::vector<std::string>& argv, const std::string& dir,
                const std::string& name, ChildProcess* child, uint16_t* metrics_port) {
  std::string error;
  if (!SpawnServer(argv, dir + "/" + name + ".port", dir + "/" + name + ".log", 0, {}, 30, child,
                   &error)) {
    std::printf("relay (%s): %s\n", name.c_str(), error.c_str());
    return false;
  }
  unsigned port = 0;
  std::ifstream(dir + "/" + name + ".metrics-port") >> port;
  *metrics_port = static_cast<uint16_t>(port);
  return true;
}

void PrintPhase(const char* what, const Summary& s, int64_t peak_rss_kb) {
  std::printf(
      "honest %-13s delivered %.0f msg/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, errors %llu, "
      "relay CPU %.0f%%, relay RSS peak %.1f MiB\n",
      what, s.per_second, s.p50_ms, s.p99_ms, s.max_ms,
      static_cast<unsigned long long>(s.errors + s.sends_skipped),
      s.seconds > 0 ? 100 * s.server_cpu_s / s.seconds : 0,
      static_cast<double>(peak_rss_kb) / 1024);
  if (!s.first_error.empty()) std::printf("  first error: %s\n", s.first_error.c_str());
  std::fflush(stdout);
}

// The lines of a /metrics delta that concern refusals, so the report shows
// what the relay itself counted while the attackers ran.
std::string RefusalDeltas(const std::map<std::string, double>& before,
                          const std::map<std::string, double>& after) {
  std::istringstream all(DescribeDeltas(before, after, 0));
  std::string line, out;
  while (std::getline(all, line)) {
    if (line.find("refusal") != std::string::npos || line.find("timeout") != std::string::npos ||
        line.find("errors_total") != std::string::npos ||
        line.find("accounts_created") != std::string::npos) {
      out += "  " + line + "\n";
    }
  }
  return out;
}

void PrintAttackers(const EdgeAttackCounts& e, const AccountAttackCounts& a) {
  auto edge = [](const char* name, const EdgeAttackerCounts& c) {
    std::printf(
        "attacker %-17s %llu connections, %llu taken (at most %d open at once), %llu refused "
        "with 503, %llu closed unanswered; ended: %s; longest held %.1f s; %llu bytes sent\n",
        name, static_cast<unsigned long long>(c.opened),
        static_cast<unsigned long long>(c.upgraded), c.peak_open,
        static_cast<unsigned long long>(c.refused),
        static_cast<unsigned long long>(c.closed_before_upgrade),
        DescribeEnds(c.ended_by_code).c_str(), c.longest_s,
        static_cast<unsigned long long>(c.bytes_sent));
  };
  edge("connection flood:", e.flood);
  edge("pre-login trickle:", e.trickle);
  edge("oversize frames:", e.oversize);
  std::printf(
      "attacker sign-up storm:   %llu proofs of work solved at %u-%u bits (%.1f s of solving), "
      "%llu accounts created, %llu RATE_LIMITED, %llu other; %llu connects refused, %llu cut\n",
      static_cast<unsigned long long>(a.storm_attempts), a.storm_bits_min, a.storm_bits_max,
      a.storm_solve_s, static_cast<unsigned long long>(a.storm_created),
      static_cast<unsigned long long>(a.storm_rate_limited),
      static_cast<unsigned long long>(a.storm_other),
      static_cast<unsigned long long>(a.storm_connects_refused),
      static_cast<unsigned long long>(a.storm_cuts));
  std::printf(
      "attacker prekey drain:    %llu one-time prekeys obtained, %llu bundles without one, "
      "%llu RATE_LIMITED, %llu other, %llu reconnects\n",
      static_cast<unsigned long long>(a.drain_bundles_with_key),
      static_cast<unsigned long long>(a.drain_bundles_without),
      static_cast<unsigned long long>(a.drain_rate_limited),
      static_cast<unsigned long long>(a.drain_other),
      static_cast<unsigned long long>(a.drain_reconnects));
  std::printf(
      "attacker mailbox flood:   %llu envelopes stored in the target's mailbox, %llu "
      "SENDER_QUOTA_EXCEEDED, %llu RATE_LIMITED, %llu MAILBOX_FULL, %llu other, %llu "
      "reconnects\n",
      static_cast<unsigned long long>(a.flood_stored),
      static_cast<unsigned long long>(a.flood_quota),
      static_cast<unsigned long long>(a.flood_rate_limited),
      static_cast<unsigned long long>(a.flood_mailbox_full),
      static_cast<unsigned long long>(a.flood_other),
      static_cast<unsigned long long>(a.flood_reconnects));
  if (!a.first_other.empty()) std::printf("  first other answer: %s\n", a.first_other.c_str());
}

int RunSoak(const SoakFlags& flags) {
  const std::string dir = MakeTempDir("kollega-soak-");
  if (dir.empty()) {
    std::printf("cannot create a temporary directory (is $TMPDIR writable?)\n");
    return 2;
  }
  uint64_t soft = 0, hard = 0;
  RaiseNofile(static_cast<uint64_t>(2 * flags.pairs + flags.flood_connections) + 1024, &soft,
              &hard);
  // Honest clients from 127.0.0.2 on, at most `per_source` connections
  // each, like users behind different addresses; the attackers from 127.0.0.1.
  std::vector<std::string> sources;
  const int n_sources = std::max(1, (2 * flags.pairs + flags.per_source - 1) / flags.per_source);
  for (int i = 0; i < n_sources; ++i) sources.push_back("127.0.0." + std::to_string(2 + i));
  std::printf(
      "kollega-attack-soak: %d honest pairs from %d addresses (127.0.0.2-%d), %.0f msg/s open "
      "loop, %zu B, %g s warm-up + %g s measured per phase; attackers from %s\n",
      flags.pairs, n_sources, 1 + n_sources, flags.rate, flags.size, flags.warmup_s,
      flags.duration_s, flags.attack_source.c_str());

  // 1. Accounts, on a set-up relay whose sign-up limits are off: the
  // measured relay has its defaults, and at 30 sign-ups a minute it would
  // take an hour to make the honest users.
  const int honest = 2 * flags.pairs;
  const int total = honest + 2 + flags.drainers + flags.flooders;
  std::vector<DeviceCredentials> accounts;
  {
    ChildProcess setup;
    uint16_t metrics = 0;
    std::vector<std::string> argv = RelayArgs(flags, dir, "setup");
    for (const char* a : {"--pow-bits", "0", "--account-rate", "1000000", "--signup-source-rate",
                          "0", "--signup-base-rate", "0", "--request-rate", "1000000"}) {
      argv.push_back(a);
    }
    if (!StartRelay(argv, dir, "setup", &setup, &metrics)) return 1;
    std::string error;
    const auto t0 = std::chrono::steady_clock::now();
    bool ok = CreateAccounts("127.0.0.1", setup.port, total, 32, &accounts, &error) &&
              UploadOneTimePrekeys("127.0.0.1", setup.port, accounts[honest], 100, &error);
    std::printf("set-up relay: %d accounts in %.1f s%s%s; stopped: %s\n", total,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                ok ? "" : ", failed: ", error.c_str(), StopServer(setup, 10).c_str());
    if (!ok) return 1;
  }
  const DeviceCredentials target = accounts[honest];  // an offline helper
  const DeviceCredentials late_seeker = accounts[honest + 1];

  // 2. The measured relay: defaults except where it listens and keeps data.
  ChildProcess relay;
  uint16_t metrics_port = 0;
  std::vector<std::string> argv = RelayArgs(flags, dir, "relay");
  argv.insert(argv.end(), flags.relay_args.begin(), flags.relay_args.end());
  if (!StartRelay(argv, dir, "relay", &relay, &metrics_port)) return 1;

  LaneOptions lane;
  lane.port = relay.port;
  lane.payload = flags.size;
  lane.sources = sources;
  lane.accounts = std::make_shared<const std::vector<DeviceCredentials>>(accounts.begin(),
                                                                         accounts.begin() + honest);
  LoadOptions load;
  load.lanes = flags.pairs;
  load.loops = flags.client_threads;
  load.rate = flags.rate;
  load.warmup_s = flags.warmup_s;
  load.measure_s = flags.duration_s;
  double cpu_at_start = 0, relay_cpu_s = 0;
  load.on_measure_start = [&] { cpu_at_start = ReadCpuSeconds(relay.pid); };
  load.on_measure_end = [&] { relay_cpu_s = ReadCpuSeconds(relay.pid) - cpu_at_start; };
  RssSampler rss(relay.pid);
  std::string error;
  Summary alone = RunLoad(load, RelayPairFactory(lane), &error);
  alone.server_cpu_s = relay_cpu_s;
  if (!error.empty()) {
    alone.first_error = error;
    ++alone.errors;
  }
  const int64_t alone_rss = rss.TakePeakKb();
  PrintPhase("alone:", alone, alone_rss);

  // 3. The same load again with every attacker running.
  AccountAttackOptions account_options;
  account_options.port = relay.port;
  account_options.source = flags.attack_source;
  account_options.target = target;
  account_options.drainers.assign(accounts.begin() + honest + 2,
                                  accounts.begin() + honest + 2 + flags.drainers);
  account_options.flooders.assign(accounts.begin() + honest + 2 + flags.drainers, accounts.end());
  account_options.storm_threads = flags.storm_threads;
  account_options.drain_rate = flags.drain_rate;
  AccountAttackers account_attackers(account_options);
  EdgeAttackOptions edge_options;
  edge_options.port = relay.port;
  edge_options.source = flags.attack_source;
  edge_options.flood_target = flags.flood_connections;
  edge_options.trickle_sockets = flags.trickle_sockets;
  EdgeAttackers edge_attackers(edge_options);
  const auto metrics_before = ScrapeMetrics(metrics_port);
  const auto attack_start = std::chrono::steady_clock::now();
  account_attackers.Start();
  std::this_thread::sleep_for(500ms);  // the logged-in attackers first
  edge_attackers.Start();
  std::this_thread::sleep_for(std::chrono::duration<double>(flags.attack_lead_s));
  error.clear();
  Summary attacked = RunLoad(load, RelayPairFactory(lane), &error);
  attacked.server_cpu_s = relay_cpu_s;
  if (!error.empty()) {
    attacked.first_error = error;
    ++attacked.errors;
  }
  const int64_t attacked_rss = rss.TakePeakKb();
  edge_attackers.Stop();
  account_attackers.Stop();
  const double attack_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - attack_start).count();
  const auto metrics_after = ScrapeMetrics(metrics_port);
  PrintPhase("under attack:", attacked, attacked_rss);

  const double throughput = alone.per_second > 0 ? attacked.per_second / alone.per_second : 0;
  const double p99 = alone.p99_ms > 0 ? attacked.p99_ms / alone.p99_ms : 0;
  std::printf(
      "under attack / alone: throughput %.2fx (goal >= 0.8x: %s), p99 %.2fx (goal <= 2x: %s)\n",
      throughput, throughput >= 0.8 ? "met" : "MISSED", p99, p99 <= 2 ? "met" : "MISSED");
  std::printf("relay memory: VmHWM %.1f MiB over both phases\n",
              static_cast<double>(ReadHwmKb(relay.pid)) / 1024);
  std::printf("attackers ran %.1f s, all from %s, at nice 19:\n", attack_s,
              flags.attack_source.c_str());
  PrintAttackers(edge_attackers.counts(), account_attackers.counts());
  std::printf("relay /metrics while the attackers ran:\n%s",
              RefusalDeltas(metrics_before, metrics_after).c_str());

  // 4. An honest sender still reaches the flooded helper.
  const int code = SendOnce("127.0.0.1", relay.port, sources[0], late_seeker, target.account_id,
                            "a seeker's first message", &error);
  std::printf("honest sender to the flooded helper afterwards: %s\n",
              code < 0 ? ("failed: " + error).c_str()
                       : wire::ErrorCode_Name(static_cast<wire::ErrorCode>(code)).c_str());
  const bool alive = IsRunning(relay);
  std::printf("relay %s with SIGTERM: %s\n", alive ? "stopped" : "HAD DIED; reaped",
              StopServer(relay, 10).c_str());
  if (flags.keep_data) {
    std::printf("data and logs kept in %s\n", dir.c_str());
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  return alive ? 0 : 1;
}

}  // namespace
}  // namespace kollega::bench

int main(int argc, char** argv) {
  // Line by line even into a pipe or file, so a run that hangs or is
  // killed still shows how far it got.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  kollega::bench::SoakFlags flags;
  std::string error;
  if (!kollega::bench::ParseSoakFlags(argc, argv, &flags, &error)) {
    std::fprintf(stderr, "%s\n%s", error.c_str(), kollega::bench::kSoakUsage);
    return 2;
  }
  if (flags.help) {
    std::printf("%s", kollega::bench::kSoakUsage);
    return 0;
  }
  if (flags.disk_fill) return kollega::bench::RunDiskFill(flags);
  return kollega::bench::RunSoak(flags);
}
