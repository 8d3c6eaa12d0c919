// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/aead.h"

#include <openssl/evp.h>

#include <climits>
#include <memory>

#include "kollega/crypto/device_key.h"

namespace kollega::crypto {
namespace {

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

Status CheckSizes(std::string_view key, std::string_view nonce, std::string_view aad,
                  size_t length) {
  if (key.size() != kAeadKeySize) return InvalidArgument("AES-256-GCM: key size");
  if (nonce.size() != kAeadNonceSize) return InvalidArgument("AES-256-GCM: nonce size");
  if (aad.size() > INT_MAX || length > INT_MAX) return InvalidArgument("AES-256-GCM: too long");
  return Status::Ok();
}

}  // namespace

Result<std::string> AeadSeal(std::string_view key, std::string_view nonce, std::string_view aad,
                             std::string_view plaintext) {
  KOLLEGA_RETURN_IF_ERROR(CheckSizes(key, nonce, aad, plaintext.size()));
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  std::string out(plaintext.size() + kAeadTagSize, '\0');
  int len = 0;
  int final_len = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, U(key), U(nonce)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, U(aad), static_cast<int>(aad.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), U(out), &len, U(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), U(out) + len, &final_len) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAeadTagSize,
                          U(out) + plaintext.size()) == 1;
  if (!ok) {
    Wipe(out);
    return Internal("AES-256-GCM seal failed");
  }
  return out;
}

Result<std::string> AeadOpen(std::string_view key, std::string_view nonce, std::string_view aad,
                             std::string_view sealed) {
  if (sealed.size() < kAeadTagSize) return Unauthenticated("AES-256-GCM: shorter than its tag");
  const std::string_view body = sealed.substr(0, sealed.size() - kAeadTagSize);
  KOLLEGA_RETURN_IF_ERROR(CheckSizes(key, nonce, aad, body.size()));
  std::string tag(sealed.substr(body.size()));
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  std::string plain(body.size(), '\0');
  int len = 0;
  int final_len = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, U(key), U(nonce)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, U(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), U(plain), &len, U(body), static_cast<int>(body.size())) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAeadTagSize, U(tag)) != 1) {
    Wipe(plain);
    return Internal("AES-256-GCM open failed");
  }
  if (EVP_DecryptFinal_ex(ctx.get(), U(plain) + len, &final_len) != 1) {
    Wipe(plain);
    return Unauthenticated("AES-256-GCM: the tag does not match");
  }
  return plain;
}

}  // namespace kollega::crypto
