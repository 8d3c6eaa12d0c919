// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/passphrase_box.h"

#include <openssl/evp.h>

#include "kollega/crypto/aead.h"
#include "kollega/crypto/device_key.h"

namespace kollega::crypto {
namespace {

constexpr uint8_t kVersion = 1;
constexpr uint32_t kScryptR = 8;
constexpr uint32_t kScryptP = 1;
constexpr size_t kSaltSize = 16;
constexpr size_t kSaltOffset = kBoxHeaderSize - kSaltSize;
constexpr size_t kKekSize = kAeadKeySize;
constexpr uint64_t kMaxScryptMemory = uint64_t{1} << 30;

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
uint32_t GetU32(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

Status CheckKey(const BoxKey& key) {
  if (!key.passphrase.empty() && !key.raw_key.empty()) {
    return InvalidArgument("give a passphrase or a key, not both");
  }
  if (key.passphrase.empty() && key.raw_key.empty()) {
    return InvalidArgument("a passphrase or a key is needed");
  }
  if (key.passphrase.empty() && key.raw_key.size() != kKekSize) {
    return InvalidArgument("the key must be exactly 32 bytes");
  }
  return Status::Ok();
}

// The KEK for `header`; wiped by the caller.
Result<std::string> DeriveKek(const BoxKey& key, const BoxHeader& header, std::string_view salt) {
  if (header.kdf == BoxKdf::kRawKey) return std::string(key.raw_key);
  const uint64_t n = uint64_t{1} << header.log2_n;
  const uint64_t memory = 128 * uint64_t{header.r} * n * 2;  // scrypt's V plus slack
  std::string kek(kKekSize, '\0');
  if (EVP_PBE_scrypt(key.passphrase.data(), key.passphrase.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n, header.r,
                     header.p, memory, reinterpret_cast<unsigned char*>(kek.data()),
                     kek.size()) != 1) {
    Wipe(kek);
    return Internal("scrypt failed (out of memory?)");
  }
  return kek;
}

std::string KindName(BoxKdf kdf) { return kdf == BoxKdf::kScrypt ? "a passphrase" : "a key"; }

}  // namespace

Result<std::string> SealBox(std::string_view secret, const BoxKey& key, std::string_view magic,
                            uint8_t scrypt_log2_n) {
  KOLLEGA_RETURN_IF_ERROR(CheckKey(key));
  if (magic.size() != kBoxMagicSize) return InvalidArgument("a box's magic is 8 bytes");
  BoxHeader header{BoxKdf::kRawKey, 0, 0, 0};
  if (!key.passphrase.empty()) {
    if (scrypt_log2_n < 1 || scrypt_log2_n > 22) return InvalidArgument("scrypt cost out of range");
    header = {BoxKdf::kScrypt, scrypt_log2_n, kScryptR, kScryptP};
  }
  std::string out(magic);
  out.push_back(static_cast<char>(kVersion));
  out.push_back(static_cast<char>(header.kdf));
  out.push_back(static_cast<char>(header.log2_n));
  PutU32(out, header.r);
  PutU32(out, header.p);
  out += RandomBytes(kSaltSize);

  KOLLEGA_ASSIGN_OR_RETURN(std::string kek,
                           DeriveKek(key, header, std::string_view(out).substr(kSaltOffset)));
  const std::string nonce = RandomBytes(kAeadNonceSize);
  auto sealed = AeadSeal(kek, nonce, out, secret);
  Wipe(kek);
  if (!sealed.ok()) return Internal("cannot seal the box");
  out += nonce;
  out += *sealed;
  return out;
}

Result<BoxHeader> ReadBoxHeader(std::string_view box, std::string_view magic) {
  if (box.size() < kBoxOverhead || box.substr(0, kBoxMagicSize) != magic) {
    return DataLoss("damaged, or not a box of this kind");
  }
  if (static_cast<uint8_t>(box[8]) != kVersion) {
    return FailedPrecondition("a box version this build does not read (newer version?)");
  }
  BoxHeader header{static_cast<BoxKdf>(box[9]), static_cast<uint8_t>(box[10]),
                   GetU32(box.substr(11)), GetU32(box.substr(15))};
  if (header.kdf == BoxKdf::kScrypt) {
    if (header.log2_n < 1 || header.log2_n > 22 || header.r == 0 || header.p == 0 ||
        header.r > 64 || header.p > 16 ||
        128 * uint64_t{header.r} * (uint64_t{1} << header.log2_n) > kMaxScryptMemory) {
      return DataLoss("unusable scrypt parameters");
    }
  } else if (header.kdf != BoxKdf::kRawKey) {
    return DataLoss("an unknown key derivation");
  }
  return header;
}

Result<std::string> OpenBox(std::string_view box, const BoxKey& key, std::string_view magic) {
  KOLLEGA_ASSIGN_OR_RETURN(BoxHeader header, ReadBoxHeader(box, magic));
  KOLLEGA_RETURN_IF_ERROR(CheckKey(key));
  const BoxKdf given = key.passphrase.empty() ? BoxKdf::kRawKey : BoxKdf::kScrypt;
  if (given != header.kdf) {
    return FailedPrecondition("sealed with " + KindName(header.kdf) + ", not " + KindName(given));
  }
  const std::string_view aad = box.substr(0, kBoxHeaderSize);
  KOLLEGA_ASSIGN_OR_RETURN(std::string kek, DeriveKek(key, header, aad.substr(kSaltOffset)));
  auto secret = AeadOpen(kek, box.substr(kBoxHeaderSize, kAeadNonceSize), aad,
                         box.substr(kBoxHeaderSize + kAeadNonceSize));
  Wipe(kek);
  if (!secret.ok()) {
    return Unauthenticated(given == BoxKdf::kScrypt ? "wrong passphrase" : "wrong key");
  }
  return secret;
}

}  // namespace kollega::crypto
