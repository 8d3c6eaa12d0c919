// SPDX-License-Identifier: GPL-3.0-or-later
#include "registry.h"

#include <vector>

namespace kollega::server {

LocalRegistry::Shard& LocalRegistry::ShardFor(const DeviceAddress& device) {
  return shards_[storage::DeviceAddressHash{}(device) % kShards];
}

void LocalRegistry::Register(const DeviceAddress& device, std::weak_ptr<DeliveryTarget> target,
                             const DeliveryTarget* self) {
  std::shared_ptr<DeliveryTarget> previous;
  {
    Shard& shard = ShardFor(device);
    std::lock_guard lock(shard.mu);
    Entry& entry = shard.devices[device];
    if (entry.self != self) previous = entry.target.lock();
    entry = Entry{std::move(target), self};
  }
  if (previous) previous->OnReplaced();
}

void LocalRegistry::Unregister(const DeviceAddress& device, const DeliveryTarget* self) {
  Shard& shard = ShardFor(device);
  std::lock_guard lock(shard.mu);
  auto it = shard.devices.find(device);
  if (it != shard.devices.end() && it->second.self == self) shard.devices.erase(it);
}

std::shared_ptr<DeliveryTarget> LocalRegistry::Find(const DeviceAddress& device) {
  Shard& shard = ShardFor(device);
  std::lock_guard lock(shard.mu);
  auto it = shard.devices.find(device);
  return it == shard.devices.end() ? nullptr : it->second.target.lock();
}

void LocalRegistry::AddConnection(const DeliveryTarget* self,
                                  std::weak_ptr<DeliveryTarget> target) {
  std::lock_guard lock(all_mu_);
  all_[self] = std::move(target);
}

void LocalRegistry::RemoveConnection(const DeliveryTarget* self) {
  std::lock_guard lock(all_mu_);
  all_.erase(self);
}

void LocalRegistry::ShutdownAll() {
  std::vector<std::shared_ptr<DeliveryTarget>> live;
  {
    std::lock_guard lock(all_mu_);
    for (auto& [self, weak] : all_) {
      if (auto t = weak.lock()) live.push_back(std::move(t));
    }
  }
  for (auto& t : live) t->OnShutdown();
}

void LocalRegistry::NotifyStored(const DeviceAddress& device, uint64_t seq,
                                 std::shared_ptr<const std::string> payload) {
  if (auto target = Find(device)) target->OnEnvelope(seq, std::move(payload));
}

void LocalRegistry::NotifyPrekeysLow(const DeviceAddress& device, uint32_t remaining) {
  if (auto target = Find(device)) target->OnPrekeysLow(remaining);
}

void LocalRegistry::NotifyUnlinked(const DeviceAddress& device) {
  if (auto target = Find(device)) target->OnUnlinked();
}

void LocalRegistry::NotifyDeviceListChanged(const DeviceAddress& device,
                                            std::shared_ptr<const std::string> signed_list) {
  if (auto target = Find(device)) target->OnDeviceListChanged(std::move(signed_list));
}

}  // namespace kollega::server
