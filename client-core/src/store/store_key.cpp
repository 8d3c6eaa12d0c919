// SPDX-License-Identifier: GPL-3.0-or-later
#include "store_key.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "encrypted_env.h"
#include "kollega/crypto/aead.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client::store_internal {
namespace {

constexpr std::string_view kMagic = "KLGSTKEY";
constexpr uint8_t kVersion = 1;
constexpr uint8_t kKdfScrypt = 1;
constexpr uint8_t kKdfRawKey = 2;
constexpr uint32_t kScryptR = 8;
constexpr uint32_t kScryptP = 1;
constexpr size_t kSaltSize = 16;
constexpr size_t kSaltOffset = 8 + 1 + 1 + 1 + 4 + 4;
constexpr size_t kNonceSize = crypto::kAeadNonceSize;
constexpr size_t kTagSize = crypto::kAeadTagSize;
constexpr size_t kHeaderSize = kSaltOffset + kSaltSize;
constexpr size_t kFileSize = kHeaderSize + kNonceSize + kDataKeySize + kTagSize;
// A key file is outside input: refuse costs that would exhaust memory.
constexpr uint64_t kMaxScryptMemory = uint64_t{1} << 30;

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

void PutU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
uint32_t GetU32(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(in[i]);
  return v;
}

struct KdfParams {
  uint8_t kdf = 0;
  uint8_t log2_n = 0;
  uint32_t r = 0;
  uint32_t p = 0;
};

// The KEK for `params`; wiped by the caller.
Result<std::string> DeriveKek(const StoreKeySource& source, const KdfParams& params,
                              std::string_view salt) {
  if (params.kdf == kKdfRawKey) {
    if (source.raw_key.size() != kDataKeySize) {
      return InvalidArgument("the store key must be exactly 32 bytes");
    }
    return std::string(source.raw_key);
  }
  const uint64_t n = uint64_t{1} << params.log2_n;
  const uint64_t memory = 128 * uint64_t{params.r} * n * 2;  // scrypt's V plus slack
  std::string kek(kDataKeySize, '\0');
  if (EVP_PBE_scrypt(source.passphrase.data(), source.passphrase.size(), U(salt), salt.size(), n,
                     params.r, params.p, memory, U(kek), kek.size()) != 1) {
    crypto::Wipe(kek);
    return Internal("scrypt failed (out of memory?)");
  }
  return kek;
}

Status SyncDir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Unavailable("cannot open " + dir.string() + " to sync it");
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok ? Status::Ok() : Unavailable("cannot sync " + dir.string());
}

// Writes `bytes` to `path` via a temporary file, 0600, synced, renamed.
Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return Unavailable("cannot create the store key file " + path + ": " + strerror(errno));
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Unavailable("cannot write the store key file " + path);
  }
  return SyncDir(std::filesystem::path(path).parent_path());
}

std::string KindName(uint8_t kdf) { return kdf == kKdfScrypt ? "a passphrase" : "a key"; }

}  // namespace

bool HasKeySource(const StoreKeySource& source) {
  return !source.passphrase.empty() || !source.raw_key.empty();
}

Result<std::string> CreateKeyFile(const std::string& key_path, const StoreKeySource& source) {
  if (!source.passphrase.empty() && !source.raw_key.empty()) {
    return InvalidArgument("give the store a passphrase or a key, not both");
  }
  if (!HasKeySource(source)) {
    return FailedPrecondition(
        "a new client store needs a passphrase or a key to encrypt it "
        "(docs/storage-encryption.md)");
  }
  KdfParams params;
  if (!source.passphrase.empty()) {
    params = {kKdfScrypt, source.kdf_log2_n ? source.kdf_log2_n : kDefaultScryptLog2N, kScryptR,
              kScryptP};
    if (params.log2_n < 1 || params.log2_n > 22) {
      return InvalidArgument("scrypt cost out of range");
    }
  } else {
    params = {kKdfRawKey, 0, 0, 0};
  }
  std::string header(kMagic);
  header.push_back(static_cast<char>(kVersion));
  header.push_back(static_cast<char>(params.kdf));
  header.push_back(static_cast<char>(params.log2_n));
  PutU32(header, params.r);
  PutU32(header, params.p);
  header += crypto::RandomBytes(kSaltSize);

  KOLLEGA_ASSIGN_OR_RETURN(std::string kek,
                           DeriveKek(source, params, std::string_view(header).substr(kSaltOffset)));
  std::string data_key = crypto::RandomBytes(kDataKeySize);
  const std::string nonce = crypto::RandomBytes(kNonceSize);
  // The header is the associated data: its KDF parameters cannot be altered.
  auto wrapped = crypto::AeadSeal(kek, nonce, header, data_key);
  crypto::Wipe(kek);
  if (!wrapped.ok()) {
    crypto::Wipe(data_key);
    return Internal("cannot wrap the store key");
  }
  Status written = WriteFileAtomically(key_path, header + nonce + *wrapped);
  if (!written.ok()) {
    crypto::Wipe(data_key);
    return written;
  }
  return data_key;
}

Result<std::string> UnwrapDataKey(const std::string& key_path, const StoreKeySource& source) {
  std::ifstream in(key_path, std::ios::binary);
  if (!in) return Unavailable("cannot read the store key file " + key_path);
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (file.size() != kFileSize || std::string_view(file).substr(0, 8) != kMagic) {
    return DataLoss("the store key file " + key_path + " is damaged or not a key file");
  }
  if (static_cast<uint8_t>(file[8]) != kVersion) {
    return FailedPrecondition("the store key file " + key_path +
                              " has a version this build does not read (newer version?)");
  }
  const std::string_view header = std::string_view(file).substr(0, kHeaderSize);
  KdfParams params{static_cast<uint8_t>(file[9]), static_cast<uint8_t>(file[10]),
                   GetU32(header.substr(11)), GetU32(header.substr(15))};
  if (params.kdf == kKdfScrypt) {
    if (params.log2_n < 1 || params.log2_n > 22 || params.r == 0 || params.p == 0 ||
        params.r > 64 || params.p > 16 ||
        128 * uint64_t{params.r} * (uint64_t{1} << params.log2_n) > kMaxScryptMemory) {
      return DataLoss("the store key file " + key_path + " has unusable scrypt parameters");
    }
  } else if (params.kdf != kKdfRawKey) {
    return DataLoss("the store key file " + key_path + " names an unknown key derivation");
  }
  const bool have_passphrase = !source.passphrase.empty();
  if (!HasKeySource(source)) {
    return FailedPrecondition("the client store is encrypted: it needs " + KindName(params.kdf));
  }
  if (have_passphrase != (params.kdf == kKdfScrypt)) {
    return FailedPrecondition("the client store was set up with " + KindName(params.kdf) +
                              ", not " + KindName(have_passphrase ? kKdfScrypt : kKdfRawKey));
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::string kek, DeriveKek(source, params, header.substr(kSaltOffset)));
  const std::string_view nonce = std::string_view(file).substr(kHeaderSize, kNonceSize);
  auto data_key =
      crypto::AeadOpen(kek, nonce, header, std::string_view(file).substr(kHeaderSize + kNonceSize));
  crypto::Wipe(kek);
  if (!data_key.ok()) {
    return Unauthenticated(have_passphrase ? "wrong passphrase for the client store"
                                           : "wrong key for the client store");
  }
  return data_key;
}

}  // namespace kollega::client::store_internal
