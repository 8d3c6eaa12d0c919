// SPDX-License-Identifier: GPL-3.0-or-later
#include "disk_fill.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include "attack_setup.h"
#include "kollega/crypto/device_key.h"
#include "process.h"

namespace kollega::bench {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

double FreeMiB(const std::string& path) {
  struct statvfs s {};
  if (::statvfs(path.c_str(), &s) != 0) return -1;
  return static_cast<double>(s.f_bavail) * static_cast<double>(s.f_frsize) / (1 << 20);
}

// Content i: its index, then filler shared by all, so that every accepted
// envelope can be checked byte for byte without keeping it.
class Contents {
 public:
  explicit Contents(size_t size) : filler_(crypto::RandomBytes(size - 8)) {}
  std::string Make(uint64_t i) const {
    std::string c(8, '\0');
    std::memcpy(c.data(), &i, 8);
    return c + filler_;
  }
  // The index of a content, or -1 when it is not one of ours, intact.
  int64_t Check(const std::string& c) const {
    if (c.size() != filler_.size() + 8 || c.compare(8, std::string::npos, filler_) != 0) return -1;
    uint64_t i = 0;
    std::memcpy(&i, c.data(), 8);
    return static_cast<int64_t>(i);
  }

 private:
  std::string filler_;
};

// One sender and one recipient on one Loop; the controlling thread calls the
// blocking methods, which run their work on the Loop and wait for it.
class FillClient {
 public:
  FillClient(uint16_t port, const DeviceCredentials& sender, const DeviceCredentials& recipient,
             size_t size)
      : contents_(size), sender_creds_(sender), recipient_creds_(recipient) {
    sender_ = std::make_unique<RelayDevice>(lt_.loop, "127.0.0.1", port);
    recipient_ = std::make_unique<RelayDevice>(lt_.loop, "127.0.0.1", port);
  }
  ~FillClient() {
    lt_.Stop();
    sender_.reset();
    recipient_.reset();
  }

  std::string LogIn(bool recipient) {
    RelayDevice* d = recipient ? recipient_.get() : sender_.get();
    DeviceCredentials who = recipient ? recipient_creds_ : sender_creds_;
    if (recipient) {
      d->on_deliver = [this](const wire::Deliver& deliver) {
        for (const auto& delivery : deliver.deliveries()) {
          wire::Envelope envelope;
          const int64_t i = envelope.ParseFromString(delivery.envelope())
                                ? contents_.Check(envelope.content())
                                : -1;
          if (i < 0) {
            ++corrupted_;
          } else {
            delivered_.insert(static_cast<uint64_t>(i));
          }
          seqs_.push_back(delivery.seq());
        }
        // Acked as a client does: the relay pushes a bounded window of
        // unacknowledged envelopes, and acks are writes the full disk meets.
        recipient_->Ack(seqs_);
        seqs_.clear();
      };
      d->on_response = [this](const wire::Response& r) {
        if (r.code() != wire::OK) ++ack_failures_;
      };
    }
    return Run<std::string>([d, who](std::function<void(std::string)> done) {
      d->Connect([d, who, done](bool ok, const std::string& e) {
        if (!ok) return done(e);
        d->Authenticate(who.account_id, who.device_id, who.key,
                        [done](bool ok, const std::string& e) { done(ok ? "" : e); });
      });
    });
  }

  // Sends contents next, next+1, ... with `window` outstanding until `stop`
  // says so; returns the answer codes in order.
  std::vector<wire::ErrorCode> SendUntil(
      int window, std::function<bool(const std::vector<wire::ErrorCode>&)> stop) {
    return Run<std::vector<wire::ErrorCode>>([this, window, stop](auto done) {
      auto codes = std::make_shared<std::vector<wire::ErrorCode>>();
      auto in_flight = std::make_shared<std::deque<uint64_t>>();
      auto stopped = std::make_shared<bool>(false);
      auto send = [this, in_flight] {
        in_flight->push_back(next_);
        sender_->SendTo(recipient_creds_.account_id, contents_.Make(next_++));
      };
      sender_->on_response = [this, codes, in_flight, stopped, stop, send,
                              done](const wire::Response& r) {
        if (in_flight->empty()) return;
        if (r.code() == wire::OK) accepted_.insert(in_flight->front());
        in_flight->pop_front();
        codes->push_back(r.code());
        if (!*stopped && stop(*codes)) *stopped = true;
        if (!*stopped) return send();
        if (in_flight->empty()) done(*codes);
      };
      sender_->on_closed = [this, codes, stopped, done](const std::string&) {
        sender_closed_ = true;
        *stopped = true;
        done(*codes);
      };
      if (sender_closed_) return done(*codes);
      for (int i = 0; i < window; ++i) send();
    });
  }

