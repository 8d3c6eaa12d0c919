// The relay store's on-disk layout.
//
// All integers are fixed-width big-endian, so that the byte order of keys
// is their numeric order; `bytes` is the rest of the value.
//
// column family "accounts"
//   'A' account[16]                     -> next_device_id:u32 created_ms:i64
//   'D' account[16] device:u32          -> registration_id:u32 created_ms:i64
//                                          auth_public_key:bytes
//   'L' account[16] token_hash:bytes    -> expires_ms:i64 sealed_provisioning:bytes
//   'G' account[16]                     -> version:u64 count:u32 entry[count]
//                                          signed_list:bytes
//       entry := device:u32 len:u32 auth_public_key:byte[len]
//   'S' account[16] device:u32          -> last_seen_ms:i64
//   'P' account[16] device:u32          -> created_ms:i64   (registered, never listed)
//   Organisations (docs/organisations.md §5):
//   'Q' org_key[32] slot:u8             -> version:u64 signed_object:bytes
//       slot := 1 policy | 3 revocation list | 4 key rotation (version 0)
//   'K' org_key[32] serial:u64          -> expires_ms:i64 account[16]
//                                          signed_object:bytes
//   'H' key[32]                         -> old_key[32]   (reached by a rotation)
//   'V' account[16]                     -> signed_availability:bytes
//   'C' claim_id[16]                    -> expires_ms:i64 winner[16] created_ms:i64
//
// column family "prekeys"
//   'I' account[16] device:u32          -> identity
//   'O' account[16] device:u32 id:u32   -> public_key:bytes
//   identity := len:u32 identity_key:byte[len] has_signed:u8 [signed]
//   signed   := id:u32 len:u32 public_key:byte[len] len:u32 signature:byte[len]
//
// column family "mailbox"       (each key is Put once, then SingleDeleted)
//   account[16] device:u32 seq:u64      -> expires_ms:i64 payload:bytes
//
// column family "mailbox_meta"  (written only by the mailbox writer thread)
//   account[16] device:u32              -> head:u64 next_seq:u64 count:u32
//                                          bytes:u64
//
// The mailbox key has no tag byte: the whole column family is envelopes, and
// its 20-byte prefix is what the memtable insert hint keys on.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "codec.h"

