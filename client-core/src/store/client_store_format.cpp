// SPDX-License-Identifier: GPL-3.0-or-later
//
// Key grammar of the client store (one RocksDB column family; the first byte
// says the record kind, so every kind is one contiguous key range):
//
//   key      := 'v'                                   -> u8 store format
//             | 'a'                                   -> account
//             | 'i'                                   -> local identity
//             | 's' address                           -> session record
//             | 'p' u32(prekey id)                    -> prekey record
//             | 'k' u32(signed prekey id)             -> signed prekey record
//             | 'r' address                           -> remote identity key (legacy,
//                                                        migrated to 'P' at open)
//             | 'P' bytes(account)                    -> pinned identity key
//             | 'L' bytes(account)                    -> accepted device list
//             | 'g' bytes(group id) address           -> sender key record
//             | 'h' bytes(peer) i64(stored_ms) u64(seq)  -> message
//             | 'm' bytes(peer) message_id            -> the message's 'h' key
//             | 'c' bytes(peer)                       -> summary
//             | 'x' bytes(peer) u32(device id)        -> new identity key
//             | 'o' u64(seq)                          -> outbound item
//             | 'n' kind                              -> u64 last seq issued
//             | 't' bytes(component) key              -> the component's record
//   address  := bytes(name) u32(device id)
//   bytes(s) := u32(length of s) s     (so names may hold any byte, NUL too,
//                                       and no name's range contains another's)
//   u32, u64 := big-endian, so byte order is numeric order
//   i64      := u64(v XOR 2^63), so negative times sort before positive ones
//
// 'h' keys sort by peer, then local time, then a store-wide sequence that
// breaks ties in insertion order: one peer's history is one range, and the
// newest messages are at its end. 'm' keys make de-duplication and status
// updates a point lookup; 'c' is kept in step by AddMessage.
//
// Values:
//   identity := 0x01 bytes(public key) bytes(private key) u32(registration id)
//   account  := 0x01 bytes(relay_url) bytes(account_id) u32(device_id)
//               bytes(device_auth_seed) u32(registration_id) u32(next_prekey_id)
//               u32(signed_prekey_id) bytes(account_secret)
//   message  := 0x01 bytes(message_id) bytes(peer_account) u8(outgoing)
//               u32(peer_device) i64(sent_ms) i64(stored_ms) bytes(text) u8(status)
//   summary  := 0x01 u64(message_count) i64(last_ms)
//   devlist  := 0x01 u64(version) bytes(SignedDeviceList)
//   outbound := 0x01 bytes(recipient_account) bytes(content) u32(attempts)
//   Signal records and identity keys are stored as the library gave them;
//   a component's records as the component wrote them.
#include "client_store_format.h"

namespace kollega::client::store_format {
namespace {

constexpr uint8_t kRecordV1 = 1;
constexpr uint64_t kSignFlip = uint64_t{1} << 63;

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
void PutU64(std::string* out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out->push_back(static_cast<char>(v >> shift));
}
void PutI64(std::string* out, int64_t v) { PutU64(out, static_cast<uint64_t>(v) ^ kSignFlip); }
void PutBytes(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}
void PutAddress(std::string* out, const crypto::SignalAddress& a) {
  PutBytes(out, a.name);
  PutU32(out, static_cast<uint32_t>(a.device_id));
}

std::string Tagged(char tag) { return std::string(1, tag); }

// Reads the encodings above; any call past the end fails and stays failed.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool U8(uint8_t* v) {
    if (!Need(1)) return false;
    *v = static_cast<uint8_t>(in_[0]);
    in_.remove_prefix(1);
    return true;
  }
  bool U32(uint32_t* v) {
    if (!Need(4)) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v = (*v << 8) | static_cast<uint8_t>(in_[i]);
    in_.remove_prefix(4);
    return true;
  }
  bool U64(uint64_t* v) {
    if (!Need(8)) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i) *v = (*v << 8) | static_cast<uint8_t>(in_[i]);
    in_.remove_prefix(8);
    return true;
  }
  bool I64(int64_t* v) {
    uint64_t u = 0;
    if (!U64(&u)) return false;
    *v = static_cast<int64_t>(u ^ kSignFlip);
    return true;
  }
  bool Bytes(std::string* out) {
    uint32_t n = 0;
    if (!U32(&n) || !Need(n)) return false;
    out->assign(in_.substr(0, n));
    in_.remove_prefix(n);
    return true;
  }
  bool Version() {
    uint8_t v = 0;
    return U8(&v) && v == kRecordV1;
  }
  bool Skip(size_t n) {
    if (!Need(n)) return false;
    in_.remove_prefix(n);
    return true;
  }
  bool done() const { return ok_ && in_.empty(); }

 private:
  bool Need(size_t n) {
    if (in_.size() < n) ok_ = false;
    return ok_;
  }
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace

std::string FormatKey() { return Tagged('v'); }
std::string AccountKey() { return Tagged('a'); }
std::string LocalIdentityKey() { return Tagged('i'); }

