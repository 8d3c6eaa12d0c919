// SPDX-License-Identifier: GPL-3.0-or-later
//
// The libsignal stores over ClientDb. Records are opaque bytes from the
// library, stored and returned unchanged; nearly all of them hold private
// keys, so every copy made here that the caller does not receive is wiped.
// Writes join the open transaction (SignalSessions opens one per call) or,
// outside one, are synced at once.
#include <utility>

#include "client_store_format.h"
#include "client_store_impl.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client::store_internal {

namespace fmt = store_format;

Result<std::optional<std::string>> RocksClientStore::Load(const std::string& key) {
  return db_->Get(key);
}

Status RocksClientStore::Store(const std::string& key, std::string_view record) {
  return db_->Mutate([&] { return db_->Put(key, record); });
}

Result<bool> RocksClientStore::Contains(const std::string& key) {
  KOLLEGA_ASSIGN_OR_RETURN(auto found, db_->Get(key));
  if (!found.has_value()) return false;
  crypto::Wipe(*found);
  return true;
}

Status RocksClientStore::Remove(const std::string& key) {
  return db_->Mutate([&] { return db_->Delete(key); });
}

// --- Local identity ---

Status RocksClientStore::SaveLocalIdentity(const crypto::IdentityKeyPair& identity,
                                           uint32_t registration_id) {
  if (identity.public_key.size() != crypto::kSignalPublicKeySize ||
      identity.private_key.size() != crypto::kSignalPrivateKeySize) {
    return InvalidArgument("identity key pair must be 33 + 32 bytes");
  }
  std::string record = fmt::EncodeLocalIdentity(identity, registration_id);
  WipeOnExit wipe(record);
  return Store(fmt::LocalIdentityKey(), record);
}

Result<crypto::IdentityKeyPair> RocksClientStore::LoadLocalIdentity() {
  KOLLEGA_ASSIGN_OR_RETURN(auto loaded, db_->Get(fmt::LocalIdentityKey()));
  if (!loaded.has_value()) return FailedPrecondition("no local identity saved yet");
  WipeOnExit wipe(*loaded);
  auto decoded = fmt::DecodeLocalIdentity(*loaded);
  if (!decoded) return DataLoss("local identity record is corrupt");
  return std::move(decoded->identity);
}

Result<uint32_t> RocksClientStore::LocalRegistrationId() {
  KOLLEGA_ASSIGN_OR_RETURN(auto loaded, db_->Get(fmt::LocalIdentityKey()));
  if (!loaded.has_value()) return FailedPrecondition("no local identity saved yet");
  WipeOnExit wipe(*loaded);
  auto decoded = fmt::DecodeLocalIdentity(*loaded);
  if (!decoded) return DataLoss("local identity record is corrupt");
  return decoded->registration_id;
}

// --- Sessions ---

Result<std::optional<std::string>> RocksClientStore::LoadSession(
    const crypto::SignalAddress& address) {
  return Load(fmt::SessionKey(address));
}
Status RocksClientStore::StoreSession(const crypto::SignalAddress& address,
                                      std::string_view record) {
  return Store(fmt::SessionKey(address), record);
}
Result<bool> RocksClientStore::ContainsSession(const crypto::SignalAddress& address) {
  return Contains(fmt::SessionKey(address));
}
Status RocksClientStore::DeleteSession(const crypto::SignalAddress& address) {
  return Remove(fmt::SessionKey(address));
}