namespace kollega::storage::codec {
namespace {

std::string Tagged(char tag, std::string_view account) {
  std::string k;
  k.reserve(1 + account.size() + 8);
  k.push_back(tag);
  k.append(account);
  return k;
}

std::string TaggedDevice(char tag, const DeviceAddress& d) {
  std::string k = Tagged(tag, d.account);
  PutU32(&k, d.device);
  return k;
}

// Reads a u32-length-prefixed string from the front of *in.
bool GetLengthPrefixed(std::string_view* in, std::string* out) {
  if (in->size() < 4) return false;
  uint32_t n = GetU32(*in);
  in->remove_prefix(4);
  if (in->size() < n) return false;
  out->assign(in->substr(0, n));
  in->remove_prefix(n);
  return true;
}

void PutLengthPrefixed(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

}  // namespace

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

void PutU64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}

uint32_t GetU32(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

uint64_t GetU64(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

std::string U32PrefixEnd(std::string_view prefix) {
  std::string k(prefix);
  k.append(5, '\xff');  // longer than any u32 suffix, and all ones
  return k;
}

// ---------------------------------------------------------------- accounts

std::string OrgSlotKey(std::string_view org_key, uint8_t slot) {
  std::string k = Tagged('Q', org_key);
  k.push_back(static_cast<char>(slot));
  return k;
}
std::string CertificatePrefix(std::string_view org_key) { return Tagged('K', org_key); }
std::string CertificateKey(std::string_view org_key, uint64_t serial) {
  std::string k = CertificatePrefix(org_key);
  PutU64(&k, serial);
  return k;
}
std::string RotatedToKey(std::string_view key) { return Tagged('H', key); }
std::string AvailabilityKey(std::string_view account) { return Tagged('V', account); }
std::string ClaimKey(std::string_view claim_id) { return Tagged(kClaimTag, claim_id); }

std::string AccountKey(std::string_view account) { return Tagged('A', account); }
std::string DevicePrefix(std::string_view account) { return Tagged('D', account); }

std::string DeviceKey(std::string_view account, uint32_t device) {
  std::string k = Tagged('D', account);
  PutU32(&k, device);
  return k;
}

std::string LinkTokenKey(std::string_view account, std::string_view token_hash) {
  std::string k = Tagged(kLinkTokenTag, account);
  k.append(token_hash);
  return k;
}

std::string DeviceListKey(std::string_view account) { return Tagged('G', account); }
std::string LastSeenPrefix(std::string_view account) { return Tagged('S', account); }

std::string LastSeenKey(std::string_view account, uint32_t device) {
  std::string k = Tagged('S', account);
  PutU32(&k, device);
  return k;
}

std::string PendingKey(std::string_view account, uint32_t device) {
  std::string k = Tagged(kPendingTag, account);
  PutU32(&k, device);
  return k;
}

bool ParsePendingKey(std::string_view key, DeviceAddress* out) {
  if (key.size() != 1 + kAccountIdSize + 4 || key[0] != kPendingTag) return false;
  out->account.assign(key.substr(1, kAccountIdSize));
  out->device = GetU32(key.substr(1 + kAccountIdSize));
  return true;
}

std::string EncodeDeviceList(const DeviceList& list) {
  std::string out;
  PutU64(&out, list.version);
  PutU32(&out, static_cast<uint32_t>(list.devices.size()));
  for (const DeviceList::Entry& e : list.devices) {
    PutU32(&out, e.device_id);
    PutLengthPrefixed(&out, e.auth_public_key);
  }
  out.append(list.blob);
  return out;
}

std::optional<DeviceList> DecodeDeviceList(std::string_view in) {
  if (in.size() < 12) return std::nullopt;
  DeviceList list;
  list.version = GetU64(in);
  uint32_t count = GetU32(in.substr(8));
  in.remove_prefix(12);
  for (uint32_t i = 0; i < count; ++i) {
    DeviceList::Entry e;
    if (in.size() < 4) return std::nullopt;
    e.device_id = GetU32(in);
    in.remove_prefix(4);
    if (!GetLengthPrefixed(&in, &e.auth_public_key)) return std::nullopt;
    list.devices.push_back(std::move(e));
  }
  list.blob.assign(in);
  return list;
}

std::string EncodeAccount(const AccountValue& v) {
  std::string out;
  PutU32(&out, v.next_device_id);
  PutU64(&out, static_cast<uint64_t>(v.created_ms));
  return out;
}

std::optional<AccountValue> DecodeAccount(std::string_view in) {
  if (in.size() != 12) return std::nullopt;
  return AccountValue{GetU32(in), static_cast<int64_t>(GetU64(in.substr(4)))};
}

std::string EncodeDevice(const DeviceRecord& d) {
  std::string out;
  PutU32(&out, d.registration_id);
  PutU64(&out, static_cast<uint64_t>(d.created_ms));
  out.append(d.auth_public_key);
  return out;
}

std::optional<DeviceRecord> DecodeDevice(std::string_view key, std::string_view value) {
  if (key.size() != 1 + kAccountIdSize + 4 || value.size() < 12) return std::nullopt;
  DeviceRecord d;
  d.device_id = GetU32(key.substr(1 + kAccountIdSize));
  d.registration_id = GetU32(value);
  d.created_ms = static_cast<int64_t>(GetU64(value.substr(4)));
  d.auth_public_key.assign(value.substr(12));
  return d;
}

// ----------------------------------------------------------------- prekeys

std::string IdentityKey(const DeviceAddress& device) { return TaggedDevice('I', device); }
std::string OneTimePrefix(const DeviceAddress& device) { return TaggedDevice('O', device); }

std::string OneTimeKey(const DeviceAddress& device, uint32_t prekey_id) {
  std::string k = TaggedDevice('O', device);
  PutU32(&k, prekey_id);
  return k;
}

uint32_t OneTimeIdFromKey(std::string_view key) { return GetU32(key.substr(key.size() - 4)); }

std::string EncodeIdentity(const IdentityValue& v) {
  std::string out;
  PutLengthPrefixed(&out, v.identity_key);
  out.push_back(v.signed_prekey ? 1 : 0);
  if (v.signed_prekey) {
    PutU32(&out, v.signed_prekey->id);
    PutLengthPrefixed(&out, v.signed_prekey->public_key);
    PutLengthPrefixed(&out, v.signed_prekey->signature);
  }
  return out;
}

std::optional<IdentityValue> DecodeIdentity(std::string_view in) {
  IdentityValue v;
  if (!GetLengthPrefixed(&in, &v.identity_key) || in.empty()) return std::nullopt;
  bool has_signed = in[0] != 0;
  in.remove_prefix(1);
  if (has_signed) {
    SignedPrekey s;
    if (in.size() < 4) return std::nullopt;
    s.id = GetU32(in);
    in.remove_prefix(4);
    if (!GetLengthPrefixed(&in, &s.public_key) || !GetLengthPrefixed(&in, &s.signature)) {
      return std::nullopt;
    }
    v.signed_prekey = std::move(s);
  }
  if (!in.empty()) return std::nullopt;
  return v;
}

// ---------------------------------------------------------------- mailboxes

std::string MailboxPrefix(const DeviceAddress& mailbox) {
  std::string k;
  k.reserve(kEnvelopeKeySize);
  k.append(mailbox.account);
  PutU32(&k, mailbox.device);
  return k;
}

std::string EnvelopeKey(std::string_view mailbox_prefix, uint64_t seq) {
  std::string k;
  k.reserve(kEnvelopeKeySize);
  k.append(mailbox_prefix);
  PutU64(&k, seq);
  return k;
}

uint64_t SeqFromEnvelopeKey(std::string_view key) { return GetU64(key.substr(kMailboxPrefixSize)); }

std::string EncodeEnvelope(int64_t expires_ms, std::string_view payload) {
  std::string out;
  out.reserve(8 + payload.size());
  PutU64(&out, static_cast<uint64_t>(expires_ms));
  out.append(payload);
  return out;
}

std::optional<EnvelopeView> DecodeEnvelope(std::string_view in) {
  if (in.size() < 8) return std::nullopt;
  return EnvelopeView{static_cast<int64_t>(GetU64(in)), in.substr(8)};
}

std::string EncodeMeta(const MailboxMeta& m) {
  std::string out;
  out.reserve(28);
  PutU64(&out, m.head);
  PutU64(&out, m.next_seq);
  PutU32(&out, m.count);
  PutU64(&out, m.bytes);
  return out;
}

std::optional<MailboxMeta> DecodeMeta(std::string_view in) {
  if (in.size() != 28) return std::nullopt;
  return MailboxMeta{GetU64(in), GetU64(in.substr(8)), GetU32(in.substr(16)),
                     GetU64(in.substr(20))};
}

}  // namespace kollega::storage::codec
