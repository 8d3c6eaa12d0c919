// The write-ahead log over a queue workload: its size stays bounded although
// some column families are written rarely, and the mailbox meta records,
// overwritten in place in the memtable, still come back right from the WAL.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <chrono>
#include <filesystem>
#include <thread>

#include "store_fixture.h"

namespace kollega::storage {
namespace {

uint64_t WalBytes(const std::filesystem::path& dir) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".log") total += entry.file_size();
  }
  return total;
}

class WalTest : public StoreTest {
 protected:
  // Stores and acknowledges `rounds` envelopes of `size` bytes one by one,
  // as for a connected device.
  void DeliverAndAck(const DeviceAddress& to, int rounds, size_t size) {
    for (int i = 0; i < rounds; ++i) {
      AppendOutcome a = AppendOne(to, std::string(size, static_cast<char>('a' + i % 26)));
      ASSERT_TRUE(a.status.ok()) << a.status.ToString();
      RemoveOutcome r = RemoveSync(to, a.seqs);
      ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    }
  }
};

TEST_F(WalTest, StaysBoundedWhileARarelyWrittenFamilyHoldsOldData) {
  options_.max_wal_bytes = 1 << 20;
  Open();
  // One account write pins the first WAL file until the accounts family
  // flushes, which on its own it would not do for a very long time.
  const AccountId a = TestAccount(1);
  ASSERT_TRUE(store_->CreateAccount(a, TestDevice()).ok());
  const DeviceAddress to{a, 1};
  // 16 MiB through the WAL: without the bound all of it would stay.
  DeliverAndAck(to, 2048, 8 << 10);

  // Flushes run in the background; a few more writes let the store notice.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (WalBytes(dir_) > (4u << 20) && std::chrono::steady_clock::now() < deadline) {
    DeliverAndAck(to, 4, 8 << 10);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_LE(WalBytes(dir_), 4u << 20);
  // /metrics shows the same figure.
  const uint64_t reported = store_->Stats().wal_bytes;
  EXPECT_GT(reported, 0u);
  EXPECT_LE(reported, 4u << 20);

  // Nothing was lost on the way: the account is there, the mailbox is empty
  // and its seqs go on where they were.
  Reopen();
  EXPECT_TRUE(store_->GetDevice(to).ok());
  EXPECT_TRUE(ReadAll(to).empty());
  AppendOutcome next = AppendOne(to, "after");
  ASSERT_TRUE(next.status.ok());
  EXPECT_GT(next.seqs.at(0), 2048u);
}

TEST_F(WalTest, MetaOverwrittenInPlaceComesBackAfterACrash) {
  options_.limits.max_envelopes = 201;  // the 200 kept below, and one more
  Open();
  const DeviceAddress to{TestAccount(2), 1};
  // Many appends and acks rewrite the same meta record over and over; every
  // third envelope stays unacknowledged.
  std::vector<std::string> kept;
  uint64_t last_seq = 0;
  for (int i = 0; i < 600; ++i) {
    std::string payload = "m" + std::to_string(i);
    AppendOutcome a = AppendOne(to, payload);
    ASSERT_TRUE(a.status.ok());
    last_seq = a.seqs.at(0);
    if (i % 3 == 0) {
      kept.push_back(payload);
    } else {
      ASSERT_TRUE(RemoveSync(to, a.seqs).status.ok());
    }
  }
  ReopenAsAfterACrash();
  EXPECT_EQ(Payloads(ReadAll(to)), kept);
  AppendOutcome next = AppendOne(to, "after the crash");
  ASSERT_TRUE(next.status.ok());
  // A new run starts its own seq range (MailboxWriter::StartRun).
  EXPECT_GT(next.seqs.at(0), last_seq);
  // The quota still counts what is queued: the meta count was not lost.
  ReopenAsAfterACrash();
  EXPECT_EQ(ReadAll(to).size(), kept.size() + 1);
  EXPECT_EQ(AppendOne(to, "one too many").status.code(), StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace kollega::storage
