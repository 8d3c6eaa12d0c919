// SPDX-License-Identifier: GPL-3.0-or-later
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "store_fixture.h"

namespace kollega::storage {
namespace {

using MailboxConcurrencyTest = StoreTest;

// Waits until `n` callbacks have run.
class Countdown {
 public:
  explicit Countdown(int n) : left_(n) {}
  void Done() {
    std::lock_guard lock(mu_);
    if (--left_ == 0) cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return left_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int left_;
};

TEST_F(MailboxConcurrencyTest, ManyAppendersAllCalledBackInPerMailboxOrder) {
  Open();
  constexpr int kThreads = 16, kPerThread = 200, kMailboxes = 4;
  Countdown countdown(kThreads * kPerThread);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const DeviceAddress box{TestAccount(t % kMailboxes), 1};
      for (int i = 0; i < kPerThread; ++i) {
        store_->Append({{box, std::to_string(t) + ":" + std::to_string(i)}},
                       [&](Status s, AppendResult r) {
                         if (!s.ok() || r.seqs.size() != 1) ++failures;
                         countdown.Done();
                       });
      }
    });
  }
  for (auto& t : threads) t.join();
  countdown.Wait();
  EXPECT_EQ(failures.load(), 0);

  size_t total = 0;
  for (int m = 0; m < kMailboxes; ++m) {
    auto envelopes = ReadAll({TestAccount(m), 1});
    total += envelopes.size();
    std::map<int, int> next_of_thread;  // each thread's envelopes keep its order
    for (const auto& e : envelopes) {
      const auto colon = e.payload.find(':');
      const int t = std::stoi(e.payload.substr(0, colon));
      const int i = std::stoi(e.payload.substr(colon + 1));
      EXPECT_EQ(t % kMailboxes, m);
      EXPECT_EQ(i, next_of_thread[t]++);
    }
  }
  EXPECT_EQ(total, size_t{kThreads} * kPerThread);
  StoreStats stats = store_->Stats();
  EXPECT_EQ(stats.envelopes_appended, uint64_t{kThreads} * kPerThread);
  // Group commit: far fewer syncs than envelopes.
  EXPECT_LT(stats.wal_syncs, stats.envelopes_appended);
  EXPECT_GE(stats.rocksdb_wal_syncs, 1u);
}

TEST_F(MailboxConcurrencyTest, ConcurrentAppendAndRemoveKeepCountsRight) {
  Open();
  const DeviceAddress box{TestAccount(1), 1};
  constexpr int kThreads = 4, kPerThread = 100;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        AppendOutcome a = AppendOne(box, "x");
        ASSERT_TRUE(a.status.ok());
        if (i % 2 == 0) {
          ASSERT_TRUE(RemoveSync(box, a.seqs).unknown.empty());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ReadAll(box).size(), size_t{kThreads} * kPerThread / 2);
  EXPECT_EQ(*store_->QueueDepth(box), uint32_t{kThreads} * kPerThread / 2);
  EXPECT_EQ(store_->Stats().queued_envelopes, uint64_t{kThreads} * kPerThread / 2);
}

TEST_F(MailboxConcurrencyTest, CloseDrainsPendingAppends) {
  options_.max_batch = 16;  // many batches still queued when Close() starts
  Open();
  const DeviceAddress box{TestAccount(1), 1};
  constexpr int kAppends = 500;
  std::atomic<int> ok{0}, called{0};
  for (int i = 0; i < kAppends; ++i) {
    store_->Append({{box, std::to_string(i)}}, [&](Status s, AppendResult) {
      if (s.ok()) ++ok;
      ++called;
    });
  }
  store_->Close();
  EXPECT_EQ(called.load(), kAppends);
  EXPECT_EQ(ok.load(), kAppends);

  // After Close the callback still runs, with Unavailable.
  Status late;
  store_->Append({{box, "late"}}, [&](Status s, AppendResult) { late = std::move(s); });
  EXPECT_EQ(late.code(), StatusCode::kUnavailable);
  Status late_remove;
  store_->Remove(box, {1}, [&](Status s, std::vector<uint64_t>) { late_remove = std::move(s); });
  EXPECT_EQ(late_remove.code(), StatusCode::kUnavailable);
  EXPECT_EQ(store_->Read(box, 0, 10).status().code(), StatusCode::kUnavailable);

  store_.reset();
  Open();
  EXPECT_EQ(ReadAll(box).size(), size_t{kAppends});
}

}  // namespace
}  // namespace kollega::storage
