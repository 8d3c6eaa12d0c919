// RocksRelayStore: the embedded RelayStore. Account and prekey methods are
// synchronous synced writes under a per-account striped mutex (their
// read-modify-writes are rare and small); mailbox mutations go through the
// single MailboxWriter; reads go straight to RocksDB.
//
// The method bodies are split by concern: account_store.cpp,
// device_list_store.cpp, prekey_store.cpp, mailbox_store.cpp,
// organisation_store.cpp.
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
#include <unordered_map>
#include <vector>

#include "kollega/storage/relay_store.h"
#include "mailbox_writer.h"
#include "rocks_db.h"
#include "scrubber.h"

namespace kollega::storage {

class RocksRelayStore final : public RelayStore, public OrganisationStore {
 public:
  RocksRelayStore(std::unique_ptr<RocksDb> db, const RocksRelayStoreOptions& options);
  ~RocksRelayStore() override;
  Status Start() { return writer_->Start(); }

  // AccountStore
  Status CreateAccount(const AccountId& account, DeviceRecord first_device) override;
  Result<uint32_t> AddDevice(const AccountId& account, DeviceRecord device) override;
  Result<DeviceRecord> GetDevice(const DeviceAddress& address) override;
  Result<std::vector<DeviceRecord>> ListDevices(const AccountId& account) override;
  Result<std::vector<uint32_t>> ListDeviceIds(const AccountId& account) override;
  Result<std::shared_ptr<const AccountDevices>> GetAccountDevices(
      const AccountId& account) override;
  Status PublishDeviceList(const AccountId& account, DeviceList list) override;
  Status RemoveDevice(const DeviceRemoval& removal) override;
  Status TouchDevice(const DeviceAddress& device, int64_t now_ms) override;
  Result<std::vector<DeviceAddress>> PendingDevices(int64_t before_ms) override;
  Status PutLinkToken(const AccountId& account, const std::string& token_hash, int64_t expires_ms,
                      std::string_view sealed_provisioning) override;
  Result<std::string> TakeLinkToken(const AccountId& account,
                                    const std::string& token_hash) override;

  // PrekeyStore
  Status StorePrekeys(const DeviceAddress& device, const PrekeyUpload& upload,
                      size_t max_stock) override;
  Result<uint32_t> CountOneTimePrekeys(const DeviceAddress& device) override;
  Result<bool> HasSignedPrekey(const DeviceAddress& device) override;
  using PrekeyStore::TakeBundles;
  Result<std::vector<PrekeyBundle>> TakeBundles(const AccountId& account,
                                                std::optional<uint32_t> device_id,
                                                const OneTimeGate& may_take_one_time) override;

  // MailboxStore
  using MailboxStore::Append;
  void Append(std::vector<EnvelopeToStore> envelopes, AppendVisible visible,
              AppendDone done) override;
  Result<std::vector<StoredEnvelope>> Read(const DeviceAddress& mailbox, uint64_t after_seq,
                                           size_t max) override;
  void Remove(const DeviceAddress& mailbox, std::vector<uint64_t> seqs, RemoveDone done) override;
  Result<uint32_t> QueueDepth(const DeviceAddress& mailbox) override;
  StoreStats Stats() override;

  void Close() override;
  OrganisationStore* organisations() override { return this; }

  // OrganisationStore
  Result<OrganisationHead> GetOrganisationHead(const std::string& org_key) override;
  Result<bool> ReachedByRotation(const std::string& key) override;
  Status PutVersioned(const std::string& org_key, OrgSlot slot, const VersionedObject& object,
                      const std::vector<uint64_t>& revoked) override;
  Status PutRotation(const std::string& old_key, const std::string& new_key,
                     const std::string& blob) override;
  Status PutCertificate(const std::string& org_key, const StoredCertificate& cert,
                        size_t max_certificates, int64_t now_ms) override;
  Result<std::vector<StoredCertificate>> ListCertificates(const std::string& org_key,
                                                          uint64_t from_serial, size_t max,
                                                          int64_t now_ms) override;
  Status PutAvailability(const std::string& account, const std::string& blob) override;
  Result<std::optional<std::string>> GetAvailability(const std::string& account) override;
  Result<bool> Claim(const std::string& claim_id, const std::string& account, int64_t now_ms,
                     int64_t expires_ms) override;

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
  // Device records of `account`, or NotFound; from the cache, else read and
  // cached. Caller holds open_mu_ and AccountLock(account), which is what
  // orders a cache fill after any AddDevice of the same account.
  Result<std::shared_ptr<const AccountDevices>> DevicesLocked(const AccountId& account);
  // DevicesLocked with the checks and locks taken here.
  Result<std::shared_ptr<const AccountDevices>> Devices(const AccountId& account);
  // The cached device list, or nullptr; any lock state.
  std::shared_ptr<const AccountDevices> CachedDevices(const AccountId& account);
  // Caller holds AccountLock(account).
  void ForgetDevices(const AccountId& account);
  // Reads the account's device records and signed list from the database,
  // bypassing the cache; NotFound if no such account. Any thread that may
  // read (the writer thread included).
  Result<AccountDevices> ReadDevices(const AccountId& account);
  // Runs `stage` on the writer thread (MailboxWriter::RunExclusive) and
  // waits for its commit; then drops the account's cached devices. Must not
  // be called from a store callback, nor with open_mu_ or an account lock
  // held.
  Status RunOnWriter(const AccountId& account, MailboxWriter::Stage stage);
  Result<uint32_t> CountOneTimeLocked(const DeviceAddress& device);

  const Clock* clock_;
  // Shared by every call and by each writer commit; exclusive in Close() and
  // in recovery, which replace the DB under everyone's feet.
  std::shared_mutex open_mu_;
  bool closed_ = false;  // guarded by open_mu_
  std::unique_ptr<RocksDb> db_;
  std::unique_ptr<MailboxWriter> writer_;
  // Set by Close() so that a scrub in progress lets go of open_mu_ soon.
  std::atomic<bool> closing_{false};
  std::unique_ptr<Scrubber> scrubber_;  // null when scrubbing is off
  std::array<std::mutex, kStripes> account_locks_;
  // Serialises organisation and claim writes (organisation_store.h): each
  // is a read, a check and a write that must be one step.
  std::mutex org_mu_;
  // Devices and signed lists, read on every Send; dropped whenever a write
  // changes them (AddDevice, a first signed prekey, a list, a removal) and
  // updated in place by TouchDevice. Striped
  // like account_locks_; each stripe is cleared when it outgrows its bound.
  struct DeviceCache {
    std::mutex mu;
    std::unordered_map<AccountId, std::shared_ptr<const AccountDevices>> accounts;
  };
  std::array<DeviceCache, kStripes> device_cache_;
};

}  // namespace kollega::storage
