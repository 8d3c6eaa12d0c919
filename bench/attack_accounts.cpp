// SPDX-License-Identifier: GPL-3.0-or-later
#include "attack_accounts.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "kollega/crypto/device_key.h"

namespace kollega::bench {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

enum class Role { kStorm, kDrain, kFlood };

}  // namespace

void AccountAttackCounts::Merge(const AccountAttackCounts& o) {
  if (o.storm_attempts > 0) {
    storm_bits_min =
        storm_attempts == 0 ? o.storm_bits_min : std::min(storm_bits_min, o.storm_bits_min);
  }
  storm_bits_max = std::max(storm_bits_max, o.storm_bits_max);
  storm_attempts += o.storm_attempts;
  storm_created += o.storm_created;
  storm_rate_limited += o.storm_rate_limited;
  storm_other += o.storm_other;
  storm_connects_refused += o.storm_connects_refused;
  storm_cuts += o.storm_cuts;
  storm_solve_s += o.storm_solve_s;
  drain_bundles_with_key += o.drain_bundles_with_key;
  drain_bundles_without += o.drain_bundles_without;
  drain_rate_limited += o.drain_rate_limited;
  drain_other += o.drain_other;
  drain_reconnects += o.drain_reconnects;
  flood_stored += o.flood_stored;
  flood_quota += o.flood_quota;
  flood_rate_limited += o.flood_rate_limited;
  flood_mailbox_full += o.flood_mailbox_full;
  flood_other += o.flood_other;
  flood_reconnects += o.flood_reconnects;
  if (first_other.empty()) first_other = o.first_other;
}

// One attacking device: connects (and logs in, unless it is the storm),
// does its attack, and starts over a moment after the relay cuts it.
class AccountAttackers::Agent {
 public:
  Agent(Loop& loop, const AccountAttackOptions& options, Role role, DeviceCredentials who,
        AccountAttackCounts& counts, const std::atomic<bool>& stopping)
      : loop_(loop),
        options_(options),
        role_(role),
        who_(std::move(who)),
        c_(counts),
        stopping_(stopping),
        timer_(loop) {}

  void Begin() {
    if (stopping_) return;
    // Begin runs from a Post or a timer, never inside the old device's own
    // callbacks, so the old device may go now.
    device_ =
        std::make_unique<RelayDevice>(loop_, options_.host, options_.port, false, options_.source);
    RelayDevice* d = device_.get();
    if (role_ == Role::kStorm) {
      // Counting as crypto::SolveProofOfWork does, but giving up when the
      // soak stops: a solve at 24 bits on a busy machine takes seconds.
      d->pow_solver = [this](const std::string& nonce, uint32_t bits) {
        std::string candidate(8, '\0');
        for (uint64_t counter = 0; !stopping_; ++counter) {
          for (int i = 0; i < 8; ++i) candidate[i] = static_cast<char>(counter >> (56 - 8 * i));
          if (crypto::CheckProofOfWork(nonce, candidate, bits)) return candidate;
        }
        return std::string();
      };
    }
    d->on_closed = [this](const std::string&) {
      if (role_ == Role::kStorm) ++c_.storm_cuts;
      if (role_ == Role::kDrain) ++c_.drain_reconnects;
      if (role_ == Role::kFlood) ++c_.flood_reconnects;
      Later();
    };
    d->Connect([this, d](bool ok, const std::string&) {
      if (!ok) {
        if (role_ == Role::kStorm) ++c_.storm_connects_refused;
        return Later();
      }
      if (role_ == Role::kStorm) return Solve();
      d->Authenticate(who_.account_id, who_.device_id, who_.key,
                      [this](bool ok, const std::string& e) {
                        if (!ok) {
                          Other("log-in: " + e);
                          return Later();
                        }
                        if (role_ == Role::kDrain) return Fetch();
                        device_->on_response = [this](const wire::Response& r) { OnSent(r); };
                        for (int i = 0; i < options_.flood_window; ++i) Send();
                      });
    });
  }

 private:
  void Later() {
    timer_.At(Clock::now() + 200ms, [this] { Begin(); });
  }

  void Other(const std::string& what) {
    if (c_.first_other.empty()) c_.first_other = what;
  }

  // The proof of work is solved inside CreateAccount, on this thread.
  void Solve() {
    if (stopping_) return;
    const uint32_t bits = device_->pow_bits();
    if (c_.storm_attempts == 0 || bits < c_.storm_bits_min) c_.storm_bits_min = bits;
    c_.storm_bits_max = std::max(c_.storm_bits_max, bits);
    ++c_.storm_attempts;
    const auto t0 = Clock::now();
    device_->CreateAccount([this](bool, const std::string& e) {
      switch (device_->last_create_code()) {
        case wire::OK:
          ++c_.storm_created;
          break;
        case wire::RATE_LIMITED:
          ++c_.storm_rate_limited;
          break;
        default:
          ++c_.storm_other;
          Other("sign-up: " + e);
      }
      device_->RequestChallenge([this](bool ok, const std::string&) {
        if (ok) Solve();
      });
    });
    c_.storm_solve_s += std::chrono::duration<double>(Clock::now() - t0).count();
  }

