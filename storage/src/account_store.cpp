// AccountStore methods of RocksRelayStore: accounts, devices, link tokens.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <functional>
#include <memory>

#include "codec.h"
#include "rocks_relay_store.h"

namespace kollega::storage {
namespace {

// Per stripe: 64 x 4,096 accounts ~= 262k cached device lists.
constexpr size_t kMaxCachedAccountsPerStripe = 4096;

// Input from the network: checked, never asserted.
Status CheckAccount(const AccountId& account) {
  if (account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  return Status::Ok();
}

}  // namespace

std::mutex& RocksRelayStore::AccountLock(const AccountId& account) {
  return account_locks_[std::hash<std::string>{}(account) % kStripes];
}

std::shared_ptr<const AccountDevices> RocksRelayStore::CachedDevices(const AccountId& account) {
  DeviceCache& cache = device_cache_[std::hash<std::string>{}(account) % kStripes];
  std::lock_guard lock(cache.mu);
  auto found = cache.accounts.find(account);
  return found == cache.accounts.end() ? nullptr : found->second;
}

void RocksRelayStore::ForgetDevices(const AccountId& account) {
  DeviceCache& cache = device_cache_[std::hash<std::string>{}(account) % kStripes];
  std::lock_guard lock(cache.mu);
  cache.accounts.erase(account);
}

Status RocksRelayStore::CreateAccount(const AccountId& account, DeviceRecord first_device) {
  KOLLEGA_RETURN_IF_ERROR(CheckAccount(account));
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(AccountLock(account));
  KOLLEGA_ASSIGN_OR_RETURN(auto existing, db_->Get(db_->accounts(), codec::AccountKey(account)));
  if (existing.has_value()) return AlreadyExists("account exists");

  first_device.device_id = 1;
  codec::AccountValue value{.next_device_id = 2, .created_ms = clock_->NowMs()};
  if (first_device.created_ms == 0) first_device.created_ms = value.created_ms;
  rocksdb::WriteBatch batch;
  batch.Put(db_->accounts(), codec::AccountKey(account), codec::EncodeAccount(value));
  batch.Put(db_->accounts(), codec::DeviceKey(account, 1), codec::EncodeDevice(first_device));
  Status written = db_->WriteSynced(&batch);
  ForgetDevices(account);
  return written;
}

Result<uint32_t> RocksRelayStore::AddDevice(const AccountId& account, DeviceRecord device) {
  KOLLEGA_RETURN_IF_ERROR(CheckAccount(account));
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(AccountLock(account));
  KOLLEGA_ASSIGN_OR_RETURN(auto existing, db_->Get(db_->accounts(), codec::AccountKey(account)));
  if (!existing.has_value()) return NotFound("no such account");
  auto value = codec::DecodeAccount(*existing);
  if (!value) return DataLoss("corrupt account record");

  // Ids are never reused, so a stale session can never reach a new device.
  device.device_id = value->next_device_id++;
  if (device.created_ms == 0) device.created_ms = clock_->NowMs();
  rocksdb::WriteBatch batch;
  batch.Put(db_->accounts(), codec::AccountKey(account), codec::EncodeAccount(*value));
  batch.Put(db_->accounts(), codec::DeviceKey(account, device.device_id),
            codec::EncodeDevice(device));
  // Pending until a signed list names it (docs/trust.md §3).
  std::string created;
  codec::PutU64(&created, static_cast<uint64_t>(device.created_ms));
  batch.Put(db_->accounts(), codec::PendingKey(account, device.device_id), created);
  Status written = db_->WriteSynced(&batch);
  // Also after a failure: the write may still come back from the WAL.
  ForgetDevices(account);
  KOLLEGA_RETURN_IF_ERROR(written);
  return device.device_id;
}

Result<DeviceRecord> RocksRelayStore::GetDevice(const DeviceAddress& address) {
  KOLLEGA_RETURN_IF_ERROR(CheckAccount(address.account));
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  const std::string key = codec::DeviceKey(address.account, address.device);
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->accounts(), key));
  if (!value.has_value()) return NotFound("no such device");
  auto device = codec::DecodeDevice(key, *value);
  if (!device) return DataLoss("corrupt device record");
  return *std::move(device);
}

Result<std::shared_ptr<const AccountDevices>> RocksRelayStore::Devices(const AccountId& account) {
  KOLLEGA_RETURN_IF_ERROR(CheckAccount(account));
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  if (auto cached = CachedDevices(account)) return cached;
  std::lock_guard lock(AccountLock(account));
  return DevicesLocked(account);
}

Result<std::vector<DeviceRecord>> RocksRelayStore::ListDevices(const AccountId& account) {
  KOLLEGA_ASSIGN_OR_RETURN(auto devices, Devices(account));
  return devices->devices;
}

Result<std::vector<uint32_t>> RocksRelayStore::ListDeviceIds(const AccountId& account) {
  KOLLEGA_ASSIGN_OR_RETURN(auto devices, Devices(account));
  std::vector<uint32_t> ids;
  ids.reserve(devices->devices.size());
  for (const DeviceRecord& d : devices->devices) ids.push_back(d.device_id);
  return ids;
}

