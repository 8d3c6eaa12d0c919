// The relay's persistent state, behind interfaces so that a distributed
// backend can replace the embedded RocksDB one (OpenRocksRelayStore).
//
// Three concerns, one object:
//   AccountStore  accounts, their devices (public auth keys), their signed
//                 device lists, link tokens
//   PrekeyStore   identity keys, signed prekeys, one-time prekeys
//   MailboxStore  per-device queues of opaque envelopes
//
// Nothing here ever holds a private key or a plaintext: values are public
// keys and ciphertext blobs the relay cannot read.
//
// Durability: a mailbox Append completes only after its batch is synced to
// the WAL; many concurrent appends share one sync (group commit). Between the
// write and its sync the envelopes are already readable, and the append says
// so (AppendVisible), so a live push need not wait for the disk. Account
// and prekey writes are synced before they return.
//
// Thread-safety: every method may be called from any thread concurrently.
// Completion callbacks run on the store's writer thread: keep them short
// (post the real work to an executor) and never call back into a blocking
// store method from them.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kollega/base/clock.h"
#include "kollega/base/status.h"
#include "kollega/storage/organisation_store.h"

namespace kollega::storage {

inline constexpr size_t kAccountIdSize = 16;

// 16 random bytes.
using AccountId = std::string;

struct DeviceAddress {
  AccountId account;
  uint32_t device = 0;
  auto operator<=>(const DeviceAddress&) const = default;
};

struct DeviceAddressHash {
  size_t operator()(const DeviceAddress& a) const noexcept;
};

struct SignedPrekey {
  uint32_t id = 0;
  std::string public_key;  // 33 bytes
  std::string signature;   // 64 bytes
};

struct OneTimePrekey {
  uint32_t id = 0;
  std::string public_key;  // 33 bytes
};

struct DeviceRecord {
  uint32_t device_id = 0;       // assigned by the store (1 = first device)
  std::string auth_public_key;  // Ed25519, 32 bytes
  uint32_t registration_id = 0;
  int64_t created_ms = 0;
  // Filled by ListDevices and AccountDevices, ignored when writing.
  int64_t last_seen_ms = 0;  // last authentication (TouchDevice); 0 if never
  bool has_keys = false;     // has a signed prekey stored
};

// The newest signed device list of an account (docs/trust.md §2), as the
// relay keeps it: the parts of its body the relay acts on, and the
// SignedDeviceList itself, stored and returned byte for byte. The relay
// cannot check the signature; clients do.
struct DeviceList {
  struct Entry {
    uint32_t device_id = 0;
    std::string auth_public_key;
  };
  uint64_t version = 0;
  std::vector<Entry> devices;  // ascending device_id, no duplicates
  std::string blob;            // a serialized wire SignedDeviceList

  bool Lists(uint32_t device_id) const;
};

// Everything a Send, a bundle fetch or ListDevices needs to know about one
// account's devices, read once and cached (a Send costs no read).
struct AccountDevices {
  std::vector<DeviceRecord> devices;  // ascending by id, with last_seen_ms and has_keys
  std::optional<DeviceList> list;     // nullopt until the account publishes one
};

// A device to delete with its auth key, prekeys and mailbox, in one batch.
struct DeviceRemoval {
  DeviceAddress device;
  // Unlink: the account's new list, written in the same batch; it must pass
  // the PublishDeviceList checks and must not list `device`.
  std::optional<DeviceList> new_list;
  // The unlisted-device sweep: delete only if the device was created before
  // this and the account has a list that does not name it;
  // FailedPrecondition otherwise, and nothing changes.
  std::optional<int64_t> only_if_unlisted_before_ms;
};

// -------------------------------------------------------------- accounts

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Creates `account` with `first_device` as device 1.
  // AlreadyExists if the id is taken.
  virtual Status CreateAccount(const AccountId& account, DeviceRecord first_device) = 0;