  // Waits until every accepted content was delivered, or nothing new
  // arrived for `stall`, or `timeout` passes.
  void AwaitDeliveries(std::chrono::seconds timeout, std::chrono::seconds stall = 5s) {
    const auto end = Clock::now() + timeout;
    auto last_progress = Clock::now();
    size_t last_missing = Count().missing;
    while (Clock::now() < end && Clock::now() - last_progress < stall) {
      const size_t missing = Count().missing;
      if (missing == 0) return;
      if (missing != last_missing) last_progress = Clock::now();
      last_missing = missing;
      std::this_thread::sleep_for(50ms);
    }
  }

  struct Tally {
    size_t accepted = 0, missing = 0, corrupted = 0, ack_failures = 0;
  };
  // Read on the Loop's thread, where deliveries are counted.
  Tally Count() {
    return Run<Tally>([this](auto done) {
      done(Tally{accepted_.size(), Missing(), corrupted_, ack_failures_});
    });
  }

 private:
  size_t Missing() const {
    size_t missing = 0;
    for (uint64_t i : accepted_) missing += delivered_.count(i) == 0;
    return missing;
  }

  template <typename R, typename Fn>
  R Run(Fn fn) {
    auto promise = std::make_shared<std::promise<R>>();
    auto future = promise->get_future();
    auto set = std::make_shared<bool>(false);
    lt_.loop.Post([fn, promise, set]() mutable {
      fn(std::function<void(R)>([promise, set](R r) {
        if (!std::exchange(*set, true)) promise->set_value(std::move(r));
      }));
    });
    return future.get();
  }

  LoopThread lt_;
  Contents contents_;
  DeviceCredentials sender_creds_, recipient_creds_;
  std::unique_ptr<RelayDevice> sender_, recipient_;
  uint64_t next_ = 0;
  std::set<uint64_t> accepted_, delivered_;
  size_t corrupted_ = 0;
  size_t ack_failures_ = 0;
  bool sender_closed_ = false;
  std::vector<uint64_t> seqs_;
};

size_t CountOf(const std::vector<wire::ErrorCode>& codes, wire::ErrorCode code) {
  return static_cast<size_t>(std::count(codes.begin(), codes.end(), code));
}

}  // namespace

