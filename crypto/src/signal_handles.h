// RAII owners for libsignal-protocol-c objects, and byte conversions.
// Internal to crypto/: includes the library's headers.
//
// Reference-counted objects (keys, records, messages, bundles) are released
// with signal_type_unref; builders, ciphers, generators, buffers and contexts
// have their own *_free / *_destroy and must never be unreffed. unique_ptr
// nulls itself on release, which is what SIGNAL_UNREF does by hand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <signal/curve.h>
#include <signal/fingerprint.h>
#include <signal/key_helper.h>
#include <signal/protocol.h>
#include <signal/ratchet.h>
#include <signal/session_builder.h>
#include <signal/session_cipher.h>
#include <signal/session_pre_key.h>
#include <signal/session_record.h>
#include <signal/session_state.h>
#include <signal/signal_protocol.h>

#include <memory>
#include <string>
#include <string_view>

namespace kollega::crypto::internal {

struct Unref {
  void operator()(void* object) const {
    if (object) signal_type_unref(static_cast<signal_type_base*>(object));
  }
};
// Owns one reference to a library object of type T.
template <typename T>
using Ref = std::unique_ptr<T, Unref>;

struct BufferFree {
  // Buffers often carry key material or plaintext: always zero them.
  void operator()(signal_buffer* b) const { signal_buffer_bzero_free(b); }
};
using BufferPtr = std::unique_ptr<signal_buffer, BufferFree>;

struct SessionCipherFree {
  void operator()(session_cipher* c) const { session_cipher_free(c); }
};
using SessionCipherPtr = std::unique_ptr<session_cipher, SessionCipherFree>;

struct SessionBuilderFree {
  void operator()(session_builder* b) const { session_builder_free(b); }
};
using SessionBuilderPtr = std::unique_ptr<session_builder, SessionBuilderFree>;

struct FingerprintGeneratorFree {
  void operator()(fingerprint_generator* g) const { fingerprint_generator_free(g); }
};
using FingerprintGeneratorPtr = std::unique_ptr<fingerprint_generator, FingerprintGeneratorFree>;

struct StoreContextFree {
  void operator()(signal_protocol_store_context* s) const {
    signal_protocol_store_context_destroy(s);
  }
};
using StoreContextPtr = std::unique_ptr<signal_protocol_store_context, StoreContextFree>;

struct PreKeyListFree {
  void operator()(signal_protocol_key_helper_pre_key_list_node* head) const {
    signal_protocol_key_helper_key_list_free(head);
  }
};
using PreKeyListPtr = std::unique_ptr<signal_protocol_key_helper_pre_key_list_node, PreKeyListFree>;

inline const uint8_t* Bytes(std::string_view s) {
  return reinterpret_cast<const uint8_t*>(s.data());
}

inline std::string ToString(const signal_buffer* b) {
  if (!b) return {};
  return std::string(reinterpret_cast<const char*>(signal_buffer_const_data(b)),
                     signal_buffer_len(b));
}

// A library buffer holding a copy of `s`; null only when out of memory.
inline BufferPtr MakeBuffer(std::string_view s) {
  return BufferPtr(signal_buffer_create(Bytes(s), s.size()));
}

}  // namespace kollega::crypto::internal

#include "kollega/base/status.h"

namespace kollega::crypto::internal {

// Parses a 33-byte serialized public key.
inline Result<Ref<ec_public_key>> DecodePublicKey(signal_context* context, std::string_view key) {
  ec_public_key* raw = nullptr;
  if (key.empty() || curve_decode_point(&raw, Bytes(key), key.size(), context) != SG_SUCCESS) {
    return InvalidArgument("invalid key (public key does not decode)");
  }
  return Ref<ec_public_key>(raw);
}

inline Result<std::string> SerializePublicKey(const ec_public_key* key) {
  signal_buffer* raw = nullptr;
  if (!key || ec_public_key_serialize(&raw, key) != SG_SUCCESS) {
    return Internal("cannot serialize public key");
  }
  return ToString(BufferPtr(raw).get());
}

}  // namespace kollega::crypto::internal
