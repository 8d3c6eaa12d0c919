// SPDX-License-Identifier: GPL-3.0-or-later
#include "key_source.h"

#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

#include "kollega/base/prompt.h"

namespace kollega::cli {
namespace {

constexpr size_t kKeySize = 32;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A key file holds 32 raw bytes or 64 hex digits (with optional whitespace).
Result<std::string> ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read the key file " + path);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() == kKeySize) return bytes;
  std::string key;
  int high = -1;
  bool ok = true;
  for (char c : bytes) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    const int d = HexDigit(c);
    if (d < 0) ok = false;
    if (high < 0) {
      high = d;
    } else {
      key.push_back(static_cast<char>(high * 16 + d));
      high = -1;
    }
  }
  WipeString(bytes);
  if (!ok || high >= 0 || key.size() != kKeySize) {
    WipeString(key);
    return InvalidArgument("the key file " + path +
                           " must hold 32 bytes, raw or as 64 hexadecimal digits");
  }
  return key;
}

// A new key file with 32 random bytes, readable by its owner only.
Result<std::string> CreateKeyFile(const std::string& path) {
  std::string key(kKeySize, '\0');
  std::ifstream random("/dev/urandom", std::ios::binary);
  if (!random.read(key.data(), key.size())) return Unavailable("cannot read /dev/urandom");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot create the key file " + path + ": " + strerror(errno));
  bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    WipeString(key);
    return Unavailable("cannot write the key file " + path);
  }
  std::fprintf(stderr, "kollega: created the key file %s: keep it apart from the data\n",
               path.c_str());
  return key;
}

}  // namespace

void WipeString(std::string& s) { ::explicit_bzero(s.data(), s.size()); }

Result<client::Client::Options::StoreKey> ReadStoreKey(const Args& args, bool creating) {
  client::Client::Options::StoreKey key;
  // For tests only: a lower scrypt cost for NEW stores; the cost is recorded
  // in the key file, so later opens use whatever the store was made with.
  if (const char* cost = std::getenv("KOLLEGA_TEST_SCRYPT_LOG2N"); cost && *cost) {
    key.kdf_log2_n = static_cast<uint8_t>(std::atoi(cost));
  }
  if (!args.key_file.empty()) {
    const bool exists = ::access(args.key_file.c_str(), F_OK) == 0;
    auto raw = exists || !creating ? ReadKeyFile(args.key_file) : CreateKeyFile(args.key_file);
    if (!raw.ok()) return raw.status();
    key.raw_key = std::move(*raw);
    return key;
  }
  if (const char* env = std::getenv("KOLLEGA_PASSPHRASE"); env && *env) {
    key.passphrase = env;
    return key;
  }
  if (!::isatty(STDIN_FILENO)) {
    return FailedPrecondition(
        "kollega keeps its data encrypted and needs the passphrase: set KOLLEGA_PASSPHRASE, "
        "pass --key-file FILE, or run it on a terminal to type it");
  }
  auto first = PromptHidden(creating ? "new passphrase for this device's data: " : "passphrase: ");
  if (!first.ok()) return first.status();
  if (first->empty()) return InvalidArgument("the passphrase is empty");
  if (creating) {
    auto again = PromptHidden("the same passphrase again: ");
    const bool same = again.ok() && *again == *first;
    if (again.ok()) WipeString(*again);
    if (!same) {
      WipeString(*first);
      return InvalidArgument("the passphrases differ");
    }
  }
  key.passphrase = std::move(*first);
  return key;
}

Result<std::string> ReadLinkingCode() {
  auto code =
      PromptHidden(::isatty(STDIN_FILENO) ? "linking code (shown on your other device): " : "");
  if (!code.ok()) return InvalidArgument("no linking code on standard input");
  // Tolerate what a paste brings along.
  std::string trimmed;
  for (char c : *code) {
    if (c != ' ' && c != '\t') trimmed.push_back(c);
  }
  WipeString(*code);
  if (trimmed.empty()) return InvalidArgument("the linking code is empty");
  return trimmed;
}

}  // namespace kollega::cli
