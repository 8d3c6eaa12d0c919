// SPDX-License-Identifier: GPL-3.0-or-later
#include "idle.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "process.h"
#include "relay_device.h"

namespace kollega::bench {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Account {
  std::string id;
  std::shared_ptr<const crypto::DeviceKey> key;
};

// Runs task(i, done) for i in [0, n) on `loop`, at most `concurrency` at a
// time, and waits for all to report or for the deadline. Returns how many
// succeeded; keeps the first error.
int RunBounded(Loop& loop, int n, int concurrency, Clock::time_point deadline,
               const std::function<void(int, std::function<void(bool, std::string)>)>& task,
               std::string* first_error) {
  // Shared, because a task that is late past the deadline still reports.
  struct State {
    std::atomic<int> ok{0}, failed{0};
    std::mutex mutex;
    std::string first_error;
  };
  auto state = std::make_shared<State>();
  int started = 0;
  while (state->ok + state->failed < n && Clock::now() < deadline) {
    while (started < n && started - state->ok - state->failed < concurrency) {
      int i = started++;
      loop.Post([state, &task, i] {
        task(i, [state](bool success, std::string error) {
          if (success) {
            ++state->ok;
            return;
          }
          std::lock_guard lock(state->mutex);
          if (state->first_error.empty()) state->first_error = std::move(error);
          ++state->failed;
        });
      });
    }
    std::this_thread::sleep_for(2ms);
  }
  std::lock_guard lock(state->mutex);
  if (first_error->empty()) *first_error = state->first_error;
  if (state->ok + state->failed < n && first_error->empty()) *first_error = "timed out";
  return state->ok;
}

// Posts `fn` to the loop and waits for it: the controlling thread touches
// Loop-owned objects only this way.
void RunOn(Loop& loop, const std::function<void()>& fn) {
  std::atomic<bool> done{false};
  loop.Post([&] {
    fn();
    done = true;
  });
  while (!done) std::this_thread::sleep_for(1ms);
}

}  // namespace

bool RunIdle(const IdleOptions& options, IdleResult* result, std::string* error) {
  if (options.relay_pid <= 0 || ReadRssKb(options.relay_pid) < 0) {
    *error = "idle test needs the relay's pid to read its memory (--relay-bin or --relay-pid)";
    return false;
  }
  const int n = options.connections;
  Loop loop;
  std::thread thread([&] { loop.Run(); });
  auto phase_timeout =
      std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.timeout_s));
  auto deadline = Clock::now() + phase_timeout;
  std::fprintf(stderr, "idle: creating %d accounts...\n", n);

  // 1. Accounts, on connections that close right after.
  std::vector<Account> accounts(n);
  std::vector<std::unique_ptr<RelayDevice>> devices(n);
  auto t0 = Clock::now();
  result->accounts_created = RunBounded(
      loop, n, options.concurrency, deadline,
      [&](int i, std::function<void(bool, std::string)> done) {
        devices[i] = std::make_unique<RelayDevice>(loop, options.host, options.port, options.tls);
        RelayDevice* d = devices[i].get();
        d->Connect([&, i, d, done](bool ok, const std::string& err) {
          if (!ok) return done(false, "connect: " + err);
          d->CreateAccount([&, i, d, done](bool ok, const std::string& err) {
            if (ok) accounts[i] = Account{d->account_id(), d->key()};
            d->Close();
            done(ok, err);
          });
        });
      },
      &result->first_error);
  result->accounts_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  std::this_thread::sleep_for(500ms);  // close handshakes
  RunOn(loop, [&] {
    devices.clear();
    devices.resize(n);
  });

  // 2. Baseline once the relay has let go of the set-up connections.
  std::this_thread::sleep_for(std::chrono::duration<double>(options.settle_s));
  result->rss_before_kb = ReadRssKb(options.relay_pid);

  // 3. One authenticated connection per account, then silence.
  std::fprintf(stderr, "idle: %d accounts; opening %d authenticated connections...\n",
               result->accounts_created, n);
  deadline = Clock::now() + phase_timeout;
  std::atomic<int> closed_by_relay{0};
  std::atomic<bool> closing{false};
  t0 = Clock::now();
  result->authenticated = RunBounded(
      loop, n, options.concurrency, deadline,
      [&](int i, std::function<void(bool, std::string)> done) {
        if (accounts[i].id.empty()) return done(false, "no account");
        devices[i] = std::make_unique<RelayDevice>(loop, options.host, options.port, options.tls);
        RelayDevice* d = devices[i].get();
        d->on_closed = [&](const std::string&) {
          if (!closing) ++closed_by_relay;
        };
        d->Connect([&, i, d, done](bool ok, const std::string& err) {
          if (!ok) return done(false, "connect: " + err);
          d->Authenticate(accounts[i].id, 1, accounts[i].key, done);
        });
      },
      &result->first_error);
  result->connect_seconds = std::chrono::duration<double>(Clock::now() - t0).count();

  // 4. Memory with every connection open and idle.
  std::this_thread::sleep_for(std::chrono::duration<double>(options.settle_s));
  result->rss_connected_kb = ReadRssKb(options.relay_pid);
  result->closed_by_relay = closed_by_relay;

  // 5. Close and see what comes back.
  closing = true;
  RunOn(loop, [&] {
    for (auto& d : devices) {
      if (d) d->Close();
    }
  });
  std::this_thread::sleep_for(std::chrono::duration<double>(options.settle_s));
  result->rss_after_close_kb = ReadRssKb(options.relay_pid);

  loop.Stop();
  thread.join();
  devices.clear();
  return true;
}

}  // namespace kollega::bench