  // Adds a device under the next free id. NotFound if no such account.
  virtual Result<uint32_t> AddDevice(const AccountId& account, DeviceRecord device) = 0;

  // NotFound if the account or the device does not exist.
  virtual Result<DeviceRecord> GetDevice(const DeviceAddress& address) = 0;

  // All devices, ascending by id. NotFound if no such account.
  virtual Result<std::vector<DeviceRecord>> ListDevices(const AccountId& account) = 0;

  // Just the ids of ListDevices, ascending: what every Send checks its
  // envelopes against, so a store may answer it from memory.
  virtual Result<std::vector<uint32_t>> ListDeviceIds(const AccountId& account) {
    auto devices = ListDevices(account);
    if (!devices.ok()) return devices.status();
    std::vector<uint32_t> ids;
    ids.reserve(devices->size());
    for (const DeviceRecord& d : *devices) ids.push_back(d.device_id);
    return ids;
  }

  // Devices (with last_seen_ms and has_keys) and the signed list; may be
  // answered from memory. NotFound if no such account.
  virtual Result<std::shared_ptr<const AccountDevices>> GetAccountDevices(
      const AccountId& account) = 0;

  // Replaces the account's signed list. FailedPrecondition (nothing
  // written) when `list.version` is not above the stored version;
  // InvalidArgument when it lists a device that is not registered with the
  // same auth key, or has no devices. NotFound if no such account.
  virtual Status PublishDeviceList(const AccountId& account, DeviceList list) = 0;

  // Deletes a device: its record and auth key, its last-seen record, its
  // identity key and signed and one-time prekeys, and every envelope of its
  // mailbox, in one synced batch (with `new_list`, if any). NotFound if the
  // device does not exist; the new list's errors as PublishDeviceList; a
  // new list that still names the device is InvalidArgument. Device ids are
  // never reused, so nothing addressed to the old device can reach another.
  virtual Status RemoveDevice(const DeviceRemoval& removal) = 0;

  // Records an authentication of `device` at `now_ms`. Not synced: losing
  // the newest value in a power cut only makes a device look older.
  virtual Status TouchDevice(const DeviceAddress& device, int64_t now_ms) = 0;

  // Devices registered by AddDevice that no list has named yet, created
  // before `before_ms`, relay-wide: what the unlisted-device sweep looks at.
  virtual Result<std::vector<DeviceAddress>> PendingDevices(int64_t before_ms) = 0;

  // A single-use link token, stored as its SHA-256 only, with an optional
  // opaque blob (the end-to-end sealed provisioning message, at most a few
  // KiB) that is handed to whoever redeems the token. An account has at
  // most one: a new token replaces any earlier one, redeemed or not.
  virtual Status PutLinkToken(const AccountId& account, const std::string& token_hash,
                              int64_t expires_ms, std::string_view sealed_provisioning) = 0;
  // The token's blob, exactly once per token and before expiry; NotFound
  // otherwise. The token is gone afterwards.
  virtual Result<std::string> TakeLinkToken(const AccountId& account,
                                            const std::string& token_hash) = 0;
};

// --------------------------------------------------------------- prekeys

struct PrekeyBundle {
  uint32_t device_id = 0;
  uint32_t registration_id = 0;
  std::string identity_key;
  SignedPrekey signed_prekey;
  std::optional<OneTimePrekey> one_time;  // nullopt when the stock is empty
};

struct PrekeyUpload {
  std::string identity_key;                   // required
  std::optional<SignedPrekey> signed_prekey;  // replaces the current one
  std::vector<OneTimePrekey> one_time;        // appended; same id replaces
};

class PrekeyStore {
 public:
  virtual ~PrekeyStore() = default;

