// PrekeyStore methods of RocksRelayStore.
//
// Every read-modify-write holds the account's stripe lock, so "look at the
// stock, then change it" is atomic per account: TakeBundles hands out each
// one-time prekey once, and an upload's stock check cannot race another.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <set>

#include "codec.h"
#include "rocks_relay_store.h"

namespace kollega::storage {
namespace {

constexpr size_t kMaxKeyBytes = 256;  // public keys and signatures are far smaller

Status CheckUpload(const PrekeyUpload& upload) {
  if (upload.identity_key.empty() || upload.identity_key.size() > kMaxKeyBytes) {
    return InvalidArgument("bad identity key");
  }
  if (upload.signed_prekey && (upload.signed_prekey->public_key.empty() ||
                               upload.signed_prekey->public_key.size() > kMaxKeyBytes ||
                               upload.signed_prekey->signature.size() > kMaxKeyBytes)) {
    return InvalidArgument("bad signed prekey");
  }
  for (const auto& k : upload.one_time) {
    if (k.public_key.empty() || k.public_key.size() > kMaxKeyBytes) {
      return InvalidArgument("bad one-time prekey");
    }
  }
  return Status::Ok();
}

// Iterates the one-time prekeys of one device, lowest id first.
std::unique_ptr<rocksdb::Iterator> OneTimeIterator(RocksDb* db, const DeviceAddress& device,
                                                   std::string* end, rocksdb::Slice* upper) {
  *end = codec::U32PrefixEnd(codec::OneTimePrefix(device));
  *upper = rocksdb::Slice(*end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = upper;
  std::unique_ptr<rocksdb::Iterator> it(db->db()->NewIterator(ro, db->prekeys()));
  it->Seek(codec::OneTimePrefix(device));
  return it;
}

}  // namespace

Result<uint32_t> RocksRelayStore::CountOneTimeLocked(const DeviceAddress& device) {
  std::string end;
  rocksdb::Slice upper;
  auto it = OneTimeIterator(db_.get(), device, &end, &upper);
  uint32_t n = 0;
  for (; it->Valid(); it->Next()) ++n;
  if (!it->status().ok()) return FromRocks(it->status());
  return n;
}

Status RocksRelayStore::StorePrekeys(const DeviceAddress& device, const PrekeyUpload& upload,
                                     size_t max_stock) {
  if (device.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  KOLLEGA_RETURN_IF_ERROR(CheckUpload(upload));
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(AccountLock(device.account));

  KOLLEGA_ASSIGN_OR_RETURN(
      auto record, db_->Get(db_->accounts(), codec::DeviceKey(device.account, device.device)));
  if (!record.has_value()) return NotFound("no such device");

  const std::string identity_key = codec::IdentityKey(device);
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, db_->Get(db_->prekeys(), identity_key));
  codec::IdentityValue identity;
  identity.identity_key = upload.identity_key;
  if (stored.has_value()) {
    auto old = codec::DecodeIdentity(*stored);
    if (!old) return DataLoss("corrupt identity record");
    if (old->identity_key != upload.identity_key) {
      return FailedPrecondition("identity key cannot change; register a new device");
    }
    identity.signed_prekey = std::move(old->signed_prekey);
  }
  // A device's first signed prekey changes what its account's cached
  // devices say (has_keys).
  const bool first_signed = !identity.signed_prekey && upload.signed_prekey;
  if (upload.signed_prekey) identity.signed_prekey = upload.signed_prekey;
  // Checked under the account lock against what is stored, so two first
  // uploads racing cannot leave a device with keys but no signed prekey.
  if (!identity.signed_prekey) return InvalidArgument("first upload needs a signed prekey");

  // Same id replaces, so only ids not already stocked add to the count.
  std::set<uint32_t> stocked;
  {
    std::string end;
    rocksdb::Slice upper;
    auto it = OneTimeIterator(db_.get(), device, &end, &upper);
    for (; it->Valid(); it->Next()) {
      stocked.insert(codec::OneTimeIdFromKey({it->key().data(), it->key().size()}));
    }
    if (!it->status().ok()) return FromRocks(it->status());
  }
  size_t stock = stocked.size();
  for (const auto& k : upload.one_time) {
    if (stocked.insert(k.id).second) ++stock;
  }
  if (stock > max_stock) return ResourceExhausted("too many one-time prekeys");

  rocksdb::WriteBatch batch;
  batch.Put(db_->prekeys(), identity_key, codec::EncodeIdentity(identity));
  for (const auto& k : upload.one_time) {
    batch.Put(db_->prekeys(), codec::OneTimeKey(device, k.id), k.public_key);
  }
  Status written = db_->WriteSynced(&batch);
  if (first_signed) ForgetDevices(device.account);
  return written;
}

Result<uint32_t> RocksRelayStore::CountOneTimePrekeys(const DeviceAddress& device) {
  if (device.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  KOLLEGA_ASSIGN_OR_RETURN(
      auto record, db_->Get(db_->accounts(), codec::DeviceKey(device.account, device.device)));
  if (!record.has_value()) return NotFound("no such device");
  return CountOneTimeLocked(device);
}

Result<bool> RocksRelayStore::HasSignedPrekey(const DeviceAddress& device) {
  if (device.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  KOLLEGA_ASSIGN_OR_RETURN(
      auto record, db_->Get(db_->accounts(), codec::DeviceKey(device.account, device.device)));
  if (!record.has_value()) return NotFound("no such device");
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, db_->Get(db_->prekeys(), codec::IdentityKey(device)));
  if (!stored.has_value()) return false;
  auto identity = codec::DecodeIdentity(*stored);
  if (!identity) return DataLoss("corrupt identity record");
  return identity->signed_prekey.has_value();
}

Result<std::vector<PrekeyBundle>> RocksRelayStore::TakeBundles(
    const AccountId& account, std::optional<uint32_t> device_id,
    const OneTimeGate& may_take_one_time) {
  if (account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(AccountLock(account));

  KOLLEGA_ASSIGN_OR_RETURN(auto cached, DevicesLocked(account));
  std::vector<DeviceRecord> devices = cached->devices;
  // Once the account has a list, only its devices are served (docs/trust.md §3).
  if (cached->list) {
    std::erase_if(devices,
                  [&](const DeviceRecord& d) { return !cached->list->Lists(d.device_id); });
  }
  if (device_id) {
    std::erase_if(devices, [&](const DeviceRecord& d) { return d.device_id != *device_id; });
    if (devices.empty()) return NotFound("no such device");
  }

  std::vector<PrekeyBundle> bundles;
  rocksdb::WriteBatch batch;
  for (const DeviceRecord& d : devices) {
    const DeviceAddress address{account, d.device_id};
    KOLLEGA_ASSIGN_OR_RETURN(auto stored, db_->Get(db_->prekeys(), codec::IdentityKey(address)));
    if (!stored.has_value()) continue;  // no keys uploaded yet
    auto identity = codec::DecodeIdentity(*stored);
    if (!identity) return DataLoss("corrupt identity record");
    // Without a signed prekey no session can be set up: not a bundle.
    if (!identity->signed_prekey) continue;

    PrekeyBundle bundle;
    bundle.device_id = d.device_id;
    bundle.registration_id = d.registration_id;
    bundle.identity_key = std::move(identity->identity_key);
    bundle.signed_prekey = std::move(*identity->signed_prekey);
    std::string end;
    rocksdb::Slice upper;
    auto it = OneTimeIterator(db_.get(), address, &end, &upper);
    // The gate is asked only when there is a key to hand out, so an empty
    // stock costs a fetcher none of its allowance.
    if (it->Valid() && (!may_take_one_time || may_take_one_time(d.device_id))) {
      bundle.one_time =
          OneTimePrekey{.id = codec::OneTimeIdFromKey({it->key().data(), it->key().size()}),
                        .public_key = it->value().ToString()};
      // Delete, not SingleDelete: an upload may overwrite the same id.
      batch.Delete(db_->prekeys(), it->key());
    } else if (!it->status().ok()) {
      return FromRocks(it->status());
    }
    bundles.push_back(std::move(bundle));
  }
  // The keys leave only once their removal is durable.
  if (batch.Count() > 0) KOLLEGA_RETURN_IF_ERROR(db_->WriteSynced(&batch));
  return bundles;
}

}  // namespace kollega::storage
