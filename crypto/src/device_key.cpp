// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/device_key.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>

namespace kollega::crypto {
namespace {

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

std::string RawPublicKey(EVP_PKEY* key) {
  std::string out(kEd25519PublicKeySize, '\0');
  size_t len = out.size();
  if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(out.data()), &len) != 1 ||
      len != kEd25519PublicKeySize) {
    return {};
  }
  return out;
}

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

void AppendField(std::string& out, std::string_view field) {
  AppendU32(out, static_cast<uint32_t>(field.size()));
  out.append(field);
}

}  // namespace

struct DeviceKey::Impl {
  PkeyPtr key;
};

DeviceKey::DeviceKey(std::unique_ptr<Impl> impl, std::string public_key)
    : impl_(std::move(impl)), public_key_(std::move(public_key)) {}
DeviceKey::DeviceKey(DeviceKey&&) noexcept = default;
DeviceKey& DeviceKey::operator=(DeviceKey&&) noexcept = default;
// EVP_PKEY_free clears the private key material it holds.
DeviceKey::~DeviceKey() = default;

Result<DeviceKey> DeviceKey::Generate() {
  std::string seed = RandomBytes(32);
  auto key = FromPrivateSeed(seed);
  Wipe(seed);
  return key;
}

Result<DeviceKey> DeviceKey::FromPrivateSeed(std::string_view seed) {
  if (seed.size() != 32) return InvalidArgument("device key seed must be 32 bytes");
  PkeyPtr key(EVP_PKEY_new_raw_private_key(
      EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), seed.size()));
  if (!key) return Internal("cannot load Ed25519 private key");
  std::string pub = RawPublicKey(key.get());
  if (pub.empty()) return Internal("cannot derive Ed25519 public key");
  auto impl = std::make_unique<Impl>();
  impl->key = std::move(key);
  return DeviceKey(std::move(impl), std::move(pub));
}

std::string DeviceKey::PrivateSeed() const {
  std::string out(32, '\0');
  size_t len = out.size();
  if (EVP_PKEY_get_raw_private_key(impl_->key.get(), reinterpret_cast<unsigned char*>(out.data()),
                                   &len) != 1) {
    return {};
  }
  return out;
}

Result<std::string> DeviceKey::Sign(std::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1) {
    return Internal("Ed25519 sign init failed");
  }
  std::string sig(kEd25519SignatureSize, '\0');
  size_t len = sig.size();
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1 ||
      len != kEd25519SignatureSize) {
    return Internal("Ed25519 sign failed");
  }
  return sig;
}

bool VerifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature) {
  if (public_key.size() != kEd25519PublicKeySize || signature.size() != kEd25519SignatureSize) {
    return false;
  }
  PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                          reinterpret_cast<const unsigned char*>(public_key.data()),
                                          public_key.size()));
  if (!key) return false;
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

std::string DeviceAuthMessage(std::string_view nonce, std::string_view account_id,
                              uint32_t device_id) {
  std::string out = "kollega-auth-v1";
  AppendField(out, nonce);
  AppendField(out, account_id);
  AppendU32(out, device_id);
  return out;
}

std::string DeviceAuthMessageV2(std::string_view nonce, std::string_view account_id,
                                uint32_t device_id, std::string_view origin,
                                std::string_view exporter) {
  std::string out = "kollega-auth-v2";
  AppendField(out, nonce);
  AppendField(out, account_id);
  AppendU32(out, device_id);
  AppendField(out, origin);
  AppendField(out, exporter);
  return out;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    std::abort();
  }
  return out;
}

std::string Sha256(std::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

void Wipe(void* data, size_t size) { OPENSSL_cleanse(data, size); }
void Wipe(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

}  // namespace kollega::crypto