  // FailedPrecondition when the identity key differs from the one stored
  // (a device's identity never changes; a new identity is a new device).
  // InvalidArgument when the device has no signed prekey stored and the
  // upload carries none (its first upload must: no bundle is served
  // without one). ResourceExhausted when the stock would exceed max_stock.
  virtual Status StorePrekeys(const DeviceAddress& device, const PrekeyUpload& upload,
                              size_t max_stock) = 0;

  virtual Result<uint32_t> CountOneTimePrekeys(const DeviceAddress& device) = 0;
  virtual Result<bool> HasSignedPrekey(const DeviceAddress& device) = 0;

  // Bundles for every device of `account` that has uploaded keys and, once
  // the account has a signed device list, is in it (or only `device_id`
  // when set). Each one-time prekey is removed as it is handed
  // out, atomically: concurrent callers never receive the same key.
  // NotFound if the account (or the named device) does not exist.
  // `may_take_one_time`, if set, is asked once per device that has a
  // bundle; when it says no, that device's bundle carries no one-time
  // prekey and its stock is untouched (the relay's drain limits).
  using OneTimeGate = std::function<bool(uint32_t device_id)>;
  virtual Result<std::vector<PrekeyBundle>> TakeBundles(const AccountId& account,
                                                        std::optional<uint32_t> device_id,
                                                        const OneTimeGate& may_take_one_time) = 0;
  Result<std::vector<PrekeyBundle>> TakeBundles(const AccountId& account,
                                                std::optional<uint32_t> device_id) {
    return TakeBundles(account, device_id, nullptr);
  }
};

// ------------------------------------------------------------- mailboxes

struct EnvelopeToStore {
  DeviceAddress to;
  std::string payload;  // a serialized wire Envelope; opaque to the store
};

struct StoredEnvelope {
  uint64_t seq = 0;  // increases within a mailbox, never reused
  std::string payload;
  int64_t expires_ms = 0;
};

struct MailboxLimits {
  int64_t ttl_ms = 30LL * 24 * 3600 * 1000;  // undelivered envelopes expire
  uint32_t max_envelopes = 10'000;           // per device mailbox
  uint64_t max_bytes = 256ull << 20;         // per device mailbox
};

struct AppendResult {
  // One per EnvelopeToStore, in request order; 0 for an envelope that was
  // not stored because its mailbox is full (then listed in `full`).
  std::vector<uint64_t> seqs;
  // The full mailboxes, each once, in request order (docs/trust.md §4).
  std::vector<DeviceAddress> full;
};

// How long synced group commits took (RocksDB's write and its WAL sync; the
// staging before it and the `visible` callbacks between are not counted): a
// Prometheus-style histogram, so an operator sees a slow or stalling disk.
// Buckets are cumulative, as Prometheus expects: counts[i] = commits that
// took at most kCommitBucketsUs[i]; `count` includes those over the last
// bound.
inline constexpr uint64_t kCommitBucketsUs[] = {250,    500,    1'000,   2'500,   5'000,    10'000,
                                                25'000, 50'000, 100'000, 250'000, 1'000'000};
inline constexpr size_t kCommitBuckets = sizeof kCommitBucketsUs / sizeof kCommitBucketsUs[0];

struct CommitDurations {
  uint64_t counts[kCommitBuckets] = {};
  uint64_t count = 0;
  uint64_t sum_us = 0;
};

// Counters for /metrics; no identifiers.
struct StoreStats {
  uint64_t envelopes_appended = 0;  // since start
  uint64_t envelopes_removed = 0;   // acknowledged, since start
  uint64_t wal_syncs = 0;           // synced group commits, since start
  uint64_t queued_envelopes = 0;    // current total across mailboxes (estimate)
  uint64_t sst_bytes = 0;           // on-disk size of table files
  uint64_t memtable_bytes = 0;
  // Added by the storage engineer (additive):
  uint64_t rocksdb_wal_syncs = 0;    // RocksDB's own WAL_FILE_SYNCED ticker
  uint64_t envelopes_expired = 0;    // dropped by the expiry compaction filter
  uint64_t write_errors = 0;         // failed synced writes (e.g. disk full)
  uint64_t wal_bytes = 0;            // on-disk WAL, bounded by max_wal_bytes
  CommitDurations commit_durations;  // synced group commits
};

