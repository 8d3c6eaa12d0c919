// RocksRelayStore: the embedded RelayStore. Account and prekey methods are
// synchronous synced writes under a per-account striped mutex (their
// read-modify-writes are rare and small); mailbox mutations go through the
// single MailboxWriter; reads go straight to RocksDB.
//
// The method bodies are split by concern: account_store.cpp,
// prekey_store.cpp, mailbox_store.cpp.
//
// Ownership: owns the RocksDb and the MailboxWriter; borrows the Clock.
// Thread-safety: as RelayStore. Close() waits for calls in flight (they hold
// open_mu_ shared) before it closes the database.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>

#include "kollega/storage/relay_store.h"
#include "mailbox_writer.h"
#include "rocks_db.h"

namespace kollega::storage {

class RocksRelayStore final : public RelayStore {
 public:
  RocksRelayStore(std::unique_ptr<RocksDb> db, const RocksRelayStoreOptions& options);
  ~RocksRelayStore() override;
  Status Start() { return writer_->Start(); }

  // AccountStore
  Status CreateAccount(const AccountId& account, DeviceRecord first_device) override;
  Result<uint32_t> AddDevice(const AccountId& account, DeviceRecord device) override;
  Result<DeviceRecord> GetDevice(const DeviceAddress& address) override;
  Result<std::vector<DeviceRecord>> ListDevices(const AccountId& account) override;
  using AccountStore::ConsumeLinkToken;
  using AccountStore::PutLinkToken;
  Status PutLinkToken(const AccountId& account, const std::string& token_hash, int64_t expires_ms,
                      std::string_view sealed_provisioning) override;
  Result<std::string> TakeLinkToken(const AccountId& account,
                                    const std::string& token_hash) override;

  // PrekeyStore
  Status StorePrekeys(const DeviceAddress& device, const PrekeyUpload& upload,
                      size_t max_stock) override;
  Result<uint32_t> CountOneTimePrekeys(const DeviceAddress& device) override;
  Result<bool> HasSignedPrekey(const DeviceAddress& device) override;
  Result<std::vector<PrekeyBundle>> TakeBundles(const AccountId& account,
                                                std::optional<uint32_t> device_id) override;

  // MailboxStore
  void Append(std::vector<EnvelopeToStore> envelopes, AppendDone done) override;
  Result<std::vector<StoredEnvelope>> Read(const DeviceAddress& mailbox, uint64_t after_seq,
                                           size_t max) override;
  void Remove(const DeviceAddress& mailbox, std::vector<uint64_t> seqs, RemoveDone done) override;
  Result<uint32_t> QueueDepth(const DeviceAddress& mailbox) override;
  StoreStats Stats() override;

  void Close() override;

  Status CompactAllForTesting();

 private:
  static constexpr size_t kStripes = 64;
  std::mutex& AccountLock(const AccountId& account);
  // Unavailable once closed, or while the DB is down after a failed reopen.
  // Caller holds open_mu_.
  Status CheckOpenLocked() const;
  // After a failed write, lets RocksDb recover (Resume, or reopen) with
  // exclusive use. Cheap when nothing failed. Caller must not hold open_mu_.
  void MaybeRecover();
  // Device records of `account`, or NotFound. Caller holds open_mu_.
  Result<std::vector<DeviceRecord>> ListDevicesLocked(const AccountId& account);
  Result<uint32_t> CountOneTimeLocked(const DeviceAddress& device);

  const Clock* clock_;
  // Shared by every call and by each writer commit; exclusive in Close() and
  // in recovery, which replace the DB under everyone's feet.
  std::shared_mutex open_mu_;
  bool closed_ = false;  // guarded by open_mu_
  std::unique_ptr<RocksDb> db_;
  std::unique_ptr<MailboxWriter> writer_;
  std::array<std::mutex, kStripes> account_locks_;
};

}  // namespace kollega::storage
