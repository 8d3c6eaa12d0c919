// Disk full: a FileSystem wrapper makes every file write fail with ENOSPC
// while `full` is set. The store must answer ResourceExhausted, keep serving
// reads, and write again once space returns, without a restart. With
// `sync_fails` only the syncs fail (an I/O error after the write), which an
// append meets after it was announced visible; `drop_writes` makes writes
// vanish while claiming success, as pages the kernel dropped after a failed
// writeback do.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <rocksdb/file_system.h>

#include "store_fixture.h"

namespace kollega::storage {
namespace {

class FullDiskFs : public rocksdb::FileSystemWrapper {
 public:
  explicit FullDiskFs(const std::shared_ptr<rocksdb::FileSystem>& base)
      : rocksdb::FileSystemWrapper(base) {}
  const char* Name() const override { return "FullDiskFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& opts,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    if (full) return rocksdb::IOStatus::NoSpace("test disk is full");
    rocksdb::IOStatus s = target()->NewWritableFile(name, opts, result, dbg);
    if (s.ok()) *result = std::make_unique<File>(std::move(*result), this);
    return s;
  }
  rocksdb::IOStatus ReopenWritableFile(const std::string& name, const rocksdb::FileOptions& opts,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override {
    if (full) return rocksdb::IOStatus::NoSpace("test disk is full");
    rocksdb::IOStatus s = target()->ReopenWritableFile(name, opts, result, dbg);
    if (s.ok()) *result = std::make_unique<File>(std::move(*result), this);
    return s;
  }

  std::atomic<bool> full{false};
  std::atomic<bool> sync_fails{false};
  std::atomic<bool> drop_writes{false};

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> f, FullDiskFs* fs)
        : FSWritableFileOwnerWrapper(std::move(f)), fs_(fs) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                             rocksdb::IODebugContext* dbg) override {
      if (fs_->full) return rocksdb::IOStatus::NoSpace("test disk is full");
      if (fs_->drop_writes) return rocksdb::IOStatus::OK();
      return target()->Append(data, o, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                             const rocksdb::DataVerificationInfo& v,
                             rocksdb::IODebugContext* dbg) override {
      if (fs_->full) return rocksdb::IOStatus::NoSpace("test disk is full");
      if (fs_->drop_writes) return rocksdb::IOStatus::OK();
      return target()->Append(data, o, v, dbg);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      if (fs_->full) return rocksdb::IOStatus::NoSpace("test disk is full");
      if (fs_->sync_fails) return rocksdb::IOStatus::IOError("test disk fails to sync");
      return target()->Sync(o, dbg);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o, rocksdb::IODebugContext* dbg) override {
      if (fs_->full) return rocksdb::IOStatus::NoSpace("test disk is full");
      if (fs_->sync_fails) return rocksdb::IOStatus::IOError("test disk fails to sync");
      return target()->Fsync(o, dbg);
    }

   private:
    FullDiskFs* fs_;
  };
};

class DiskFullTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    fs_ = std::make_shared<FullDiskFs>(rocksdb::FileSystem::Default());
    env_ = rocksdb::NewCompositeEnv(fs_);
    Open(env_.get());
  }
  void TearDown() override {
    fs_->full = false;
    fs_->sync_fails = false;
    fs_->drop_writes = false;
    StoreTest::TearDown();  // the store goes before the Env it uses
  }

  void ExpectSeqsNeverReused(bool record_lost) {
    const DeviceAddress box{TestAccount(1), 1};
    AppendOutcome first = AppendOne(box, "before");
    ASSERT_TRUE(first.status.ok()) << first.status.ToString();

    fs_->sync_fails = true;
    fs_->drop_writes = record_lost;
    WatchedAppend failed = AppendWatched({{box, "unsynced"}});
    EXPECT_FALSE(failed.outcome.status.ok());
    EXPECT_TRUE(failed.outcome.seqs.empty());
    ASSERT_TRUE(failed.visible);
    ASSERT_EQ(failed.visible_seqs.size(), 1u);
    EXPECT_GT(failed.visible_seqs[0], first.seqs[0]);
    EXPECT_GE(store_->Stats().write_errors, 1u);

    fs_->sync_fails = false;
    fs_->drop_writes = false;
    WatchedAppend after = AppendWatched({{box, "after"}});
    ASSERT_TRUE(after.outcome.status.ok()) << after.outcome.status.ToString();
    ASSERT_EQ(after.outcome.seqs.size(), 1u);
    EXPECT_GT(after.outcome.seqs[0], failed.visible_seqs[0]);

    std::vector<StoredEnvelope> stored = ReadAll(box);
    std::vector<std::string> expected = {"before", "unsynced", "after"};
    if (record_lost) expected = {"before", "after"};
    EXPECT_EQ(Payloads(stored), expected);
    ASSERT_FALSE(stored.empty());
    EXPECT_EQ(stored.back().seq, after.outcome.seqs[0]);
  }

  std::shared_ptr<FullDiskFs> fs_;
  std::unique_ptr<rocksdb::Env> env_;
};

TEST_F(DiskFullTest, FullDiskIsStorageFullThenRecovers) {
  const DeviceAddress box{TestAccount(1), 1};
  AppendOutcome first = AppendOne(box, "before");
  ASSERT_TRUE(first.status.ok()) << first.status.ToString();

  fs_->full = true;
  AppendOutcome refused = AppendOne(box, "during");
  EXPECT_EQ(refused.status.code(), StatusCode::kStorageFull);
  EXPECT_NE(refused.status.message().find("disk full"), std::string::npos);
  EXPECT_TRUE(refused.seqs.empty());
  EXPECT_EQ(store_->CreateAccount(TestAccount(2), TestDevice()).code(), StatusCode::kStorageFull);
  // Reads are still served while writes fail.
  EXPECT_EQ(Payloads(ReadAll(box)), std::vector<std::string>{"before"});
  EXPECT_GE(store_->Stats().write_errors, 1u);

  fs_->full = false;
  AppendOutcome after = AppendOne(box, "after");
  ASSERT_TRUE(after.status.ok()) << after.status.ToString();
  EXPECT_GT(after.seqs[0], first.seqs[0]);
  EXPECT_TRUE(store_->CreateAccount(TestAccount(2), TestDevice()).ok());

  RemoveOutcome removed = RemoveSync(box, {first.seqs[0]});
  ASSERT_TRUE(removed.status.ok());
  EXPECT_TRUE(removed.unknown.empty());

  store_->Close();
  store_.reset();
  Open(env_.get());
  std::vector<std::string> payloads = Payloads(ReadAll(box));
  // "during" was refused; whether its WAL record survived is RocksDB's
  // business, but it must never shadow or duplicate "after".
  ASSERT_FALSE(payloads.empty());
  EXPECT_EQ(payloads.back(), "after");
  EXPECT_EQ(std::count(payloads.begin(), payloads.end(), "before"), 0);
  EXPECT_TRUE(AppendOne(box, "later").status.ok());
}

// The write went through and was announced (a push may already carry it),
// then its sync failed: the sender hears an error, the seqs it was given are
// never handed out again, whether or not the record survived in the WAL, and
// the store writes again after reopening.
TEST_F(DiskFullTest, AFailedSyncWhoseRecordSurvivedNeverReusesItsSeqs) {
  ExpectSeqsNeverReused(/*record_lost=*/false);
}

TEST_F(DiskFullTest, AFailedSyncWhoseRecordWasLostNeverReusesItsSeqs) {
  ExpectSeqsNeverReused(/*record_lost=*/true);
}

}  // namespace
}  // namespace kollega::storage