std::string SessionKey(const crypto::SignalAddress& address) {
  std::string k = Tagged('s');
  PutAddress(&k, address);
  return k;
}
std::string SessionPrefix(std::string_view name) {
  std::string k = Tagged('s');
  PutBytes(&k, name);
  return k;
}
std::string PreKeyKey(uint32_t id) {
  std::string k = Tagged('p');
  PutU32(&k, id);
  return k;
}
std::string SignedPreKeyKey(uint32_t id) {
  std::string k = Tagged('k');
  PutU32(&k, id);
  return k;
}
std::string RemoteIdentityKey(const crypto::SignalAddress& address) {
  std::string k = Tagged('r');
  PutAddress(&k, address);
  return k;
}
std::string RemoteIdentityPrefix() { return Tagged('r'); }
std::string PinnedIdentityKey(std::string_view account) {
  std::string k = Tagged('P');
  PutBytes(&k, account);
  return k;
}
std::string DeviceListKey(std::string_view account) {
  std::string k = Tagged('L');
  PutBytes(&k, account);
  return k;
}
std::string SenderKeyKey(const crypto::SenderKeyName& name) {
  std::string k = Tagged('g');
  PutBytes(&k, name.group_id);
  PutAddress(&k, name.sender);
  return k;
}
std::string HistoryPrefix(std::string_view peer) {
  std::string k = Tagged('h');
  PutBytes(&k, peer);
  return k;
}
std::string HistoryKey(std::string_view peer, int64_t stored_ms, uint64_t seq) {
  std::string k = HistoryPrefix(peer);
  PutI64(&k, stored_ms);
  PutU64(&k, seq);
  return k;
}
std::string MessageIndexKey(std::string_view peer, std::string_view message_id) {
  std::string k = Tagged('m');
  PutBytes(&k, peer);
  k.append(message_id);  // last field: needs no length
  return k;
}
std::string ConversationPrefix() { return Tagged('c'); }
std::string ConversationKey(std::string_view peer) {
  std::string k = ConversationPrefix();
  PutBytes(&k, peer);
  return k;
}
std::string IdentityChangePrefix() { return Tagged('x'); }
std::string IdentityChangeKey(std::string_view peer, int32_t device_id) {
  std::string k = IdentityChangePrefix();
  PutBytes(&k, peer);
  PutU32(&k, static_cast<uint32_t>(device_id));
  return k;
}
std::string OutboundPrefix() { return Tagged('o'); }
std::string OutboundKey(uint64_t seq) {
  std::string k = OutboundPrefix();
  PutU64(&k, seq);
  return k;
}
std::string CounterKey(char kind) { return std::string{'n', kind}; }

std::string ComponentPrefix(std::string_view component) {
  std::string key = Tagged('t');
  PutBytes(&key, component);
  return key;
}

std::string ComponentRecordKey(std::string_view component, std::string_view key) {
  return ComponentPrefix(component).append(key);
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<uint8_t>(end.back()) + 1);
  return end;  // empty only for an all-0xff prefix, which no kind uses
}

std::optional<int32_t> DeviceOfSessionKey(std::string_view key, size_t prefix_size) {
  if (key.size() != prefix_size + 4) return std::nullopt;
  Reader r(key.substr(prefix_size));
  uint32_t device = 0;
  if (!r.U32(&device)) return std::nullopt;
  return static_cast<int32_t>(device);
}

std::optional<std::string> PeerOfConversationKey(std::string_view key) {
  Reader r(key);
  std::string peer;
  if (!r.Skip(1) || !r.Bytes(&peer) || !r.done()) return std::nullopt;
  return peer;
}

std::optional<std::pair<std::string, int32_t>> ParseIdentityChangeKey(std::string_view key) {
  Reader r(key);
  std::string peer;
  uint32_t device = 0;
  if (!r.Skip(1) || !r.Bytes(&peer) || !r.U32(&device) || !r.done()) return std::nullopt;
  return std::make_pair(std::move(peer), static_cast<int32_t>(device));
}

std::optional<crypto::SignalAddress> ParseRemoteIdentityKey(std::string_view key) {
  Reader r(key);
  std::string name;
  uint32_t device = 0;
  if (!r.Skip(1) || !r.Bytes(&name) || !r.U32(&device) || !r.done()) return std::nullopt;
  return crypto::SignalAddress{std::move(name), static_cast<int32_t>(device)};
}

std::string EncodeDeviceList(uint64_t version, std::string_view signed_list) {
  std::string out(1, static_cast<char>(kRecordV1));
  PutU64(&out, version);
  PutBytes(&out, signed_list);
  return out;
}
std::optional<std::pair<uint64_t, std::string>> DecodeDeviceList(std::string_view bytes) {
  Reader r(bytes);
  uint64_t version = 0;
  std::string list;
  if (!r.Version() || !r.U64(&version) || !r.Bytes(&list) || !r.done()) return std::nullopt;
  return std::make_pair(version, std::move(list));
}

