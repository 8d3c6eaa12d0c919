// SPDX-License-Identifier: GPL-3.0-or-later
#include "encrypted_env.h"

#include <openssl/evp.h>
#include <rocksdb/env_encryption.h>
#include <sys/random.h>

#include <cerrno>
#include <cstring>

#include "kollega/crypto/device_key.h"

namespace kollega::client::store_internal {
namespace {

constexpr char kMagic[] = "KLGENC01";
constexpr size_t kMagicSize = 8;
constexpr size_t kIvSize = 16;
// One page, as RocksDB's own CTR provider uses: keeps the data that follows
// aligned for readers that care.
constexpr size_t kPrefixSize = 4096;

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

// AES-256-CTR from an arbitrary file offset. Encrypting and decrypting are
// the same XOR with the key stream.
class AesCtrStream final : public rocksdb::BlockAccessCipherStream {
 public:
  AesCtrStream(const unsigned char* key, const unsigned char* iv) : key_(key) {
    std::memcpy(iv_, iv, kIvSize);
  }
  ~AesCtrStream() override { crypto::Wipe(iv_, sizeof iv_); }

  size_t BlockSize() override { return 16; }
  rocksdb::Status Encrypt(uint64_t offset, char* data, size_t size) override {
    return Apply(offset, data, size);
  }
  rocksdb::Status Decrypt(uint64_t offset, char* data, size_t size) override {
    return Apply(offset, data, size);
  }

 protected:
  // Unused: Encrypt/Decrypt above do whole ranges through OpenSSL.
  void AllocateScratch(std::string&) override {}
  rocksdb::Status EncryptBlock(uint64_t, char*, char*) override {
    return rocksdb::Status::NotSupported("block-wise AES-CTR");
  }
  rocksdb::Status DecryptBlock(uint64_t, char*, char*) override {
    return rocksdb::Status::NotSupported("block-wise AES-CTR");
  }

 private:
  rocksdb::Status Apply(uint64_t offset, char* data, size_t size) {
    if (size == 0) return rocksdb::Status::OK();
    // Counter block for the 16-byte block that holds `offset`.
    unsigned char counter[kIvSize];
    std::memcpy(counter, iv_, kIvSize);
    uint64_t add = offset / 16;
    for (int i = kIvSize - 1; i >= 0 && add != 0; --i) {
      const uint64_t sum = counter[i] + (add & 0xff);
      counter[i] = static_cast<unsigned char>(sum);
      add = (add >> 8) + (sum >> 8);
    }
    CipherCtx ctx(EVP_CIPHER_CTX_new());
    bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_ctr(), nullptr, key_, counter) == 1;
    // Skip the key stream bytes before `offset` within its block.
    unsigned char skip[16] = {};
    int len = 0;
    const int into_block = static_cast<int>(offset % 16);
    if (ok && into_block > 0) ok = EVP_EncryptUpdate(ctx.get(), skip, &len, skip, into_block) == 1;
    auto* bytes = reinterpret_cast<unsigned char*>(data);
    for (size_t done = 0; ok && done < size;) {
      const int chunk = static_cast<int>(std::min<size_t>(size - done, 1 << 30));
      ok = EVP_EncryptUpdate(ctx.get(), bytes + done, &len, bytes + done, chunk) == 1;
      done += static_cast<size_t>(chunk);
    }
    crypto::Wipe(counter, sizeof counter);
    crypto::Wipe(skip, sizeof skip);
    return ok ? rocksdb::Status::OK() : rocksdb::Status::IOError("AES-CTR failed");
  }

  const unsigned char* key_;  // the provider's, which outlives every stream
  unsigned char iv_[kIvSize];
};

// The IV comes from the kernel, not OpenSSL: RocksDB creates files on its
// background threads, which live until the process exits, and OpenSSL keeps
// a generator per thread that such a thread never frees.
bool FillRandom(char* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t got = getrandom(out + done, size - done, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

class AesCtrProvider final : public rocksdb::EncryptionProvider {
 public:
  explicit AesCtrProvider(const std::string& key) { std::memcpy(key_, key.data(), kDataKeySize); }
  ~AesCtrProvider() override { crypto::Wipe(key_, sizeof key_); }

  const char* Name() const override { return "KollegaAesCtr"; }
  size_t GetPrefixLength() const override { return kPrefixSize; }

  rocksdb::Status CreateNewPrefix(const std::string&, char* prefix, size_t length) const override {
    if (length < kMagicSize + kIvSize) return rocksdb::Status::InvalidArgument("prefix too short");
    std::memset(prefix, 0, length);
    std::memcpy(prefix, kMagic, kMagicSize);
    return FillRandom(prefix + kMagicSize, kIvSize)
               ? rocksdb::Status::OK()
               : rocksdb::Status::IOError("no random bytes for a file's IV");
  }

  rocksdb::Status AddCipher(const std::string&, const char*, size_t, bool) override {
    return rocksdb::Status::NotSupported("the key is fixed when the store opens");
  }

  rocksdb::Status CreateCipherStream(
      const std::string&, const rocksdb::EnvOptions&, rocksdb::Slice& prefix,
      std::unique_ptr<rocksdb::BlockAccessCipherStream>* result) override {
    // A file without our magic was not written through this Env: most likely
    // a store from before encryption, which must be migrated, not misread.
    if (prefix.size() < kMagicSize + kIvSize || std::memcmp(prefix.data(), kMagic, kMagicSize)) {
      return rocksdb::Status::Corruption("file is not encrypted by this store");
    }
    result->reset(
        new AesCtrStream(key_, reinterpret_cast<const unsigned char*>(prefix.data()) + kMagicSize));
    return rocksdb::Status::OK();
  }

 private:
  unsigned char key_[kDataKeySize];
};

class SilentLogger final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

}  // namespace

std::shared_ptr<rocksdb::Logger> NewSilentLogger() { return std::make_shared<SilentLogger>(); }

Result<std::unique_ptr<rocksdb::Env>> NewEncryptedStoreEnv(const std::string& data_key) {
  if (data_key.size() != kDataKeySize) return Internal("store data key has the wrong size");
  auto provider = std::make_shared<AesCtrProvider>(data_key);
  std::unique_ptr<rocksdb::Env> env(rocksdb::NewEncryptedEnv(rocksdb::Env::Default(), provider));
  if (!env) return Internal("RocksDB has no encrypted Env in this build");
  return env;
}

}  // namespace kollega::client::store_internal
