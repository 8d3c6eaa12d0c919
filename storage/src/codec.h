// Keys and values of the relay store: how each record is laid out in
// RocksDB. The grammar is at the top of codec.cpp; this header only names
// the encoders and decoders.
//
// Ownership: plain functions over std::string / string_view.
// Thread-safety: stateless, callable from any thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kollega/storage/relay_store.h"

namespace kollega::storage::codec {

// account[16] device:u32
inline constexpr size_t kMailboxPrefixSize = kAccountIdSize + 4;
// mailbox prefix + seq:u64
inline constexpr size_t kEnvelopeKeySize = kMailboxPrefixSize + 8;
// The first seq a mailbox hands out; 0 stays free so "after_seq = 0" reads all.
inline constexpr uint64_t kFirstSeq = 1;

void PutU32(std::string* out, uint32_t v);
void PutU64(std::string* out, uint64_t v);
uint32_t GetU32(std::string_view in);  // in.size() >= 4
uint64_t GetU64(std::string_view in);  // in.size() >= 8
// An exclusive upper bound for keys made of `prefix` plus one u32.
std::string U32PrefixEnd(std::string_view prefix);

// ---- accounts column family
std::string AccountKey(std::string_view account);
std::string DevicePrefix(std::string_view account);
std::string DeviceKey(std::string_view account, uint32_t device);
std::string LinkTokenKey(std::string_view account, std::string_view token_hash);
inline constexpr char kLinkTokenTag = 'L';
// Device lists and device bookkeeping (docs/trust.md §3).
std::string DeviceListKey(std::string_view account);
std::string LastSeenKey(std::string_view account, uint32_t device);
std::string LastSeenPrefix(std::string_view account);
std::string PendingKey(std::string_view account, uint32_t device);
inline constexpr char kPendingTag = 'P';
// Splits a PendingKey; false if it is not one.
bool ParsePendingKey(std::string_view key, DeviceAddress* out);

// Organisations, availability and claims (docs/organisations.md §5, §8).
std::string OrgSlotKey(std::string_view org_key, uint8_t slot);
std::string CertificatePrefix(std::string_view org_key);
std::string CertificateKey(std::string_view org_key, uint64_t serial);
std::string RotatedToKey(std::string_view key);
std::string AvailabilityKey(std::string_view account);
std::string ClaimKey(std::string_view claim_id);
inline constexpr char kClaimTag = 'C';

std::string EncodeDeviceList(const DeviceList& list);
std::optional<DeviceList> DecodeDeviceList(std::string_view in);

struct AccountValue {
  uint32_t next_device_id = 2;
  int64_t created_ms = 0;
};
std::string EncodeAccount(const AccountValue& v);
std::optional<AccountValue> DecodeAccount(std::string_view in);

std::string EncodeDevice(const DeviceRecord& d);
// device_id is taken from the key, not the value.
std::optional<DeviceRecord> DecodeDevice(std::string_view key, std::string_view value);

// ---- prekeys column family
std::string IdentityKey(const DeviceAddress& device);
std::string OneTimePrefix(const DeviceAddress& device);
std::string OneTimeKey(const DeviceAddress& device, uint32_t prekey_id);
uint32_t OneTimeIdFromKey(std::string_view key);  // key.size() == prefix + 4

struct IdentityValue {
  std::string identity_key;
  std::optional<SignedPrekey> signed_prekey;
};
std::string EncodeIdentity(const IdentityValue& v);
std::optional<IdentityValue> DecodeIdentity(std::string_view in);

// ---- mailbox and mailbox_meta column families
std::string MailboxPrefix(const DeviceAddress& mailbox);
std::string EnvelopeKey(std::string_view mailbox_prefix, uint64_t seq);
uint64_t SeqFromEnvelopeKey(std::string_view key);  // key.size() == kEnvelopeKeySize

std::string EncodeEnvelope(int64_t expires_ms, std::string_view payload);
// Splits a stored envelope; nullopt if it is too short to hold the expiry.
struct EnvelopeView {
  int64_t expires_ms;
  std::string_view payload;
};
std::optional<EnvelopeView> DecodeEnvelope(std::string_view in);

struct MailboxMeta {
  uint64_t head = kFirstSeq;      // every envelope below head is gone
  uint64_t next_seq = kFirstSeq;  // the seq the next append gets
  uint32_t count = 0;             // envelopes stored (may include expired)
  uint64_t bytes = 0;             // their payload bytes
};
std::string EncodeMeta(const MailboxMeta& m);
std::optional<MailboxMeta> DecodeMeta(std::string_view in);

}  // namespace kollega::storage::codec
