// Helpers for the in-process kernel tests: clients on temporary directories
// wired to one FakeRelay and one ManualClock, hex ids, and an event log that
// waits for what a user would see. Nothing here sleeps for a time-based rule;
// waits are for the client's worker thread to get there.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "event_log.h"
#include "kollega/base/clock.h"
#include "kollega/client-core/client.h"
#include "support/fake_relay.h"
#include "test_store_key.h"

namespace kollega::testing {

inline constexpr char kFakeUrl[] = "fake://relay";

// A fresh directory, removed with everything in it at destruction.
class KernelTempDir {
 public:
  KernelTempDir() {
    static std::atomic<int> counter{0};
    // On tmpfs where there is one: these tests are about the kernel's logic,
    // not durability, and a synced write per message on a busy disk would
    // make the 1,001-message test take most of a minute.
    std::error_code ec;
    const std::filesystem::path shm("/dev/shm");
    const std::filesystem::path base =
        std::filesystem::is_directory(shm, ec) && ::access("/dev/shm", W_OK) == 0
            ? shm
            : std::filesystem::temp_directory_path();
    path_ =
        base / ("kollega-kernel-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
  }
  ~KernelTempDir() { std::filesystem::remove_all(path_); }
  KernelTempDir(const KernelTempDir&) = delete;
  KernelTempDir& operator=(const KernelTempDir&) = delete;
  std::string Sub(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline std::string ToHex(const std::string& raw) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

inline std::string FromHex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// One user's device: the client, its account (raw and hex) and its events.
struct Device {
  std::unique_ptr<client::Client> client;
  std::string account;  // 16 raw bytes
  std::string hex;
  uint32_t device_id = 0;
  std::unique_ptr<EventLog> log;
};

// Options every kernel test starts from: the fake link, the manual clock,
// reconnects within milliseconds.
inline client::Client::Options KernelOptions(FakeRelay& relay, const Clock* clock) {
  client::Client::Options o;
  o.clock = clock;
  o.link_factory = relay.Factory();
  o.request_timeout = std::chrono::milliseconds(2000);
  o.reconnect_min = std::chrono::milliseconds(1);
  o.reconnect_max = std::chrono::milliseconds(20);
  return o;
}

inline Result<std::unique_ptr<client::Client>> OpenKernelClient(const std::string& dir,
                                                                client::Client::Options options) {
  return client::Client::Open(dir, WithTestStoreKey(std::move(options)));
}

// As in client_test_util.h, whose definition may come first.
#ifndef KOLLEGA_ASSERT_OK
#define KOLLEGA_ASSERT_OK(expr)                      \
  do {                                               \
    const ::kollega::Status status_ = (expr);        \
    ASSERT_TRUE(status_.ok()) << status_.ToString(); \
  } while (0)
#endif
#define KOLLEGA_EXPECT_OK(expr)                      \
  do {                                               \
    const ::kollega::Status status_ = (expr);        \
    EXPECT_TRUE(status_.ok()) << status_.ToString(); \
  } while (0)

// Opens a client on `dir`, creates an account on the fake relay and fills
// `out`. Use with ASSERT_NO_FATAL_FAILURE.
inline void NewDevice(const std::string& dir, client::Client::Options options, Device* out) {
  auto opened = OpenKernelClient(dir, std::move(options));
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  out->client = std::move(opened).value();
  out->log = std::make_unique<EventLog>(out->client.get());
  KOLLEGA_ASSERT_OK(out->client->CreateAccount(kFakeUrl).Get());
  auto who = out->client->WhoAmI().Get();
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  out->hex = who->account_id;
  out->account = FromHex(who->account_id);
  out->device_id = who->device_id;
}

// The message with this id in the conversation with `peer`, if any.
inline std::optional<client::Message> FindMessage(client::Client& c, const std::string& peer_hex,
                                                  const std::string& id, size_t limit = 100) {
  auto history = c.History(peer_hex, limit).Get();
  if (!history.ok()) return std::nullopt;
  for (const client::Message& m : *history) {
    if (m.id == id) return m;
  }
  return std::nullopt;
}

}  // namespace kollega::testing