int RunDiskFill(const SoakFlags& flags) {
  const std::string dir = MakeTempDir("kollega-disk-fill-");
  if (dir.empty()) return 2;
  std::error_code ec;
  std::filesystem::create_directories(flags.data_dir, ec);
  std::printf("disk-fill: data dir %s, %.1f MiB free before the relay starts%s\n",
              flags.data_dir.c_str(), FreeMiB(flags.data_dir),
              flags.ballast.empty() ? "" : (", ballast " + flags.ballast).c_str());
  // The disk must fill before any mailbox limit does: one sender fills one
  // mailbox here, so the per-mailbox and per-sender limits are lifted, and
  // the per-connection request rate (it would only slow the fill); the two
  // accounts skip the proof of work. Nothing else differs from defaults.
  std::vector<std::string> argv = {flags.relay_bin,
                                   "--listen",
                                   "127.0.0.1",
                                   "--port",
                                   "0",
                                   "--port-file",
                                   dir + "/relay.port",
                                   "--data-dir",
                                   flags.data_dir,
                                   "--metrics-port",
                                   "0",
                                   "--log-level",
                                   "warn",
                                   "--mailbox-max-envelopes",
                                   "4000000000",
                                   "--mailbox-max-bytes",
                                   "1000000000000",
                                   "--mailbox-sender-share",
                                   "0",
                                   "--sender-rate",
                                   "0",
                                   "--pow-bits",
                                   "0",
                                   "--request-rate",
                                   "100000"};
  argv.insert(argv.end(), flags.relay_args.begin(), flags.relay_args.end());
  ChildProcess relay;
  std::string error;
  if (!SpawnServer(argv, dir + "/relay.port", dir + "/relay.log", 0, {}, 30, &relay, &error)) {
    std::printf("relay: %s\n", error.c_str());
    return 1;
  }
  const pid_t pid = relay.pid;
  std::vector<DeviceCredentials> accounts;
  if (!CreateAccounts("127.0.0.1", relay.port, 2, 2, &accounts, &error)) {
    std::printf("accounts: %s\n", error.c_str());
    StopServer(relay, 10);
    return 1;
  }
  std::vector<std::string> failures;
  {
    FillClient client(relay.port, accounts[0], accounts[1], flags.fill_size);
    error = client.LogIn(false);
    if (!error.empty()) failures.push_back("sender log-in: " + error);

    // 1. Fill: until STORAGE_FULL, or the time limit.
    const auto t0 = Clock::now();
    const double limit = flags.fill_timeout_s;
    auto codes = client.SendUntil(8, [&](const std::vector<wire::ErrorCode>& c) {
      return c.back() == wire::STORAGE_FULL || Seconds(t0) > limit;
    });
    const size_t full = CountOf(codes, wire::STORAGE_FULL);
    auto tally = client.Count();
    std::printf(
        "filled: %zu envelopes of %zu B accepted in %.1f s, then %zu STORAGE_FULL, %zu other "
        "answers; %.1f MiB free\n",
        tally.accepted, flags.fill_size, Seconds(t0), full, codes.size() - tally.accepted - full,
        FreeMiB(flags.data_dir));
    std::map<int, size_t> others;
    for (wire::ErrorCode c : codes) {
      if (c != wire::OK && c != wire::STORAGE_FULL) ++others[c];
    }
    for (const auto& [c, n] : others) {
      std::printf("  other answer: %s x%zu\n",
                  wire::ErrorCode_Name(static_cast<wire::ErrorCode>(c)).c_str(), n);
    }
    if (full == 0) failures.push_back("the relay never answered STORAGE_FULL");

    if (!IsRunning(relay)) {
      std::printf("RELAY DIED while the disk filled; its log ends:\n%s\n",
                  Tail(dir + "/relay.log", 3).c_str());
    } else {
      // 2. The recipient reads (and acks) while the disk is still full.
      error = client.LogIn(true);
      if (!error.empty()) failures.push_back("recipient log-in: " + error);
      client.AwaitDeliveries(60s);
      tally = client.Count();
      std::printf(
          "read while full: %zu of %zu accepted envelopes delivered, %zu corrupted, %zu acks "
          "refused\n",
          tally.accepted - tally.missing, tally.accepted, tally.corrupted, tally.ack_failures);

      // 3. Space returns: the same relay process accepts sends again.
      if (!flags.ballast.empty()) std::filesystem::remove(flags.ballast, ec);
      const auto t1 = Clock::now();
      auto retry = client.SendUntil(1, [&](const std::vector<wire::ErrorCode>& c) {
        if (c.back() != wire::OK && Seconds(t1) < 60) std::this_thread::sleep_for(100ms);
        return c.back() == wire::OK || Seconds(t1) >= 60;
      });
      const bool recovered = !retry.empty() && retry.back() == wire::OK;
      std::printf(
          "space freed (%s, %.1f MiB free): %s after %.1f s and %zu refused sends, relay pid %s\n",
          flags.ballast.empty() ? "nothing removed" : "ballast removed", FreeMiB(flags.data_dir),
          recovered ? "sends accepted again" : "STILL REFUSED", Seconds(t1),
          retry.size() - (recovered ? 1 : 0),
          IsRunning(relay) && relay.pid == pid ? "unchanged" : "GONE");
      if (!recovered) failures.push_back("sends not accepted after space returned");

      // 4. Every accepted envelope arrives, intact; more sends go through.
      const size_t before = client.Count().accepted;
      auto more =
          client.SendUntil(4, [](const std::vector<wire::ErrorCode>& c) { return c.size() >= 20; });
      client.AwaitDeliveries(60s);
      tally = client.Count();
      std::printf(
          "in the end: %zu of %zu more sends accepted; of %zu accepted in all, %zu delivered "
          "intact, %zu missing, %zu corrupted\n",
          CountOf(more, wire::OK), more.size(), tally.accepted, tally.accepted - tally.missing,
          tally.missing, tally.corrupted);
      if (tally.missing > 0 || tally.corrupted > 0) {
        failures.push_back("accepted envelopes lost or corrupted");
      }
      // SendUntil keeps a window in flight, so it may send a few past 20.
      const size_t more_ok = CountOf(more, wire::OK);
      if (more.size() < 20 || more_ok != more.size() || tally.accepted != before + more_ok) {
        failures.push_back("sends after recovery refused");
      }
    }
  }
  const bool alive = IsRunning(relay);
  std::printf("relay %s: %s\n", alive ? "stopped with SIGTERM" : "HAD DIED",
              StopServer(relay, 10).c_str());
  if (!alive) failures.push_back("the relay died:\n" + Tail(dir + "/relay.log", 20));
  for (const auto& f : failures) std::printf("FAILED: %s\n", f.c_str());
  if (failures.empty()) std::printf("disk-full run passed\n");
  std::filesystem::remove_all(dir, ec);
  return failures.empty() ? 0 : 1;
}

}  // namespace kollega::bench