class MailboxStore {
 public:
  using AppendDone = std::function<void(Status, AppendResult)>;
  // The envelopes are written and readable (Read returns them) but not yet
  // durable: a crash before the sync may undo them, and then `done` never
  // reports success. Their seqs are final either way; a failed sync never
  // hands them to other envelopes.
  using AppendVisible = std::function<void(const AppendResult&)>;
  using RemoveDone = std::function<void(Status, std::vector<uint64_t> unknown_seqs)>;

  virtual ~MailboxStore() = default;

  // Writes the envelopes atomically and durably, then calls `done` on the
  // writer thread. A target mailbox that is full is skipped and named in
  // AppendResult::full, and the others are written (docs/trust.md §4);
  // ResourceExhausted (nothing written) when every target is full. NotFound
  // (nothing written) when a target device was removed meanwhile; Unavailable when the store is
  // shutting down; StorageFull when the disk is full. `visible`, if set, runs on the writer thread
  // before `done`, as soon as the envelopes are readable, and only if the write itself succeeded
  // (the sync may still fail); like `done`, it must not call back into the store.
  virtual void Append(std::vector<EnvelopeToStore> envelopes, AppendVisible visible,
                      AppendDone done) = 0;
  void Append(std::vector<EnvelopeToStore> envelopes, AppendDone done) {
    Append(std::move(envelopes), nullptr, std::move(done));
  }

  // Up to `max` live envelopes with seq > after_seq, in order. Skips expired
  // ones. Reads start from the mailbox's tracked head, so deleted envelopes
  // cost nothing to step over.
  virtual Result<std::vector<StoredEnvelope>> Read(const DeviceAddress& mailbox, uint64_t after_seq,
                                                   size_t max) = 0;

  // Removes the named envelopes from this mailbox only. Seqs that are not in
  // it (never there, removed before, or expired) are reported back as
  // unknown, and nothing else is touched. A removal need not be synced: a
  // power loss (not a process crash) may bring an acknowledged envelope
  // back, to be delivered again.
  virtual void Remove(const DeviceAddress& mailbox, std::vector<uint64_t> seqs,
                      RemoveDone done) = 0;

  // Number of live envelopes queued for the mailbox (expired ones may be
  // counted until they are read past or compacted away).
  virtual Result<uint32_t> QueueDepth(const DeviceAddress& mailbox) = 0;

  virtual StoreStats Stats() = 0;
};

// ------------------------------------------------------------ the whole

class RelayStore : public AccountStore, public PrekeyStore, public MailboxStore {
 public:
  // Stops the writer after it has finished every queued write (their
  // callbacks run), then closes the database. Idempotent.
  virtual void Close() = 0;

  // What the store keeps for organisations (organisation_store.h); null
  // when this backend has none, and the relay then offers no
  // organisation operations.
  virtual OrganisationStore* organisations() { return nullptr; }
};

struct RocksRelayStoreOptions {
  std::string path;  // data directory; created if missing
  MailboxLimits limits;
  const Clock* clock = &SystemClock();
  // Upper bound on envelopes gathered into one synced batch.
  size_t max_batch = 1024;
  // WAL files kept before the column families pinning the oldest one are
  // flushed: bounds the disk the WAL takes and what a restart replays.
  uint64_t max_wal_bytes = 256ull << 20;
  // How often acknowledged and expired envelopes are scrubbed out of the
  // WAL and SST files (docs/storage-encryption.md); 0 = never.
  std::chrono::milliseconds scrub_interval{std::chrono::hours(1)};
};

Result<std::unique_ptr<RelayStore>> OpenRocksRelayStore(const RocksRelayStoreOptions& options);

}  // namespace kollega::storage
