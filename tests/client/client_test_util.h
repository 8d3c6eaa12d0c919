// Helpers for the client integration tests: the relay, quick client
// options, polling waits, and history queries.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kollega/client-core/client.h"
#include "support/relay_process.h"
#include "test_store_key.h"

namespace kollega::testing {

// The real kollega-relay ($KOLLEGA_RELAY_BIN overrides the built one), with
// rate limits out of the way of quick tests. Start() it.
inline std::unique_ptr<RelayProcess> MakeRelay(std::vector<std::string> extra_args = {}) {
  const char* override_bin = std::getenv("KOLLEGA_RELAY_BIN");
  std::vector<std::string> args = {"--account-rate", "10000",          "--bundle-rate",
                                   "10000",          "--request-rate", "10000"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  return std::make_unique<RelayProcess>(
      override_bin && *override_bin ? override_bin : KOLLEGA_RELAY_BIN, std::move(args));
}

inline client::Client::Options FastOptions() {
  client::Client::Options o;
  o.request_timeout = std::chrono::milliseconds(5000);
  o.reconnect_min = std::chrono::milliseconds(50);
  o.reconnect_max = std::chrono::milliseconds(400);
  return o;
}

inline std::unique_ptr<client::Client> OpenClient(const std::string& dir,
                                                  client::Client::Options options = FastOptions()) {
  auto c = client::Client::Open(dir, WithTestStoreKey(std::move(options)));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : nullptr;
}

// Links `device` to the account of `existing`.
#define KOLLEGA_LINK(existing, device, url)                                         \
  do {                                                                              \
    auto link_code_ = (existing).StartLinking().Get();                              \
    ASSERT_TRUE(link_code_.ok()) << link_code_.status().ToString();                 \
    ::kollega::Status link_status_ = (device).LinkDevice((url), *link_code_).Get(); \
    ASSERT_TRUE(link_status_.ok()) << link_status_.ToString();                      \
  } while (0)

#define KOLLEGA_ASSERT_OK(expr)                      \
  do {                                               \
    const ::kollega::Status status_ = (expr);        \
    ASSERT_TRUE(status_.ok()) << status_.ToString(); \
  } while (0)

// Connect() (or StartListening() with `listen`), then waits until the relay
// has pushed everything that was queued for the device and the client has
// processed it (the QueueDrained event). Queue mode only (no callback set);
// the events taken from the queue meanwhile go to `seen` if given.
inline Status ConnectDrained(client::Client& c, bool listen = false,
                             std::vector<client::EventPtr>* seen = nullptr) {
  auto state = c.GetConnectionState().Get();
  const bool already_online = state.ok() && *state == client::ConnectionState::kOnline;
  Status s = listen ? c.StartListening().Get() : c.Connect().Get();
  if (!s.ok() || already_online) return s;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < end) {
    client::EventPtr e = c.NextEvent(std::chrono::milliseconds(100));
    if (!e) continue;
    const bool drained = client::As<client::QueueDrained>(*e) != nullptr;
    if (seen) seen->push_back(std::move(e));
    if (drained) return Status::Ok();
  }
  return Unavailable("the relay's queue did not drain in 10 s");
}

inline bool WaitFor(const std::function<bool()>& done,
                    std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

inline std::string AccountOf(client::Client& c) {
  auto who = c.WhoAmI().Get();
  EXPECT_TRUE(who.ok());
  return who.ok() ? who->account_id : std::string();
}

// Count of messages with this text in the conversation with `peer`.
inline int CountText(client::Client& c, const std::string& peer, const std::string& text,
                     bool outgoing) {
  auto history = c.History(peer, 1000).Get();
  if (!history.ok()) return -1;
  int n = 0;
  for (const auto& m : *history) n += (m.text == text && m.outgoing == outgoing);
  return n;
}

inline bool Has(client::Client& c, const std::string& peer, const std::string& text,
                bool outgoing) {
  return WaitFor([&] { return CountText(c, peer, text, outgoing) >= 1; });
}

inline std::optional<client::MessageStatus> StatusOf(client::Client& c, const std::string& peer,
                                                     const std::string& id) {
  auto history = c.History(peer, 1000).Get();
  if (!history.ok()) return std::nullopt;
  for (const auto& m : *history) {
    if (m.id == id) return m.status;
  }
  return std::nullopt;
}

}  // namespace kollega::testing
