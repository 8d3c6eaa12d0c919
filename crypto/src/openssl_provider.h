// The crypto provider libsignal-protocol-c calls for every primitive except
// Curve25519/XEdDSA (which it bundles): random bytes, HMAC-SHA256, SHA-512,
// AES-256-CBC (PKCS#7) and AES-256-CTR, all on OpenSSL 3.
//
// OpenSslProvider owns the algorithms it fetched once up front (fetching per
// call is a measurable cost in OpenSSL 3); the table's user_data points at
// it, so it must outlive every context it was installed in.
// Internal to crypto/ (tests and the bench include it to call the callbacks
// directly with published vectors).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <signal/signal_protocol.h>

#include <memory>

#include "kollega/base/status.h"

typedef struct evp_mac_st EVP_MAC;
typedef struct evp_md_st EVP_MD;
typedef struct evp_cipher_st EVP_CIPHER;

namespace kollega::crypto::internal {

class OpenSslProvider {
 public:
  static Result<std::unique_ptr<OpenSslProvider>> Create();
  ~OpenSslProvider();
  OpenSslProvider(const OpenSslProvider&) = delete;
  OpenSslProvider& operator=(const OpenSslProvider&) = delete;

  // The callback table; signal_context_set_crypto_provider copies it.
  const signal_crypto_provider& table() const { return table_; }

  EVP_MAC* hmac() const { return hmac_; }
  const EVP_MD* sha512() const { return sha512_; }
  const EVP_CIPHER* aes_256_cbc() const { return cbc_; }
  const EVP_CIPHER* aes_256_ctr() const { return ctr_; }

 private:
  OpenSslProvider() = default;
  signal_crypto_provider table_{};
  EVP_MAC* hmac_ = nullptr;
  EVP_MD* sha512_ = nullptr;
  EVP_CIPHER* cbc_ = nullptr;
  EVP_CIPHER* ctr_ = nullptr;
};

}  // namespace kollega::crypto::internal
