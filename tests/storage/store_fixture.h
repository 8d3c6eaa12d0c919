// Shared fixture for the storage tests: a real RocksDB in a fresh directory
// under /tmp, a ManualClock, and blocking wrappers around the callback API.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "kollega/storage/relay_store.h"
#include "testing.h"

namespace kollega::storage {

// A distinct 16-byte account id per `n`.
inline AccountId TestAccount(uint32_t n) {
  AccountId id(kAccountIdSize, '\x5a');
  for (int i = 0; i < 4; ++i) id[i] = static_cast<char>(n >> (24 - 8 * i));
  return id;
}

inline DeviceRecord TestDevice(char fill = 'k') {
  return DeviceRecord{.auth_public_key = std::string(32, fill), .registration_id = 42};
}

// Tests that only look at `seqs` (empty on failure) owe the status no look.
struct AppendOutcome {
  AppendOutcome() = default;
  AppendOutcome(Status s, std::vector<uint64_t> q) : status(std::move(s)), seqs(std::move(q)) {}
  ~AppendOutcome() { status.IgnoreError(); }
  AppendOutcome(const AppendOutcome&) = default;
  AppendOutcome(AppendOutcome&&) = default;
  AppendOutcome& operator=(const AppendOutcome&) = default;
  AppendOutcome& operator=(AppendOutcome&&) = default;
  Status status;
  std::vector<uint64_t> seqs;
};

// An append that also watched its `visible` callback.
struct WatchedAppend {
  AppendOutcome outcome;
  bool visible = false;        // the callback ran
  bool visible_first = false;  // ... and before `done`
  std::vector<uint64_t> visible_seqs;
};

struct RemoveOutcome {
  RemoveOutcome() = default;
  RemoveOutcome(Status s, std::vector<uint64_t> u) : status(std::move(s)), unknown(std::move(u)) {}
  ~RemoveOutcome() { status.IgnoreError(); }
  RemoveOutcome(const RemoveOutcome&) = default;
  RemoveOutcome(RemoveOutcome&&) = default;
  RemoveOutcome& operator=(const RemoveOutcome&) = default;
  RemoveOutcome& operator=(RemoveOutcome&&) = default;
  Status status;
  std::vector<uint64_t> unknown;
};

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("kollega-storage-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    options_.path = dir_.string();
    options_.clock = &clock_;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Open(rocksdb::Env* env = nullptr) {
    auto opened = testing::OpenWithEnv(options_, env);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }
  void Reopen() {
    store_->Close();
    store_.reset();
    Open();
  }
  // Reopens from a copy of the live directory as a process crash leaves it:
  // nothing flushed or closed, only what reached the WAL file.
  void ReopenAsAfterACrash() {
    const auto crash_copy = dir_.string() + "-crash";
    std::filesystem::remove_all(crash_copy);
    std::filesystem::copy(dir_, crash_copy, std::filesystem::copy_options::recursive);
    store_->Close();
    store_.reset();
    std::filesystem::remove_all(dir_);
    std::filesystem::rename(crash_copy, dir_);
    Open();
  }

  AppendOutcome AppendSync(std::vector<EnvelopeToStore> envelopes) {
    std::promise<AppendOutcome> done;
    store_->Append(std::move(envelopes), [&](Status s, AppendResult r) {
      done.set_value({std::move(s), std::move(r.seqs)});
    });
    return done.get_future().get();
  }
  WatchedAppend AppendWatched(std::vector<EnvelopeToStore> envelopes) {
    WatchedAppend w;
    std::promise<void> done;
    store_->Append(
        std::move(envelopes),
        [&](const AppendResult& r) {
          w.visible = true;
          w.visible_seqs = r.seqs;
        },
        [&](Status s, AppendResult r) {
          w.visible_first = w.visible;
          w.outcome = {std::move(s), std::move(r.seqs)};
          done.set_value();
        });
    done.get_future().get();
    return w;
  }
  AppendOutcome AppendOne(const DeviceAddress& to, std::string payload) {
    return AppendSync({EnvelopeToStore{to, std::move(payload)}});
  }
  RemoveOutcome RemoveSync(const DeviceAddress& mailbox, std::vector<uint64_t> seqs) {
    std::promise<RemoveOutcome> done;
    store_->Remove(mailbox, std::move(seqs), [&](Status s, std::vector<uint64_t> unknown) {
      done.set_value({std::move(s), std::move(unknown)});
    });
    return done.get_future().get();
  }
  std::vector<StoredEnvelope> ReadAll(const DeviceAddress& mailbox, uint64_t after = 0) {
    auto r = store_->Read(mailbox, after, 1'000'000);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : std::vector<StoredEnvelope>{};
  }
  static std::vector<std::string> Payloads(const std::vector<StoredEnvelope>& envelopes) {
    std::vector<std::string> out;
    for (const auto& e : envelopes) out.push_back(e.payload);
    return out;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  RocksRelayStoreOptions options_;
  std::unique_ptr<RelayStore> store_;
};

}  // namespace kollega::storage
