// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <numeric>

#include "store_fixture.h"

namespace kollega::storage {
namespace {

using MailboxStoreTest = StoreTest;

const DeviceAddress kBox{TestAccount(1), 1};
const DeviceAddress kOtherDevice{TestAccount(1), 2};
const DeviceAddress kOtherAccount{TestAccount(2), 1};

TEST_F(MailboxStoreTest, AppendsAndReadsInOrder) {
  Open();
  AppendOutcome a = AppendSync({{kBox, "one"}, {kOtherDevice, "x"}, {kBox, "two"}});
  ASSERT_TRUE(a.status.ok()) << a.status.ToString();
  ASSERT_EQ(a.seqs.size(), 3u);
  EXPECT_LT(a.seqs[0], a.seqs[2]);
  ASSERT_TRUE(AppendOne(kBox, "three").status.ok());

  auto envelopes = ReadAll(kBox);
  EXPECT_EQ(Payloads(envelopes), (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(envelopes[0].expires_ms, clock_.NowMs() + options_.limits.ttl_ms);
  EXPECT_EQ(Payloads(ReadAll(kOtherDevice)), std::vector<std::string>{"x"});
  EXPECT_TRUE(ReadAll(kOtherAccount).empty());

  // after_seq and max page through the queue.
  auto page = store_->Read(kBox, envelopes[0].seq, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Payloads(*page), std::vector<std::string>{"two"});
  EXPECT_EQ(*store_->QueueDepth(kBox), 3u);
  EXPECT_EQ(store_->Stats().queued_envelopes, 4u);
  EXPECT_EQ(store_->Stats().envelopes_appended, 4u);
}

TEST_F(MailboxStoreTest, RejectsBadAccountIdAndAcceptsEmptyAppend) {
  Open();
  EXPECT_EQ(AppendOne({"short", 1}, "x").status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Read({"short", 1}, 0, 10).status().code(), StatusCode::kInvalidArgument);
  AppendOutcome empty = AppendSync({});
  EXPECT_TRUE(empty.status.ok());
  EXPECT_TRUE(empty.seqs.empty());
}

TEST_F(MailboxStoreTest, SeqsIncreaseAndSurviveReopen) {
  Open();
  uint64_t last = 0;
  for (int i = 0; i < 5; ++i) {
    AppendOutcome a = AppendOne(kBox, "m" + std::to_string(i));
    ASSERT_TRUE(a.status.ok());
    EXPECT_GT(a.seqs[0], last);
    last = a.seqs[0];
  }
  ASSERT_TRUE(RemoveSync(kBox, {last}).status.ok());  // the highest seq is gone...
  Reopen();
  AppendOutcome after = AppendOne(kBox, "after reopen");
  ASSERT_TRUE(after.status.ok());
  EXPECT_GT(after.seqs[0], last);  // ...and still never reused
  EXPECT_EQ(ReadAll(kBox).size(), 5u);
  EXPECT_EQ(store_->Stats().queued_envelopes, 5u);  // rebuilt from meta records
}

TEST_F(MailboxStoreTest, AcknowledgedAppendsSurviveACrashWithoutClose) {
  Open();
  uint64_t last = 0;
  for (int i = 0; i < 20; ++i) last = AppendOne(kBox, "m" + std::to_string(i)).seqs.at(0);
  ReopenAsAfterACrash();
  EXPECT_EQ(ReadAll(kBox).size(), 20u);
  EXPECT_GT(AppendOne(kBox, "next").seqs.at(0), last);
}

// Acks are not worth an fsync each: a power loss may only bring an envelope
// back (delivered again), but a process crash must not.
TEST_F(MailboxStoreTest, RemovalsAloneAreNotSyncedYetSurviveAProcessCrash) {
  Open();
  AppendOutcome a = AppendSync({{kBox, "1"}, {kBox, "2"}, {kBox, "3"}});
  ASSERT_TRUE(a.status.ok());
  const StoreStats before = store_->Stats();
  EXPECT_EQ(before.wal_syncs, 1u);
  ASSERT_TRUE(RemoveSync(kBox, {a.seqs[0], a.seqs[1]}).unknown.empty());
  EXPECT_EQ(store_->Stats().wal_syncs, before.wal_syncs);
  EXPECT_EQ(store_->Stats().rocksdb_wal_syncs, before.rocksdb_wal_syncs);
  // Only the synced commit is timed.
  EXPECT_EQ(store_->Stats().commit_durations.count, 1u);

  ReopenAsAfterACrash();
  EXPECT_EQ(Payloads(ReadAll(kBox)), std::vector<std::string>{"3"});
  EXPECT_EQ(*store_->QueueDepth(kBox), 1u);
}

TEST_F(MailboxStoreTest, RemoveTouchesOnlyNamedSeqsOfThatMailbox) {
  Open();
  AppendOutcome mine = AppendSync({{kBox, "a"}, {kBox, "b"}, {kBox, "c"}});
  // Seqs are per mailbox: the other device's 5th envelope has a seq this
  // mailbox never handed out.
  AppendOutcome theirs = AppendSync(std::vector<EnvelopeToStore>(5, {kOtherDevice, "other"}));
  ASSERT_TRUE(mine.status.ok() && theirs.status.ok());
  const uint64_t foreign = theirs.seqs[4];
  ASSERT_TRUE(std::find(mine.seqs.begin(), mine.seqs.end(), foreign) == mine.seqs.end());

  // A seq that lives only in another device's mailbox is unknown here.
  const uint64_t never = foreign + 999'999;
  RemoveOutcome r = RemoveSync(kBox, {mine.seqs[1], foreign, never});
  ASSERT_TRUE(r.status.ok());
  std::sort(r.unknown.begin(), r.unknown.end());
  EXPECT_EQ(r.unknown, (std::vector<uint64_t>{foreign, never}));
  EXPECT_EQ(Payloads(ReadAll(kBox)), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(ReadAll(kOtherDevice).size(), 5u);

  // Removing again reports it unknown: each ack deletes once.
  r = RemoveSync(kBox, {mine.seqs[1]});
  EXPECT_EQ(r.unknown, std::vector<uint64_t>{mine.seqs[1]});
  // Same seq number in another mailbox, removed from its own: fine.
  ASSERT_TRUE(RemoveSync(kOtherDevice, {foreign}).unknown.empty());
  EXPECT_EQ(*store_->QueueDepth(kBox), 2u);
  EXPECT_EQ(*store_->QueueDepth(kOtherDevice), 4u);
  EXPECT_EQ(ReadAll(kOtherDevice).back().seq, theirs.seqs[3]);
  EXPECT_EQ(store_->Stats().envelopes_removed, 2u);
}

// docs/trust.md §4: a full mailbox is skipped, the others are written; only
// when every target is full does the append fail, writing nothing.
TEST_F(MailboxStoreTest, FullMailboxIsSkippedAndAnAppendFailsOnlyIfAllAreFull) {
  options_.limits.max_envelopes = 3;
  options_.limits.max_bytes = 1000;
  Open();
  ASSERT_TRUE(AppendSync({{kBox, "1"}, {kBox, "2"}}).status.ok());
  // Two targets, one of which would overflow: only the other is written.
  AppendOutcome over = AppendSync({{kOtherDevice, "fine"}, {kBox, "3"}, {kBox, "4"}});
  ASSERT_TRUE(over.status.ok());
  ASSERT_EQ(over.seqs.size(), 3u);
  EXPECT_NE(over.seqs[0], 0u);
  EXPECT_EQ(over.seqs[1], 0u);
  EXPECT_EQ(over.seqs[2], 0u);
  EXPECT_EQ(ReadAll(kOtherDevice).size(), 1u);
  EXPECT_EQ(ReadAll(kBox).size(), 2u);
  ASSERT_TRUE(RemoveSync(kOtherDevice, {over.seqs[0]}).status.ok());
  // Every target full: nothing is written.
  AppendOutcome all_full = AppendSync({{kBox, "3"}, {kBox, "4"}});
  EXPECT_EQ(all_full.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(all_full.status.message(), "mailbox full");
  // Byte quota too.
  EXPECT_EQ(AppendOne(kOtherDevice, std::string(1001, 'x')).status.code(),
            StatusCode::kResourceExhausted);
  EXPECT_EQ(store_->Stats().queued_envelopes, 2u);
  // Room again after an acknowledgement.
  ASSERT_TRUE(AppendOne(kBox, "3").status.ok());
  EXPECT_FALSE(AppendOne(kBox, "4").status.ok());
  ASSERT_TRUE(RemoveSync(kBox, {ReadAll(kBox)[0].seq}).status.ok());
  EXPECT_TRUE(AppendOne(kBox, "4").status.ok());
}

// A live push goes out once the envelopes are written, before the sync that
// the sender's answer waits for.
TEST_F(MailboxStoreTest, AnAppendIsVisibleBeforeItIsDoneWithTheSameSeqs) {
  Open();
  WatchedAppend first = AppendWatched({{kBox, "a"}, {kOtherDevice, "b"}});
  ASSERT_TRUE(first.outcome.status.ok()) << first.outcome.status.ToString();
  EXPECT_TRUE(first.visible_first);
  EXPECT_EQ(first.visible_seqs, first.outcome.seqs);
  WatchedAppend second = AppendWatched({{kBox, "c"}});
  ASSERT_TRUE(second.outcome.status.ok());
  EXPECT_TRUE(second.visible_first);
  ASSERT_EQ(second.visible_seqs.size(), 1u);
  EXPECT_GT(second.visible_seqs[0], first.visible_seqs[0]);
  EXPECT_EQ(Payloads(ReadAll(kBox)), (std::vector<std::string>{"a", "c"}));
}

// A push may carry a seq before its envelope is synced; if a power loss then
// undoes the write, that seq must not be handed to another envelope after
// the restart. So each run of the store starts a seq range of its own.
TEST_F(MailboxStoreTest, EachRunStartsAboveEverySeqOfTheRunBefore) {
  Open();
  AppendOutcome first = AppendOne(kBox, "first run");
  ASSERT_TRUE(first.status.ok());
  ReopenAsAfterACrash();
  AppendOutcome second = AppendOne(kBox, "second run");
  ASSERT_TRUE(second.status.ok());
  EXPECT_GE(second.seqs.at(0), first.seqs.at(0) + (uint64_t{1} << 32));
  EXPECT_EQ(Payloads(ReadAll(kBox)), (std::vector<std::string>{"first run", "second run"}));
  Reopen();
  AppendOutcome third = AppendOne(kBox, "third run");
  ASSERT_TRUE(third.status.ok());
  EXPECT_GE(third.seqs.at(0), second.seqs.at(0) + (uint64_t{1} << 32));
}

// Nothing was written, so nothing may be pushed.
TEST_F(MailboxStoreTest, ARefusedAppendIsNeverVisible) {
  options_.limits.max_envelopes = 1;
  Open();
  ASSERT_TRUE(AppendWatched({{kBox, "1"}}).visible);
  // Every target full (docs/trust.md §4: only then is an append refused).
  WatchedAppend refused = AppendWatched({{kBox, "2"}});
  EXPECT_EQ(refused.outcome.status.code(), StatusCode::kResourceExhausted);
  EXPECT_FALSE(refused.visible);
}

TEST_F(MailboxStoreTest, ExpiredEnvelopesDoNotKeepAMailboxFull) {
  options_.limits.max_envelopes = 3;
  options_.limits.ttl_ms = 1000;
  Open();
  ASSERT_TRUE(AppendSync({{kBox, "1"}, {kBox, "2"}, {kBox, "3"}}).status.ok());
  EXPECT_EQ(AppendOne(kBox, "4").status.code(), StatusCode::kResourceExhausted);
  clock_.Advance(1000);
  ASSERT_TRUE(AppendOne(kBox, "4").status.ok());  // recount dropped the expired three
  EXPECT_EQ(Payloads(ReadAll(kBox)), std::vector<std::string>{"4"});
  EXPECT_EQ(*store_->QueueDepth(kBox), 1u);
  EXPECT_EQ(store_->Stats().queued_envelopes, 1u);
}

TEST_F(MailboxStoreTest, ReadSkipsExpiredEnvelopes) {
  options_.limits.ttl_ms = 1000;
  Open();
  ASSERT_TRUE(AppendOne(kBox, "old").status.ok());
  clock_.Advance(600);
  ASSERT_TRUE(AppendOne(kBox, "new").status.ok());
  clock_.Advance(400);
  EXPECT_EQ(Payloads(ReadAll(kBox)), std::vector<std::string>{"new"});
  clock_.Advance(600);
  EXPECT_TRUE(ReadAll(kBox).empty());
}

TEST_F(MailboxStoreTest, CompactionDropsExpiredEnvelopes) {
  options_.limits.ttl_ms = 1000;
  Open();
  AppendOutcome old = AppendSync({{kBox, "a"}, {kBox, "b"}, {kOtherDevice, "c"}});
  ASSERT_TRUE(old.status.ok());
  clock_.Advance(500);
  ASSERT_TRUE(AppendOne(kBox, "fresh").status.ok());
  clock_.Advance(500);
  ASSERT_TRUE(testing::CompactAll(store_.get()).ok());
  EXPECT_EQ(store_->Stats().envelopes_expired, 3u);
  // The mailbox tolerates envelopes vanishing under it.
  EXPECT_EQ(Payloads(ReadAll(kBox)), std::vector<std::string>{"fresh"});
  RemoveOutcome r = RemoveSync(kBox, {old.seqs[0]});
  EXPECT_EQ(r.unknown, std::vector<uint64_t>{old.seqs[0]});
  AppendOutcome next = AppendOne(kBox, "next");
  ASSERT_TRUE(next.status.ok());
  EXPECT_EQ(Payloads(ReadAll(kBox)), (std::vector<std::string>{"fresh", "next"}));
}

TEST_F(MailboxStoreTest, HeadTrackingKeepsALongLivedQueueReadable) {
  Open();
  constexpr int kRounds = 100, kPerRound = 1000;  // 100k envelopes put and removed
  uint64_t first_seq = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<EnvelopeToStore> batch(kPerRound, EnvelopeToStore{kBox, "payload"});
    AppendOutcome a = AppendSync(std::move(batch));
    ASSERT_TRUE(a.status.ok());
    if (round == 0) first_seq = a.seqs.at(0);
    RemoveOutcome r = RemoveSync(kBox, a.seqs);
    ASSERT_TRUE(r.status.ok());
    ASSERT_TRUE(r.unknown.empty());
  }
  AppendOutcome live = AppendOne(kBox, "the live one");
  ASSERT_TRUE(live.status.ok());
  EXPECT_EQ(live.seqs[0], first_seq + uint64_t{kRounds} * kPerRound);
  auto envelopes = ReadAll(kBox);
  ASSERT_EQ(envelopes.size(), 1u);
  EXPECT_EQ(envelopes[0].seq, live.seqs[0]);
  EXPECT_EQ(*store_->QueueDepth(kBox), 1u);
  EXPECT_EQ(store_->Stats().queued_envelopes, 1u);
  EXPECT_EQ(store_->Stats().envelopes_removed, uint64_t{kRounds} * kPerRound);
}

TEST_F(MailboxStoreTest, OutOfOrderAcksStillAdvanceTheHead) {
  Open();
  AppendOutcome a = AppendSync(std::vector<EnvelopeToStore>(10, {kBox, "m"}));
  ASSERT_TRUE(a.status.ok());
  ASSERT_TRUE(RemoveSync(kBox, {a.seqs[5], a.seqs[7], a.seqs[9]}).unknown.empty());
  ASSERT_TRUE(
      RemoveSync(kBox, {a.seqs[0], a.seqs[1], a.seqs[2], a.seqs[3], a.seqs[4]}).unknown.empty());
  auto left = ReadAll(kBox);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].seq, a.seqs[6]);
  EXPECT_EQ(left[1].seq, a.seqs[8]);
  // Below-head seqs are known to be gone without a lookup.
  EXPECT_EQ(RemoveSync(kBox, {a.seqs[0]}).unknown, std::vector<uint64_t>{a.seqs[0]});
}

// The writer mirrors small mailboxes in memory and falls back to reading
// the store for large ones; counts, quotas and acks must agree either way,
// also across the switch and a reopen (which starts from disk again).
TEST_F(MailboxStoreTest, AcksAndQuotasAgreeForSmallAndLargeMailboxes) {
  options_.limits.max_bytes = 1000;
  Open();
  const std::string ten(10, 'x');
  AppendOutcome large = AppendSync(std::vector<EnvelopeToStore>(40, {kBox, ten}));
  ASSERT_TRUE(large.status.ok());
  std::vector<uint64_t> first(large.seqs.begin(), large.seqs.begin() + 20);
  std::vector<uint64_t> rest(large.seqs.begin() + 20, large.seqs.end());
  first.push_back(large.seqs.back() + 100);  // never assigned
  EXPECT_EQ(RemoveSync(kBox, first).unknown, std::vector<uint64_t>{large.seqs.back() + 100});
  EXPECT_EQ(*store_->QueueDepth(kBox), 20u);
  EXPECT_EQ(RemoveSync(kBox, {large.seqs[0]}).unknown, std::vector<uint64_t>{large.seqs[0]});
  EXPECT_TRUE(RemoveSync(kBox, rest).unknown.empty());
  EXPECT_EQ(*store_->QueueDepth(kBox), 0u);

  AppendOutcome small = AppendSync(std::vector<EnvelopeToStore>(3, {kBox, ten}));
  ASSERT_TRUE(small.status.ok());
  EXPECT_EQ(RemoveSync(kBox, {large.seqs[39], small.seqs[1]}).unknown,
            std::vector<uint64_t>{large.seqs[39]});
  auto left = ReadAll(kBox);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].seq, small.seqs[0]);
  EXPECT_EQ(left[1].seq, small.seqs[2]);