  void Fetch() {
    if (stopping_) return;
    wire::Request request;
    request.mutable_fetch_bundle()->set_account_id(options_.target.account_id);
    request.mutable_fetch_bundle()->set_device_id(0);
    device_->Call(request, [this](const wire::Response& r) {
      if (r.code() == wire::OK) {
        for (const auto& device : r.bundle().devices()) {
          if (device.has_one_time_prekey()) {
            ++c_.drain_bundles_with_key;
          } else {
            ++c_.drain_bundles_without;
          }
        }
      } else if (r.code() == wire::RATE_LIMITED) {
        ++c_.drain_rate_limited;
      } else {
        ++c_.drain_other;
        Other("bundle: " + wire::ErrorCode_Name(r.code()));
      }
      timer_.At(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(1.0 / options_.drain_rate)),
                [this] { Fetch(); });
    });
  }

  void Send() {
    if (stopping_) return;
    if (payload_.empty()) payload_ = crypto::RandomBytes(options_.flood_size);
    device_->SendTo(options_.target.account_id, payload_);
  }

  void OnSent(const wire::Response& r) {
    switch (r.code()) {
      case wire::OK:
        if (r.has_send_accepted() && r.send_accepted().full_devices_size() > 0) {
          ++c_.flood_mailbox_full;
        } else {
          ++c_.flood_stored;
        }
        break;
      case wire::SENDER_QUOTA_EXCEEDED:
        ++c_.flood_quota;
        break;
      case wire::RATE_LIMITED:
        ++c_.flood_rate_limited;
        break;
      case wire::MAILBOX_FULL:
        ++c_.flood_mailbox_full;
        break;
      default:
        ++c_.flood_other;
        Other("send: " + wire::ErrorCode_Name(r.code()));
    }
    Send();
  }

  Loop& loop_;
  const AccountAttackOptions& options_;
  Role role_;
  DeviceCredentials who_;
  AccountAttackCounts& c_;
  const std::atomic<bool>& stopping_;
  Timer timer_;
  std::unique_ptr<RelayDevice> device_;
  std::string payload_;
};

struct AccountAttackers::Worker {
  Loop loop;
  AccountAttackCounts counts;
  std::atomic<bool> stopping{false};
  std::vector<std::unique_ptr<Agent>> agents;
  std::thread thread;
  bool nice = false;
};

AccountAttackers::AccountAttackers(AccountAttackOptions options) : options_(std::move(options)) {}

AccountAttackers::~AccountAttackers() { Stop(); }

void AccountAttackers::Start() {
  auto protocol = std::make_unique<Worker>();
  protocol->nice = options_.nice;
  for (const auto& who : options_.drainers) {
    protocol->agents.push_back(std::make_unique<Agent>(protocol->loop, options_, Role::kDrain, who,
                                                       protocol->counts, protocol->stopping));
  }
  for (const auto& who : options_.flooders) {
    protocol->agents.push_back(std::make_unique<Agent>(protocol->loop, options_, Role::kFlood, who,
                                                       protocol->counts, protocol->stopping));
  }
  workers_.push_back(std::move(protocol));
  for (int i = 0; i < options_.storm_threads; ++i) {
    auto storm = std::make_unique<Worker>();
    storm->agents.push_back(std::make_unique<Agent>(
        storm->loop, options_, Role::kStorm, DeviceCredentials{}, storm->counts, storm->stopping));
    storm->nice = options_.nice;
    workers_.push_back(std::move(storm));
  }
  for (auto& w : workers_) {
    for (auto& agent : w->agents) w->loop.Post([a = agent.get()] { a->Begin(); });
    w->thread = std::thread([w = w.get()] {
      // Per-thread nice on Linux (AccountAttackOptions::nice).
      if (w->nice) setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
      w->loop.Run();
    });
  }
}

void AccountAttackers::Stop() {
  for (auto& w : workers_) w->stopping = true;
  for (auto& w : workers_) {
    if (!w->thread.joinable()) continue;
    w->loop.Stop();
    w->thread.join();
  }
}

AccountAttackCounts AccountAttackers::counts() const {
  AccountAttackCounts total;
  for (const auto& w : workers_) total.Merge(w->counts);
  return total;
}

}  // namespace kollega::bench
