// SPDX-License-Identifier: GPL-3.0-or-later
#include "store_key.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "encrypted_env.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/passphrase_box.h"

namespace kollega::client::store_internal {
namespace {

// The format is crypto/passphrase_box.h's with this magic; a store key
// file holds exactly one 32-byte data key.
constexpr std::string_view kMagic = "KLGSTKEY";
constexpr size_t kFileSize = crypto::kBoxOverhead + kDataKeySize;

crypto::BoxKey BoxKeyOf(const StoreKeySource& source) {
  return {source.passphrase, source.raw_key};
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

std::string KindName(crypto::BoxKdf kdf) {
  return kdf == crypto::BoxKdf::kScrypt ? "a passphrase" : "a key";
}

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
  if (source.passphrase.empty() && source.raw_key.size() != kDataKeySize) {
    return InvalidArgument("the store key must be exactly 32 bytes");
  }
  std::string data_key = crypto::RandomBytes(kDataKeySize);
  auto box = crypto::SealBox(data_key, BoxKeyOf(source), kMagic,
                             source.kdf_log2_n ? source.kdf_log2_n : kDefaultScryptLog2N);
  if (!box.ok()) {
    crypto::Wipe(data_key);
    return box.status().code() == StatusCode::kInvalidArgument
               ? box.status()
               : Internal("cannot wrap the store key");
  }
  Status written = WriteFileAtomically(key_path, *box);
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
  if (file.size() != kFileSize) {
    return DataLoss("the store key file " + key_path + " is damaged or not a key file");
  }
  auto header = crypto::ReadBoxHeader(file, kMagic);
  if (!header.ok()) {
    // Keeps the code (DataLoss, or FailedPrecondition for a newer version).
    return Status(header.status().code(),
                  "the store key file " + key_path + ": " + header.status().message());
  }
  const bool have_passphrase = !source.passphrase.empty();
  if (!HasKeySource(source)) {
    return FailedPrecondition("the client store is encrypted: it needs " + KindName(header->kdf));
  }
  const crypto::BoxKdf given = have_passphrase ? crypto::BoxKdf::kScrypt : crypto::BoxKdf::kRawKey;
  if (given != header->kdf) {
    return FailedPrecondition("the client store was set up with " + KindName(header->kdf) +
                              ", not " + KindName(given));
  }
  if (!have_passphrase && source.raw_key.size() != kDataKeySize) {
    return InvalidArgument("the store key must be exactly 32 bytes");
  }
  auto data_key = crypto::OpenBox(file, BoxKeyOf(source), kMagic);
  if (!data_key.ok()) {
    if (data_key.status().code() != StatusCode::kUnauthenticated) return data_key.status();
    return Unauthenticated(have_passphrase ? "wrong passphrase for the client store"
                                           : "wrong key for the client store");
  }
  return data_key;
}

}  // namespace kollega::client::store_internal
