// SPDX-License-Identifier: GPL-3.0-or-later
//
// The outbound queue, this device's account record, and opening the store.
// Queue keys are big-endian sequence numbers from a persisted counter, so a
// forward scan is send order and a restart continues the sequence.
#include <utility>

#include "client_store_format.h"
#include "client_store_impl.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {
namespace store_internal {

namespace fmt = store_format;

Result<uint64_t> RocksClientStore::EnqueueOutbound(const std::string& recipient_account,
                                                   const std::string& content) {
  uint64_t seq = 0;
  Status s = db_->Mutate([&]() -> Status {
    KOLLEGA_ASSIGN_OR_RETURN(auto next, NextSeq('o'));
    seq = next;
    std::string record = fmt::EncodeOutbound({seq, recipient_account, content, 0});
    WipeOnExit wipe(record);  // serialized Content: plaintext
    return db_->Put(fmt::OutboundKey(seq), record);
  });
  if (!s.ok()) return s;
  return seq;
}

Result<std::vector<OutboundItem>> RocksClientStore::PendingOutbound(size_t limit) {
  std::vector<OutboundItem> out;
  bool corrupt = false;
  if (limit == 0) return out;
  KOLLEGA_RETURN_IF_ERROR(
      db_->Scan(fmt::OutboundPrefix(), false, [&](std::string_view key, std::string_view value) {
        auto seq = fmt::SeqOfOutboundKey(key);
        auto item = seq ? fmt::DecodeOutbound(value, *seq) : std::nullopt;
        if (!item) {
          corrupt = true;
          return false;
        }
        out.push_back(std::move(*item));
        return out.size() < limit;
      }));
  if (corrupt) return DataLoss("outbound item is corrupt");
  return out;
}

Status RocksClientStore::MarkOutboundAttempt(uint64_t seq) {
  return db_->Mutate([&]() -> Status {
    const std::string key = fmt::OutboundKey(seq);
    KOLLEGA_ASSIGN_OR_RETURN(auto record, db_->Get(key));
    if (!record.has_value()) return NotFound("no such outbound item");
    WipeOnExit wipe_old(*record);
    auto item = fmt::DecodeOutbound(*record, seq);
    if (!item) return DataLoss("outbound item is corrupt");
    ++item->attempts;
    std::string updated = fmt::EncodeOutbound(*item);
    WipeOnExit wipe_new(updated);
    crypto::Wipe(item->content);
    return db_->Put(key, updated);
  });
}

Status RocksClientStore::RemoveOutbound(uint64_t seq) {
  return db_->Mutate([&]() -> Status {
    const std::string key = fmt::OutboundKey(seq);
    KOLLEGA_ASSIGN_OR_RETURN(auto record, db_->Get(key));
    if (!record.has_value()) return NotFound("no such outbound item");
    crypto::Wipe(*record);
    return db_->Delete(key);
  });
}

Result<std::optional<LocalAccount>> RocksClientStore::LoadAccount() {
  KOLLEGA_ASSIGN_OR_RETURN(auto record, db_->Get(fmt::AccountKey()));
  if (!record.has_value()) return std::optional<LocalAccount>();
  WipeOnExit wipe(*record);
  std::optional<LocalAccount> account(std::in_place);
  if (!fmt::DecodeAccount(*record, &*account)) {
    crypto::Wipe(account->device_auth_seed);
    crypto::Wipe(account->account_secret);
    return DataLoss("account record is corrupt");
  }
  return account;  // moved (implicitly): no unwiped copy stays behind
}

Status RocksClientStore::SaveAccount(const LocalAccount& account) {
  std::string record = fmt::EncodeAccount(account);
  WipeOnExit wipe(record);  // holds the device auth seed and account secret
  return db_->Mutate([&] { return db_->Put(fmt::AccountKey(), record); });
}

}  // namespace store_internal

Result<std::unique_ptr<ClientStore>> OpenRocksClientStore(const std::string& path,
                                                          const Client::Options::StoreKey& key) {
  KOLLEGA_ASSIGN_OR_RETURN(auto db, store_internal::ClientDb::Open(path, key));
  return std::unique_ptr<ClientStore>(
      std::make_unique<store_internal::RocksClientStore>(std::move(db)));
}

}  // namespace kollega::client
