// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/signal_keys.h"

#include "context_internal.h"
#include "kollega/crypto/device_key.h"
#include "signal_errors.h"
#include "signal_handles.h"

namespace kollega::crypto {

using internal::BufferPtr;
using internal::Bytes;
using internal::Ref;
using internal::SerializePublicKey;
using internal::ToString;

IdentityKeyPair::~IdentityKeyPair() { Wipe(private_key); }
SignedPreKey::~SignedPreKey() { Wipe(record); }
PreKey::~PreKey() { Wipe(record); }

namespace {

Result<std::string> SerializePrivateKey(const ec_private_key* key) {
  signal_buffer* raw = nullptr;
  if (!key || ec_private_key_serialize(&raw, key) != SG_SUCCESS) {
    return Internal("cannot serialize private key");
  }
  return ToString(BufferPtr(raw).get());
}

Result<Ref<ratchet_identity_key_pair>> DecodeIdentity(signal_context* context,
                                                      const IdentityKeyPair& identity) {
  KOLLEGA_ASSIGN_OR_RETURN(auto pub, internal::DecodePublicKey(context, identity.public_key));
  ec_private_key* priv_raw = nullptr;
  if (curve_decode_private_point(&priv_raw, Bytes(identity.private_key),
                                 identity.private_key.size(), context) != SG_SUCCESS) {
    return InvalidArgument("invalid key (identity private key does not decode)");
  }
  Ref<ec_private_key> priv(priv_raw);
  ratchet_identity_key_pair* pair = nullptr;
  // The pair takes its own references to both halves.
  if (ratchet_identity_key_pair_create(&pair, pub.get(), priv.get()) != SG_SUCCESS) {
    return Internal("cannot build identity key pair");
  }
  return Ref<ratchet_identity_key_pair>(pair);
}

}  // namespace

Result<IdentityKeyPair> GenerateIdentityKeyPair(SignalContext& context) {
  ratchet_identity_key_pair* raw = nullptr;
  int rc = signal_protocol_key_helper_generate_identity_key_pair(&raw,
                                                                 SignalContextAccess::Raw(context));
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "generate identity key");
  Ref<ratchet_identity_key_pair> pair(raw);
  IdentityKeyPair out;
  KOLLEGA_ASSIGN_OR_RETURN(out.public_key,
                           SerializePublicKey(ratchet_identity_key_pair_get_public(pair.get())));
  KOLLEGA_ASSIGN_OR_RETURN(out.private_key,
                           SerializePrivateKey(ratchet_identity_key_pair_get_private(pair.get())));
  return out;
}

Result<uint32_t> GenerateRegistrationId(SignalContext& context) {
  uint32_t id = 0;
  // extended_range = 0 keeps ids in 1..16380, what other clients expect.
  int rc = signal_protocol_key_helper_generate_registration_id(&id, 0,
                                                               SignalContextAccess::Raw(context));
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "generate registration id");
  return id;
}

Result<SignedPreKey> GenerateSignedPreKey(SignalContext& context, const IdentityKeyPair& identity,
                                          uint32_t id, uint64_t timestamp_ms) {
  signal_context* ctx = SignalContextAccess::Raw(context);
  KOLLEGA_ASSIGN_OR_RETURN(auto pair, DecodeIdentity(ctx, identity));
  session_signed_pre_key* raw = nullptr;
  int rc =
      signal_protocol_key_helper_generate_signed_pre_key(&raw, pair.get(), id, timestamp_ms, ctx);
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "generate signed prekey");
  Ref<session_signed_pre_key> key(raw);

  SignedPreKey out;
  out.id = id;
  out.timestamp_ms = timestamp_ms;
  KOLLEGA_ASSIGN_OR_RETURN(
      out.public_key,
      SerializePublicKey(ec_key_pair_get_public(session_signed_pre_key_get_key_pair(raw))));
  out.signature.assign(reinterpret_cast<const char*>(session_signed_pre_key_get_signature(raw)),
                       session_signed_pre_key_get_signature_len(raw));
  signal_buffer* record = nullptr;
  if (session_signed_pre_key_serialize(&record, raw) != SG_SUCCESS) {
    return Internal("cannot serialize signed prekey");
  }
  out.record = ToString(BufferPtr(record).get());
  return out;
}

Result<uint64_t> SignedPreKeyTimestamp(SignalContext& context, std::string_view record) {
  session_signed_pre_key* raw = nullptr;
  int rc = session_signed_pre_key_deserialize(&raw, reinterpret_cast<const uint8_t*>(record.data()),
                                              record.size(), SignalContextAccess::Raw(context));
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "read signed prekey");
  Ref<session_signed_pre_key> key(raw);
  return session_signed_pre_key_get_timestamp(raw);
}

Result<std::vector<PreKey>> GeneratePreKeys(SignalContext& context, uint32_t start,
                                            uint32_t count) {
  // The library computes ids as ((start + i - 1) mod kMaxPreKeyId) + 1; a
  // start of 0 would underflow into a wrong id.
  if (start < 1 || start > kMaxPreKeyId) return InvalidArgument("prekey start id out of range");
  std::vector<PreKey> out;
  if (count == 0) return out;
  signal_protocol_key_helper_pre_key_list_node* head = nullptr;
  int rc = signal_protocol_key_helper_generate_pre_keys(&head, start, count,
                                                        SignalContextAccess::Raw(context));
  internal::PreKeyListPtr list(head);
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "generate prekeys");
  out.reserve(count);
  for (auto* node = head; node; node = signal_protocol_key_helper_key_list_next(node)) {
    session_pre_key* key = signal_protocol_key_helper_key_list_element(node);  // borrowed
    PreKey pk;
    pk.id = session_pre_key_get_id(key);
    KOLLEGA_ASSIGN_OR_RETURN(
        pk.public_key,
        SerializePublicKey(ec_key_pair_get_public(session_pre_key_get_key_pair(key))));
    signal_buffer* record = nullptr;
    if (session_pre_key_serialize(&record, key) != SG_SUCCESS) {
      return Internal("cannot serialize prekey");
    }
    pk.record = ToString(BufferPtr(record).get());
    out.push_back(std::move(pk));
  }
  return out;
}

uint32_t NextPreKeyId(uint32_t id) { return id % kMaxPreKeyId + 1; }

Result<std::string> SignWithIdentity(SignalContext& context, const IdentityKeyPair& identity,
                                     std::string_view message) {
  signal_context* ctx = SignalContextAccess::Raw(context);
  ec_private_key* priv_raw = nullptr;
  if (curve_decode_private_point(&priv_raw, Bytes(identity.private_key),
                                 identity.private_key.size(), ctx) != SG_SUCCESS) {
    return InvalidArgument("invalid key (identity private key does not decode)");
  }
  Ref<ec_private_key> priv(priv_raw);
  signal_buffer* raw = nullptr;
  int rc = curve_calculate_signature(ctx, &raw, priv.get(), Bytes(message), message.size());
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "sign with the identity key");
  return ToString(BufferPtr(raw).get());
}

bool VerifySignalSignature(SignalContext& context, std::string_view public_key,
                           std::string_view message, std::string_view signature) {
  auto key = internal::DecodePublicKey(SignalContextAccess::Raw(context), public_key);
  if (!key.ok() || signature.size() != kSignalSignatureSize) return false;
  return curve_verify_signature(key->get(), Bytes(message), message.size(), Bytes(signature),
                                signature.size()) == 1;
}

}  // namespace kollega::crypto
