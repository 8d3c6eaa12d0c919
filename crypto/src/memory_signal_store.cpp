// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/memory_signal_store.h"

#include <map>
#include <utility>
#include <vector>

#include "kollega/crypto/device_key.h"

namespace kollega::crypto {
namespace {

// One keyed table with an undo log: while a transaction is open, the first
// write to a key saves its previous value (or its absence) so Rollback()
// can restore it. Every dropped value is wiped; most hold key material.
template <typename Key>
class Table {
 public:
  ~Table() {
    for (auto& [key, value] : rows_) Wipe(value);
    DropUndo();
  }

  const std::string* Find(const Key& key) const {
    auto it = rows_.find(key);
    return it == rows_.end() ? nullptr : &it->second;
  }

  void Put(const Key& key, std::string_view value, bool in_transaction) {
    if (in_transaction) Remember(key);
    std::string& slot = rows_[key];
    Wipe(slot);
    slot.assign(value);
  }

  bool Erase(const Key& key, bool in_transaction) {
    auto it = rows_.find(key);
    if (it == rows_.end()) return false;
    if (in_transaction) Remember(key);
    Wipe(it->second);
    rows_.erase(it);
    return true;
  }

  std::map<Key, std::string>& rows() { return rows_; }

  void Commit() { DropUndo(); }

  void Rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      auto& [key, old] = *it;
      auto row = rows_.find(key);
      if (row != rows_.end()) {
        Wipe(row->second);
        rows_.erase(row);
      }
      if (old) rows_.emplace(key, std::move(*old));
    }
    undo_.clear();
  }

 private:
  void Remember(const Key& key) {
    for (const auto& [k, old] : undo_) {
      if (k == key) return;  // the oldest value is the one to restore
    }
    const std::string* current = Find(key);
    undo_.emplace_back(key, current ? std::optional<std::string>(*current) : std::nullopt);
  }

  void DropUndo() {
    for (auto& [key, old] : undo_) {
      if (old) Wipe(*old);
    }
    undo_.clear();
  }

  std::map<Key, std::string> rows_;
  std::vector<std::pair<Key, std::optional<std::string>>> undo_;
};

Result<std::optional<std::string>> Get(const std::string* found) {
  if (!found) return std::optional<std::string>();
  return std::optional<std::string>(*found);
}

}  // namespace

struct MemorySignalStore::Tables {
  Table<SignalAddress> sessions;
  Table<uint32_t> pre_keys;
  Table<uint32_t> signed_pre_keys;
  Table<SignalAddress> identities;
  Table<SenderKeyName> sender_keys;

  template <typename F>
  void ForEach(F f) {
    f(sessions);
    f(pre_keys);
    f(signed_pre_keys);
    f(identities);
    f(sender_keys);
  }
};

MemorySignalStore::MemorySignalStore(IdentityKeyPair identity, uint32_t registration_id)
    : tables_(std::make_unique<Tables>()),
      identity_(std::move(identity)),
      registration_id_(registration_id) {}

MemorySignalStore::~MemorySignalStore() = default;

Status MemorySignalStore::BeginTransaction() {
  if (in_transaction_) return Internal("nested Signal store transaction");
  in_transaction_ = true;
  return Status::Ok();
}

Status MemorySignalStore::Commit() {
  if (!in_transaction_) return Internal("commit without a transaction");
  tables_->ForEach([](auto& t) { t.Commit(); });
  in_transaction_ = false;
  ++commits_;
  return Status::Ok();
}

void MemorySignalStore::Rollback() {
  tables_->ForEach([](auto& t) { t.Rollback(); });
  in_transaction_ = false;
  ++rollbacks_;
}

Result<IdentityKeyPair> MemorySignalStore::LoadLocalIdentity() { return identity_; }
Result<uint32_t> MemorySignalStore::LocalRegistrationId() { return registration_id_; }

Result<std::optional<std::string>> MemorySignalStore::LoadSession(const SignalAddress& address) {
  return Get(tables_->sessions.Find(address));
}
Status MemorySignalStore::StoreSession(const SignalAddress& address, std::string_view record) {
  tables_->sessions.Put(address, record, in_transaction_);
  return Status::Ok();
}
Result<bool> MemorySignalStore::ContainsSession(const SignalAddress& address) {
  return tables_->sessions.Find(address) != nullptr;
}
Status MemorySignalStore::DeleteSession(const SignalAddress& address) {
  tables_->sessions.Erase(address, in_transaction_);
  return Status::Ok();
}
Result<int> MemorySignalStore::DeleteAllSessions(std::string_view name) {
  std::vector<SignalAddress> doomed;
  for (const auto& [address, record] : tables_->sessions.rows()) {
    if (address.name == name) doomed.push_back(address);
  }
  for (const auto& address : doomed) tables_->sessions.Erase(address, in_transaction_);
  return static_cast<int>(doomed.size());
}
Result<std::vector<int32_t>> MemorySignalStore::SessionDevices(std::string_view name) {
  std::vector<int32_t> devices;
  for (const auto& [address, record] : tables_->sessions.rows()) {
    if (address.name == name) devices.push_back(address.device_id);
  }
  return devices;
}

Result<std::optional<std::string>> MemorySignalStore::LoadPreKey(uint32_t id) {
  return Get(tables_->pre_keys.Find(id));
}
Status MemorySignalStore::StorePreKey(uint32_t id, std::string_view record) {
  tables_->pre_keys.Put(id, record, in_transaction_);
  return Status::Ok();
}
Result<bool> MemorySignalStore::ContainsPreKey(uint32_t id) {
  return tables_->pre_keys.Find(id) != nullptr;
}
Status MemorySignalStore::RemovePreKey(uint32_t id) {
  tables_->pre_keys.Erase(id, in_transaction_);
  return Status::Ok();
}

Result<std::optional<std::string>> MemorySignalStore::LoadSignedPreKey(uint32_t id) {
  return Get(tables_->signed_pre_keys.Find(id));
}
Status MemorySignalStore::StoreSignedPreKey(uint32_t id, std::string_view record) {
  tables_->signed_pre_keys.Put(id, record, in_transaction_);
  return Status::Ok();
}
Result<bool> MemorySignalStore::ContainsSignedPreKey(uint32_t id) {
  return tables_->signed_pre_keys.Find(id) != nullptr;
}
Status MemorySignalStore::RemoveSignedPreKey(uint32_t id) {
  tables_->signed_pre_keys.Erase(id, in_transaction_);
  return Status::Ok();
}

Result<std::optional<std::string>> MemorySignalStore::LoadIdentity(const SignalAddress& address) {
  return Get(tables_->identities.Find(address));
}
Status MemorySignalStore::SaveIdentity(const SignalAddress& address,
                                       std::optional<std::string_view> identity_key) {
  if (identity_key) {
    tables_->identities.Put(address, *identity_key, in_transaction_);
  } else {
    tables_->identities.Erase(address, in_transaction_);
  }
  return Status::Ok();
}

Result<std::optional<std::string>> MemorySignalStore::LoadSenderKey(const SenderKeyName& name) {
  return Get(tables_->sender_keys.Find(name));
}
Status MemorySignalStore::StoreSenderKey(const SenderKeyName& name, std::string_view record) {
  tables_->sender_keys.Put(name, record, in_transaction_);
  return Status::Ok();
}

}  // namespace kollega::crypto