  Reopen();
  EXPECT_EQ(*store_->QueueDepth(kBox), 2u);
  EXPECT_EQ(RemoveSync(kBox, {small.seqs[1], small.seqs[2]}).unknown,
            std::vector<uint64_t>{small.seqs[1]});
  EXPECT_EQ(Payloads(ReadAll(kBox)), std::vector<std::string>{ten});
  // 10 of 1000 bytes are queued: 99 more fit, the 100th does not.
  ASSERT_TRUE(AppendSync(std::vector<EnvelopeToStore>(99, {kBox, ten})).status.ok());
  EXPECT_EQ(AppendOne(kBox, ten).status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(store_->Stats().queued_envelopes, 100u);
}

TEST_F(MailboxStoreTest, AnExpiredEnvelopeIsUnknownToAnAckAndIsDeleted) {
  options_.limits.ttl_ms = 1000;
  Open();
  AppendOutcome small = AppendOne(kBox, "a");
  AppendOutcome large = AppendSync(std::vector<EnvelopeToStore>(40, {kOtherDevice, "b"}));
  ASSERT_TRUE(small.status.ok() && large.status.ok());
  clock_.Advance(1000);
  EXPECT_EQ(RemoveSync(kBox, small.seqs).unknown, small.seqs);
  EXPECT_EQ(RemoveSync(kOtherDevice, {large.seqs[0]}).unknown,
            std::vector<uint64_t>{large.seqs[0]});
  EXPECT_EQ(*store_->QueueDepth(kBox), 0u);
  EXPECT_EQ(*store_->QueueDepth(kOtherDevice), 39u);
  EXPECT_EQ(store_->Stats().envelopes_removed, 0u);
}

}  // namespace
// The commit-duration histogram counts every synced commit once, in
// cumulative buckets, with the time they took.
TEST_F(MailboxStoreTest, CommitDurationsCountEverySyncedCommit) {
  Open();
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(AppendSync({{kBox, "e" + std::to_string(i)}}).status.ok());
  const StoreStats stats = store_->Stats();
  const CommitDurations& d = stats.commit_durations;
  EXPECT_EQ(d.count, stats.wal_syncs);
  EXPECT_EQ(d.count, 5u);
  EXPECT_GT(d.sum_us, 0u);  // an fsync takes more than a microsecond
  for (size_t i = 1; i < kCommitBuckets; ++i) EXPECT_LE(d.counts[i - 1], d.counts[i]) << i;
  EXPECT_LE(d.counts[kCommitBuckets - 1], d.count);
}

}  // namespace kollega::storage