Result<int> RocksClientStore::DeleteAllSessions(std::string_view name) {
  int deleted = 0;
  Status s = db_->Mutate([&] {
    std::vector<std::string> doomed;
    KOLLEGA_RETURN_IF_ERROR(
        db_->Scan(fmt::SessionPrefix(name), false, [&](std::string_view key, std::string_view) {
          doomed.emplace_back(key);
          return true;
        }));
    for (const auto& key : doomed) KOLLEGA_RETURN_IF_ERROR(db_->Delete(key));
    deleted = static_cast<int>(doomed.size());
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return deleted;
}

Result<std::vector<int32_t>> RocksClientStore::SessionDevices(std::string_view name) {
  const std::string prefix = fmt::SessionPrefix(name);
  std::vector<int32_t> devices;
  bool corrupt = false;
  KOLLEGA_RETURN_IF_ERROR(db_->Scan(prefix, false, [&](std::string_view key, std::string_view) {
    auto device = fmt::DeviceOfSessionKey(key, prefix.size());
    if (!device) corrupt = true;
    if (device) devices.push_back(*device);
    return !corrupt;
  }));
  if (corrupt) return DataLoss("session key is corrupt");
  return devices;
}

// --- One-time and signed prekeys ---

Result<std::optional<std::string>> RocksClientStore::LoadPreKey(uint32_t id) {
  return Load(fmt::PreKeyKey(id));
}
Status RocksClientStore::StorePreKey(uint32_t id, std::string_view record) {
  return Store(fmt::PreKeyKey(id), record);
}
Result<bool> RocksClientStore::ContainsPreKey(uint32_t id) { return Contains(fmt::PreKeyKey(id)); }
Status RocksClientStore::RemovePreKey(uint32_t id) { return Remove(fmt::PreKeyKey(id)); }

Result<std::optional<std::string>> RocksClientStore::LoadSignedPreKey(uint32_t id) {
  return Load(fmt::SignedPreKeyKey(id));
}
Status RocksClientStore::StoreSignedPreKey(uint32_t id, std::string_view record) {
  return Store(fmt::SignedPreKeyKey(id), record);
}
Result<bool> RocksClientStore::ContainsSignedPreKey(uint32_t id) {
  return Contains(fmt::SignedPreKeyKey(id));
}
Status RocksClientStore::RemoveSignedPreKey(uint32_t id) {
  return Remove(fmt::SignedPreKeyKey(id));
}

// --- Remote identities: one pin per account (docs/trust.md §1) ---

Result<std::optional<std::string>> RocksClientStore::LoadIdentity(
    const crypto::SignalAddress& address) {
  return LoadPinnedIdentity(address.name);
}
Status RocksClientStore::SaveIdentity(const crypto::SignalAddress& address,
                                      std::optional<std::string_view> identity_key) {
  if (!identity_key) return Remove(fmt::PinnedIdentityKey(address.name));
  return PinIdentity(address.name, *identity_key);
}

Result<std::optional<std::string>> RocksClientStore::LoadPinnedIdentity(std::string_view account) {
  return Load(fmt::PinnedIdentityKey(account));
}
Status RocksClientStore::PinIdentity(std::string_view account, std::string_view identity_key) {
  return Store(fmt::PinnedIdentityKey(account), identity_key);
}

Result<std::optional<std::string>> RocksClientStore::FlaggedIdentityKey(std::string_view account,
                                                                        int32_t device_id) {
  return Load(fmt::IdentityChangeKey(account, device_id));
}

Result<std::optional<std::pair<uint64_t, std::string>>> RocksClientStore::LoadDeviceList(
    std::string_view account) {
  KOLLEGA_ASSIGN_OR_RETURN(auto loaded, db_->Get(fmt::DeviceListKey(account)));
  if (!loaded) return std::optional<std::pair<uint64_t, std::string>>();
  auto decoded = fmt::DecodeDeviceList(*loaded);
  if (!decoded) return DataLoss("device list record is corrupt");
  return std::optional<std::pair<uint64_t, std::string>>(std::move(*decoded));
}
Status RocksClientStore::SaveDeviceList(std::string_view account, uint64_t version,
                                        std::string_view signed_list) {
  if (signed_list.empty()) return Remove(fmt::DeviceListKey(account));
  return Store(fmt::DeviceListKey(account), fmt::EncodeDeviceList(version, signed_list));
}

Status RocksClientStore::MigrateIdentityPins() {
  return db_->Mutate([&]() -> Status {
    std::vector<std::pair<std::string, std::string>> legacy;  // key, identity
    KOLLEGA_RETURN_IF_ERROR(db_->Scan(fmt::RemoteIdentityPrefix(), false,
                                      [&](std::string_view key, std::string_view value) {
                                        legacy.emplace_back(key, value);
                                        return true;
                                      }));
    for (const auto& [key, identity] : legacy) {
      auto address = fmt::ParseRemoteIdentityKey(key);
      if (!address) return DataLoss("remote identity key is corrupt");
      KOLLEGA_ASSIGN_OR_RETURN(auto pinned, LoadPinnedIdentity(address->name));
      if (!pinned) {
        // Every device of an account had the same key by design: the first
        // one found is the account's.
        KOLLEGA_RETURN_IF_ERROR(PinIdentity(address->name, identity));
      } else if (*pinned != identity) {
        KOLLEGA_RETURN_IF_ERROR(FlagIdentityChange(address->name, 0, identity));
      }
      KOLLEGA_RETURN_IF_ERROR(db_->Delete(key));
    }
    return Status::Ok();
  });
}

Result<std::optional<std::string>> RocksClientStore::LoadSenderKey(
    const crypto::SenderKeyName& name) {
  return Load(fmt::SenderKeyKey(name));
}
Status RocksClientStore::StoreSenderKey(const crypto::SenderKeyName& name,
                                        std::string_view record) {
  return Store(fmt::SenderKeyKey(name), record);
}

}  // namespace kollega::client::store_internal