std::optional<uint64_t> SeqOfOutboundKey(std::string_view key) {
  Reader r(key);
  uint64_t seq = 0;
  if (!r.Skip(1) || !r.U64(&seq) || !r.done()) return std::nullopt;
  return seq;
}

std::string EncodeU64(uint64_t v) {
  std::string out;
  PutU64(&out, v);
  return out;
}
std::optional<uint64_t> DecodeU64(std::string_view bytes) {
  Reader r(bytes);
  uint64_t v = 0;
  if (!r.U64(&v) || !r.done()) return std::nullopt;
  return v;
}

std::string EncodeLocalIdentity(const crypto::IdentityKeyPair& identity, uint32_t registration_id) {
  std::string out(1, static_cast<char>(kRecordV1));
  PutBytes(&out, identity.public_key);
  PutBytes(&out, identity.private_key);
  PutU32(&out, registration_id);
  return out;
}
std::optional<LocalIdentity> DecodeLocalIdentity(std::string_view bytes) {
  Reader r(bytes);
  LocalIdentity out;  // wipes its private key if we bail out
  if (!r.Version() || !r.Bytes(&out.identity.public_key) || !r.Bytes(&out.identity.private_key) ||
      !r.U32(&out.registration_id) || !r.done()) {
    return std::nullopt;
  }
  return out;
}

std::string EncodeAccount(const LocalAccount& a) {
  std::string out(1, static_cast<char>(kRecordV1));
  PutBytes(&out, a.relay_url);
  PutBytes(&out, a.account_id);
  PutU32(&out, a.device_id);
  PutBytes(&out, a.device_auth_seed);
  PutU32(&out, a.registration_id);
  PutU32(&out, a.next_prekey_id);
  PutU32(&out, a.signed_prekey_id);
  PutBytes(&out, a.account_secret);
  return out;
}
bool DecodeAccount(std::string_view bytes, LocalAccount* a) {
  Reader r(bytes);
  return r.Version() && r.Bytes(&a->relay_url) && r.Bytes(&a->account_id) && r.U32(&a->device_id) &&
         r.Bytes(&a->device_auth_seed) && r.U32(&a->registration_id) && r.U32(&a->next_prekey_id) &&
         r.U32(&a->signed_prekey_id) && r.Bytes(&a->account_secret) && r.done();
}

std::string EncodeMessage(const StoredMessage& m) {
  std::string out(1, static_cast<char>(kRecordV1));
  PutBytes(&out, m.message_id);
  PutBytes(&out, m.peer_account);
  out.push_back(m.outgoing ? 1 : 0);
  PutU32(&out, m.peer_device);
  PutI64(&out, m.sent_ms);
  PutI64(&out, m.stored_ms);
  PutBytes(&out, m.text);
  out.push_back(static_cast<char>(m.status));
  return out;
}
std::optional<StoredMessage> DecodeMessage(std::string_view bytes) {
  Reader r(bytes);
  StoredMessage m;
  uint8_t outgoing = 0;
  uint8_t status = 0;
  if (!r.Version() || !r.Bytes(&m.message_id) || !r.Bytes(&m.peer_account) || !r.U8(&outgoing) ||
      !r.U32(&m.peer_device) || !r.I64(&m.sent_ms) || !r.I64(&m.stored_ms) || !r.Bytes(&m.text) ||
      !r.U8(&status) || !r.done() || outgoing > 1 ||
      status > static_cast<uint8_t>(MessageStatus::kReceived)) {
    return std::nullopt;
  }
  m.outgoing = outgoing == 1;
  m.status = static_cast<MessageStatus>(status);
  return m;
}

std::string EncodeSummary(uint64_t message_count, int64_t last_ms) {
  std::string out(1, static_cast<char>(kRecordV1));
  PutU64(&out, message_count);
  PutI64(&out, last_ms);
  return out;
}
std::optional<std::pair<uint64_t, int64_t>> DecodeSummary(std::string_view bytes) {
  Reader r(bytes);
  uint64_t count = 0;
  int64_t last_ms = 0;
  if (!r.Version() || !r.U64(&count) || !r.I64(&last_ms) || !r.done()) return std::nullopt;
  return std::make_pair(count, last_ms);
}

std::string EncodeOutbound(const OutboundItem& item) {
  std::string out(1, static_cast<char>(kRecordV1));
  PutBytes(&out, item.recipient_account);
  PutBytes(&out, item.content);
  PutU32(&out, item.attempts);
  return out;
}
std::optional<OutboundItem> DecodeOutbound(std::string_view bytes, uint64_t seq) {
  Reader r(bytes);
  OutboundItem item;
  item.seq = seq;
  if (!r.Version() || !r.Bytes(&item.recipient_account) || !r.Bytes(&item.content) ||
      !r.U32(&item.attempts) || !r.done()) {
    return std::nullopt;
  }
  return item;
}

}  // namespace kollega::client::store_format
