// SPDX-License-Identifier: GPL-3.0-or-later
#include "account_budget.h"

#include <algorithm>

#include "server_context.h"

namespace kollega::server {

uint64_t ListBytes(const storage::DeviceList& list) {
  return list.blob.size() + kListEntryBytes * list.devices.size();
}

Result<AccountBytes> CountAccountBytes(storage::RelayStore& store,
                                       const storage::AccountId& account) {
  KOLLEGA_ASSIGN_OR_RETURN(std::shared_ptr<const storage::AccountDevices> devices,
                           store.GetAccountDevices(account));
  AccountBytes bytes;
  if (devices->list) bytes.list = ListBytes(*devices->list);
  for (const storage::DeviceRecord& d : devices->devices) {
    bytes.devices += kDeviceBytes;
    // One-time prekeys need a signed prekey first (relay_store.h).
    if (!d.has_keys) continue;
    bytes.devices += kSignedPrekeyBytes;
    Result<uint32_t> one_time = store.CountOneTimePrekeys({account, d.device_id});
    // A device removed since the list was read holds nothing.
    if (one_time.ok()) bytes.one_time += kOneTimePrekeyBytes * *one_time;
  }
  return bytes;
}

std::optional<StoreAnswer> OverBudget(ServerContext& ctx, const storage::AccountId& account,
                                      uint64_t added, uint64_t freed) {
  const uint64_t budget = ctx.config.account_byte_budget;
  if (budget == 0) return std::nullopt;
  Result<AccountBytes> bytes = CountAccountBytes(*ctx.store, account);
  if (!bytes.ok()) return std::nullopt;
  const uint64_t now = bytes->Total();
  const uint64_t after = now - std::min(now, freed) + added;
  if (after <= budget || after <= now) return std::nullopt;
  StoreAnswer refusal;
  refusal.code = wire::ACCOUNT_QUOTA_EXCEEDED;
  refusal.message = "the account stores as much as this relay allows; delete something first";
  return refusal;
}

}  // namespace kollega::server
