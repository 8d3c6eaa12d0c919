// Signed device lists and device removal: the AccountStore methods of
// RocksRelayStore that docs/trust.md §2-3 added.
//
// Publishing a list and removing a device run on the mailbox writer thread,
// each in a commit of its own (MailboxWriter::RunExclusive): a removal must
// delete the device's mailbox, which only the writer may touch, and running
// publishes there too orders every list change with every removal without
// another lock. The version check and the write are thus one step: two
// devices racing to publish cannot both win.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <future>
#include <memory>

#include "codec.h"
#include "rocks_relay_store.h"

namespace kollega::storage {
namespace {

// The PublishDeviceList checks against what is stored (docs/protocol.md
// §4.13): the version goes up, and every listed device is registered with
// the same auth key.
Status CheckList(const DeviceList& list, const AccountDevices& stored) {
  if (list.devices.empty()) return InvalidArgument("a device list needs a device");
  for (size_t i = 1; i < list.devices.size(); ++i) {
    if (list.devices[i - 1].device_id >= list.devices[i].device_id) {
      return InvalidArgument("device ids must ascend");
    }
  }
  if (stored.list && list.version <= stored.list->version) {
    return FailedPrecondition("device list version is not above the stored one");
  }
  for (const DeviceList::Entry& e : list.devices) {
    auto found = std::find_if(stored.devices.begin(), stored.devices.end(),
                              [&](const DeviceRecord& d) { return d.device_id == e.device_id; });
    if (found == stored.devices.end()) return InvalidArgument("lists an unknown device");
    if (found->auth_public_key != e.auth_public_key) {
      return InvalidArgument("lists a device with another auth key");
    }
  }
  return Status::Ok();
}

void StageList(RocksDb* db, const AccountId& account, const DeviceList& list,
               rocksdb::WriteBatch* batch) {
  batch->Put(db->accounts(), codec::DeviceListKey(account), codec::EncodeDeviceList(list));
  // Listed: no longer pending, so the sweep leaves it alone.
  for (const DeviceList::Entry& e : list.devices) {
    batch->Delete(db->accounts(), codec::PendingKey(account, e.device_id));
  }
}

}  // namespace

bool DeviceList::Lists(uint32_t device_id) const {
  auto it = std::lower_bound(devices.begin(), devices.end(), device_id,
                             [](const Entry& e, uint32_t id) { return e.device_id < id; });
  return it != devices.end() && it->device_id == device_id;
}

Status RocksRelayStore::RunOnWriter(const AccountId& account, MailboxWriter::Stage stage) {
  std::promise<Status> promise;
  std::future<Status> result = promise.get_future();
  writer_->RunExclusive(std::move(stage),
                        [&promise](Status status) { promise.set_value(std::move(status)); });
  Status status = result.get();
  // Under the account lock: a cache fill (which holds it) either finished
  // before this and is dropped, or starts after and reads the new state.
  std::lock_guard lock(AccountLock(account));
  ForgetDevices(account);
  return status;
}

Status RocksRelayStore::PublishDeviceList(const AccountId& account, DeviceList list) {
  if (account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  return RunOnWriter(account, [this, &account, &list](MailboxBatch& batch) -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(AccountDevices stored, ReadDevices(account));
    KOLLEGA_RETURN_IF_ERROR(CheckList(list, stored));
    StageList(db_.get(), account, list, batch.batch());
    batch.RequireSync();
    return Status::Ok();
  });
}

Status RocksRelayStore::RemoveDevice(const DeviceRemoval& removal) {
  const DeviceAddress& device = removal.device;
  if (device.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  return RunOnWriter(device.account, [this, &removal, &device](MailboxBatch& batch) -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(AccountDevices stored, ReadDevices(device.account));
    auto found = std::find_if(stored.devices.begin(), stored.devices.end(),
                              [&](const DeviceRecord& d) { return d.device_id == device.device; });
    if (found == stored.devices.end()) return NotFound("no such device");
    if (removal.only_if_unlisted_before_ms) {
      if (!stored.list || stored.list->Lists(device.device) ||
          found->created_ms >= *removal.only_if_unlisted_before_ms) {
        return FailedPrecondition("device is listed or not yet expired");
      }
    }
    if (removal.new_list) {
      KOLLEGA_RETURN_IF_ERROR(CheckList(*removal.new_list, stored));
      if (removal.new_list->Lists(device.device)) {
        return InvalidArgument("the new list still names the device");
      }
    }
    std::vector<std::string> one_time;
    {
      const std::string prefix = codec::OneTimePrefix(device);
      const std::string end = codec::U32PrefixEnd(prefix);
      rocksdb::Slice upper(end);
      rocksdb::ReadOptions ro;
      ro.iterate_upper_bound = &upper;
      std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->prekeys()));
      for (it->Seek(prefix); it->Valid(); it->Next()) one_time.push_back(it->key().ToString());
      if (!it->status().ok()) return FromRocks(it->status());
    }
    // The last step that can fail; it stages nothing when it does.
    KOLLEGA_RETURN_IF_ERROR(batch.StageDropMailbox(device));
    rocksdb::WriteBatch* b = batch.batch();
    b->Delete(db_->accounts(), codec::DeviceKey(device.account, device.device));
    b->Delete(db_->accounts(), codec::LastSeenKey(device.account, device.device));
    b->Delete(db_->accounts(), codec::PendingKey(device.account, device.device));
    b->Delete(db_->prekeys(), codec::IdentityKey(device));
    for (const std::string& key : one_time) b->Delete(db_->prekeys(), key);
    if (removal.new_list) StageList(db_.get(), device.account, *removal.new_list, b);
    return Status::Ok();
  });
}

Status RocksRelayStore::TouchDevice(const DeviceAddress& device, int64_t now_ms) {
  if (device.account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(AccountLock(device.account));
  std::string value;
  codec::PutU64(&value, static_cast<uint64_t>(now_ms));
  rocksdb::WriteBatch batch;
  batch.Put(db_->accounts(), codec::LastSeenKey(device.account, device.device), value);
  KOLLEGA_RETURN_IF_ERROR(db_->Write(&batch, /*sync=*/false));
  // Copy on write: a Send holding the old snapshot keeps it.
  if (auto cached = CachedDevices(device.account)) {
    auto updated = std::make_shared<AccountDevices>(*cached);
    for (DeviceRecord& d : updated->devices) {
      if (d.device_id == device.device) d.last_seen_ms = now_ms;
    }
    DeviceCache& cache = device_cache_[std::hash<std::string>{}(device.account) % kStripes];
    std::lock_guard cache_lock(cache.mu);
    cache.accounts[device.account] = std::move(updated);
  }
  return Status::Ok();
}

Result<std::vector<DeviceAddress>> RocksRelayStore::PendingDevices(int64_t before_ms) {
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  const std::string start(1, codec::kPendingTag);
  const std::string end(1, static_cast<char>(codec::kPendingTag + 1));
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->accounts()));
  std::vector<DeviceAddress> out;
  for (it->Seek(start); it->Valid(); it->Next()) {
    DeviceAddress address;
    if (!codec::ParsePendingKey({it->key().data(), it->key().size()}, &address)) continue;
    if (it->value().size() != 8) continue;
    const auto created = static_cast<int64_t>(codec::GetU64({it->value().data(), 8}));
    if (created < before_ms) out.push_back(std::move(address));
  }
  if (!it->status().ok()) return FromRocks(it->status());
  return out;
}

}  // namespace kollega::storage
