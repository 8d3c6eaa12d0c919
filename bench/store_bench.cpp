// The relay's mailbox store alone, without the network: what one envelope
// costs the store when it is appended (synced, group-committed) and then
// acknowledged, as it is for a device that is online.
//
// Each iteration appends one envelope to each of `mailboxes` mailboxes as a
// single batch of that many concurrent sends, waits for it, then acks every
// one (one Remove per mailbox, as each device acks its own). Counters, per
// envelope: wall time and the whole process's CPU time (the writer thread
// does the work, so the benchmark thread's own CPU time says little).
//
//   build/bench/kollega-store-bench --benchmark_min_time=3
// SPDX-License-Identifier: GPL-3.0-or-later
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "kollega/storage/relay_store.h"

namespace kollega::storage {
namespace {

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Counts completions down to zero.
class Latch {
 public:
  explicit Latch(size_t n) : left_(n) {}
  void CountDown() {
    std::lock_guard lock(mu_);
    if (--left_ == 0) done_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return left_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable done_;
  size_t left_;
};

void BM_AppendThenAck(benchmark::State& state) {
  const size_t mailboxes = static_cast<size_t>(state.range(0));
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("kollega-store-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  RocksRelayStoreOptions options;
  options.path = dir.string();
  auto opened = OpenRocksRelayStore(options);
  if (!opened.ok()) {
    state.SkipWithError(opened.status().ToString().c_str());
    return;
  }
  std::unique_ptr<RelayStore> store = std::move(opened).value();

  std::vector<DeviceAddress> boxes;
  for (size_t i = 0; i < mailboxes; ++i) {
    std::string account(kAccountIdSize, '\0');
    account[0] = static_cast<char>(i >> 8);
    account[1] = static_cast<char>(i);
    boxes.push_back(DeviceAddress{account, 1});
  }
  const std::string payload(560, 'e');  // a 512-byte message once sealed
  std::atomic<bool> failed{false};
  uint64_t envelopes = 0;
  const double cpu_start = ProcessCpuSeconds();
  for (auto _ : state) {
    std::vector<EnvelopeToStore> batch;
    for (const DeviceAddress& box : boxes) batch.push_back({box, payload});
    std::vector<uint64_t> seqs;
    {
      Latch appended(1);
      store->Append(std::move(batch), [&](Status s, AppendResult r) {
        if (!s.ok()) failed = true;
        seqs = std::move(r.seqs);
        appended.CountDown();
      });
      appended.Wait();
    }
    if (seqs.size() != boxes.size()) break;
    Latch acked(boxes.size());
    for (size_t i = 0; i < boxes.size(); ++i) {
      store->Remove(boxes[i], {seqs[i]}, [&](Status s, std::vector<uint64_t> unknown) {
        if (!s.ok() || !unknown.empty()) failed = true;
        acked.CountDown();
      });
    }
    acked.Wait();
    envelopes += boxes.size();
  }
  const double cpu = ProcessCpuSeconds() - cpu_start;
  if (failed) state.SkipWithError("a store call failed");
  state.SetItemsProcessed(static_cast<int64_t>(envelopes));
  state.counters["cpu_us_per_envelope"] =
      benchmark::Counter(envelopes ? cpu * 1e6 / static_cast<double>(envelopes) : 0);
  store->Close();
  store.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AppendThenAck)->Arg(16)->Arg(128)->Arg(1024)->UseRealTime();

}  // namespace
}  // namespace kollega::storage

BENCHMARK_MAIN();
