// Who is connected, and how a stored envelope reaches a connected device.
//
//   DeliveryTarget    a live connection, as seen from other threads: every
//                     method may be called from any thread and only posts
//                     work to the connection's own strand.
//   DeliveryNotifier  "these envelopes were stored for that device; wake it
//                     wherever it is connected". The Send path talks only to
//                     this interface, so a multi-node relay can replace the
//                     in-process registry with a cluster-wide one (e.g. a
//                     pub/sub keyed by device) without touching handlers.
//   LocalRegistry     the in-process implementation: device -> weak_ptr of
//                     its one live connection, plus every open connection
//                     (for shutdown).
//
// Ownership: the registry holds weak_ptrs only; connections own themselves
// (shared_from_this in their handlers). Thread-safety: LocalRegistry is safe
// from any thread; the device map is sharded so senders on different threads
// rarely share a lock, and no lock is held while calling a target.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "kollega/storage/relay_store.h"

namespace kollega::server {

using storage::DeviceAddress;

class DeliveryTarget {
 public:
  virtual ~DeliveryTarget() = default;
  // A new envelope with this seq is durably in the device's mailbox.
  virtual void OnEnvelope(uint64_t seq, std::shared_ptr<const std::string> payload) = 0;
  virtual void OnPrekeysLow(uint32_t remaining) = 0;
  // Another connection authenticated as the same device.
  virtual void OnReplaced() = 0;
  // The relay is shutting down.
  virtual void OnShutdown() = 0;
  // The device was removed from its account (unlinked, or expired
  // unlisted): its connection must end.
  virtual void OnUnlinked() = 0;
  // The device's account published a new signed list (a serialized
  // SignedDeviceList).
  virtual void OnDeviceListChanged(std::shared_ptr<const std::string> signed_list) = 0;
};

class DeliveryNotifier {
 public:
  virtual ~DeliveryNotifier() = default;
  // Best effort: a device that is not connected reads its mailbox when it
  // next authenticates, so a lost notification delays, never loses.
  virtual void NotifyStored(const DeviceAddress& device, uint64_t seq,
                            std::shared_ptr<const std::string> payload) = 0;
  virtual void NotifyPrekeysLow(const DeviceAddress& device, uint32_t remaining) = 0;
  // Device lists (docs/trust.md §3); best effort like the others.
  virtual void NotifyUnlinked(const DeviceAddress& device) = 0;
  virtual void NotifyDeviceListChanged(const DeviceAddress& device,
                                       std::shared_ptr<const std::string> signed_list) = 0;
  // True while `device` has a live, authenticated connection here.
  virtual bool Online(const DeviceAddress& device) = 0;
};

class LocalRegistry final : public DeliveryNotifier {
 public:
  // Makes `target` the live connection of `device`. A previous live one is
  // told OnReplaced() (after the lock is released).
  void Register(const DeviceAddress& device, std::weak_ptr<DeliveryTarget> target,
                const DeliveryTarget* self);
  // Removes the entry only if it still belongs to `self`: a replaced
  // connection closing late must not unregister its successor.
  void Unregister(const DeviceAddress& device, const DeliveryTarget* self);

  // Every open connection, authenticated or not; for shutdown.
  void AddConnection(const DeliveryTarget* self, std::weak_ptr<DeliveryTarget> target);
  void RemoveConnection(const DeliveryTarget* self);
  // Calls OnShutdown() on every open connection.
  void ShutdownAll();

  // DeliveryNotifier
  void NotifyStored(const DeviceAddress& device, uint64_t seq,
                    std::shared_ptr<const std::string> payload) override;
  void NotifyPrekeysLow(const DeviceAddress& device, uint32_t remaining) override;
  void NotifyUnlinked(const DeviceAddress& device) override;
  void NotifyDeviceListChanged(const DeviceAddress& device,
                               std::shared_ptr<const std::string> signed_list) override;
  bool Online(const DeviceAddress& device) override { return Find(device) != nullptr; }

 private:
  struct Entry {
    std::weak_ptr<DeliveryTarget> target;
    const DeliveryTarget* self = nullptr;  // identity only, never dereferenced
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<DeviceAddress, Entry, storage::DeviceAddressHash> devices;
  };
  static constexpr size_t kShards = 32;
  Shard& ShardFor(const DeviceAddress& device);
  std::shared_ptr<DeliveryTarget> Find(const DeviceAddress& device);

  std::array<Shard, kShards> shards_;
  std::mutex all_mu_;
  std::unordered_map<const DeliveryTarget*, std::weak_ptr<DeliveryTarget>> all_;
};

}  // namespace kollega::server
