// The on-disk format of the client store: how keys are built (the grammar is
// at the top of client_store_format.cpp) and how each record kind is encoded.
//
// Every value record starts with a format byte so a later version can change
// a record without a migration of the whole store. Decoders are strict: a
// record that does not parse exactly is corrupt (the caller reports
// DataLoss), never half-read.
//
// Ownership: plain functions over strings. Encoders of secret records return
// buffers the caller must wipe (crypto::Wipe) when done.
// Thread-safety: stateless, thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "kollega/crypto/signal_keys.h"
#include "kollega/crypto/signal_store.h"
#include "store/client_store.h"

namespace kollega::client::store_format {

// The whole store's layout version, kept under FormatKey().
inline constexpr uint8_t kStoreFormat = 1;

// --- Keys (see the grammar in client_store_format.cpp) ---
// Kinds whose deleted records must leave the files, not just the key space:
// secrets (identity, account, sessions, prekeys, sender keys) and history.
constexpr bool IsKeyMaterialKind(char kind) {
  switch (kind) {
    case 'a':
    case 'i':
    case 's':
    case 'p':
    case 'k':
    case 'g':
    case 'h':
    case 'm':
    case 'c':
      return true;
    default:
      return false;
  }
}
std::string FormatKey();
std::string AccountKey();
std::string LocalIdentityKey();
std::string SessionKey(const crypto::SignalAddress& address);
std::string SessionPrefix(std::string_view name);
std::string PreKeyKey(uint32_t id);
std::string SignedPreKeyKey(uint32_t id);
std::string RemoteIdentityKey(const crypto::SignalAddress& address);
// Before identities were pinned per account ('P'), 'r' held one per device;
// only the migration (client_store_signal.cpp) still reads them.
std::string RemoteIdentityPrefix();
std::optional<crypto::SignalAddress> ParseRemoteIdentityKey(std::string_view key);
std::string PinnedIdentityKey(std::string_view account);
std::string DeviceListKey(std::string_view account);
std::string SenderKeyKey(const crypto::SenderKeyName& name);
std::string HistoryPrefix(std::string_view peer);
std::string HistoryKey(std::string_view peer, int64_t stored_ms, uint64_t seq);
std::string MessageIndexKey(std::string_view peer, std::string_view message_id);
std::string ConversationPrefix();
std::string ConversationKey(std::string_view peer);
std::string IdentityChangePrefix();
std::string IdentityChangeKey(std::string_view peer, int32_t device_id);
std::string OutboundPrefix();
std::string OutboundKey(uint64_t seq);
// A component's record: 't' bytes(component) key.
std::string ComponentRecordKey(std::string_view component, std::string_view key);
std::string ComponentPrefix(std::string_view component);
// Store-assigned sequence counters; `kind` is 'h' (history) or 'o' (outbound).
std::string CounterKey(char kind);

// The smallest key greater than every key starting with `prefix`.
std::string PrefixEnd(std::string_view prefix);

// Key parsers for range scans; nullopt means the key is malformed.
std::optional<int32_t> DeviceOfSessionKey(std::string_view key, size_t prefix_size);
std::optional<std::string> PeerOfConversationKey(std::string_view key);
std::optional<std::pair<std::string, int32_t>> ParseIdentityChangeKey(std::string_view key);
std::optional<uint64_t> SeqOfOutboundKey(std::string_view key);

// --- Values ---
std::string EncodeU64(uint64_t v);
std::optional<uint64_t> DecodeU64(std::string_view bytes);

struct LocalIdentity {
  crypto::IdentityKeyPair identity;
  uint32_t registration_id = 0;
};
std::string EncodeLocalIdentity(const crypto::IdentityKeyPair& identity, uint32_t registration_id);
std::optional<LocalIdentity> DecodeLocalIdentity(std::string_view bytes);

std::string EncodeAccount(const LocalAccount& account);
// Writes into `out` (which the caller wipes on failure too).
bool DecodeAccount(std::string_view bytes, LocalAccount* out);

std::string EncodeMessage(const StoredMessage& message);
std::optional<StoredMessage> DecodeMessage(std::string_view bytes);

std::string EncodeSummary(uint64_t message_count, int64_t last_ms);
std::optional<std::pair<uint64_t, int64_t>> DecodeSummary(std::string_view bytes);

// An accepted signed device list: its version and the SignedDeviceList bytes.
std::string EncodeDeviceList(uint64_t version, std::string_view signed_list);
std::optional<std::pair<uint64_t, std::string>> DecodeDeviceList(std::string_view bytes);

std::string EncodeOutbound(const OutboundItem& item);
// `seq` comes from the key, not the value.
std::optional<OutboundItem> DecodeOutbound(std::string_view bytes, uint64_t seq);

}  // namespace kollega::client::store_format