Result<std::shared_ptr<const AccountDevices>> RocksRelayStore::GetAccountDevices(
    const AccountId& account) {
  return Devices(account);
}

Result<AccountDevices> RocksRelayStore::ReadDevices(const AccountId& account) {
  KOLLEGA_ASSIGN_OR_RETURN(auto existing, db_->Get(db_->accounts(), codec::AccountKey(account)));
  if (!existing.has_value()) return NotFound("no such account");
  AccountDevices out;
  // Devices, then their last-seen records (a second, parallel key range).
  for (const bool last_seen : {false, true}) {
    const std::string prefix =
        last_seen ? codec::LastSeenPrefix(account) : codec::DevicePrefix(account);
    const std::string end = codec::U32PrefixEnd(prefix);
    rocksdb::Slice upper(end);
    rocksdb::ReadOptions ro;
    ro.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->accounts()));
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      std::string_view value(it->value().data(), it->value().size());
      if (!last_seen) {
        auto device = codec::DecodeDevice(key, value);
        if (!device) return DataLoss("corrupt device record");
        out.devices.push_back(*std::move(device));
        continue;
      }
      if (key.size() != prefix.size() + 4 || value.size() != 8) continue;
      const uint32_t id = codec::GetU32(key.substr(prefix.size()));
      for (DeviceRecord& d : out.devices) {
        if (d.device_id == id) d.last_seen_ms = static_cast<int64_t>(codec::GetU64(value));
      }
    }
    if (!it->status().ok()) return FromRocks(it->status());
  }
  for (DeviceRecord& d : out.devices) {
    KOLLEGA_ASSIGN_OR_RETURN(auto stored,
                             db_->Get(db_->prekeys(), codec::IdentityKey({account, d.device_id})));
    if (!stored.has_value()) continue;
    auto identity = codec::DecodeIdentity(*stored);
    if (!identity) return DataLoss("corrupt identity record");
    d.has_keys = identity->signed_prekey.has_value();
  }
  KOLLEGA_ASSIGN_OR_RETURN(auto list, db_->Get(db_->accounts(), codec::DeviceListKey(account)));
  if (list.has_value()) {
    out.list = codec::DecodeDeviceList(*list);
    if (!out.list) return DataLoss("corrupt device list record");
  }
  return out;
}

Result<std::shared_ptr<const AccountDevices>> RocksRelayStore::DevicesLocked(
    const AccountId& account) {
  if (auto cached = CachedDevices(account)) return cached;
  KOLLEGA_ASSIGN_OR_RETURN(auto read, ReadDevices(account));
  auto devices = std::make_shared<const AccountDevices>(std::move(read));
  DeviceCache& cache = device_cache_[std::hash<std::string>{}(account) % kStripes];
  std::lock_guard lock(cache.mu);
  if (cache.accounts.size() >= kMaxCachedAccountsPerStripe) cache.accounts.clear();
  cache.accounts[account] = devices;
  return devices;
}

Status RocksRelayStore::PutLinkToken(const AccountId& account, const std::string& token_hash,
                                     int64_t expires_ms, std::string_view sealed_provisioning) {
  KOLLEGA_RETURN_IF_ERROR(CheckAccount(account));
  if (token_hash.empty() || token_hash.size() > 64) return InvalidArgument("bad token hash");
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::string value;
  codec::PutU64(&value, static_cast<uint64_t>(expires_ms));
  value.append(sealed_provisioning);
  // One outstanding token per account (docs/abuse-limits.md, "Link
  // tokens"): the new one replaces the old in the same batch, under the
  // account lock so a racing TakeLinkToken sees one or the other.
  std::lock_guard lock(AccountLock(account));
  rocksdb::WriteBatch batch;
  const std::string prefix = codec::LinkTokenKey(account, "");
  const std::string end = prefix + std::string(65, '\xff');  // past any hash (at most 64 bytes)
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->accounts()));
  for (it->Seek(prefix); it->Valid(); it->Next()) batch.Delete(db_->accounts(), it->key());
  if (!it->status().ok()) return FromRocks(it->status());
  batch.Put(db_->accounts(), codec::LinkTokenKey(account, token_hash), value);
  return db_->WriteSynced(&batch);
}

Result<std::string> RocksRelayStore::TakeLinkToken(const AccountId& account,
                                                   const std::string& token_hash) {
  KOLLEGA_RETURN_IF_ERROR(CheckAccount(account));
  if (token_hash.empty() || token_hash.size() > 64) return NotFound("no such link token");
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  // The lock makes Get + Delete one step: two racing consumers cannot both
  // see the token.
  std::lock_guard lock(AccountLock(account));
  const std::string key = codec::LinkTokenKey(account, token_hash);
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->accounts(), key));
  if (!value.has_value() || value->size() < 8) return NotFound("no such link token");
  const int64_t expires_ms = static_cast<int64_t>(codec::GetU64(*value));
  rocksdb::WriteBatch batch;
  batch.Delete(db_->accounts(), key);
  KOLLEGA_RETURN_IF_ERROR(db_->WriteSynced(&batch));
  if (expires_ms <= clock_->NowMs()) return NotFound("no such link token");
  return value->substr(8);
}

}  // namespace kollega::storage
