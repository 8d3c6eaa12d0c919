// SPDX-License-Identifier: GPL-3.0-or-later
#include "util.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "kollega/base/prompt.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/passphrase_box.h"

namespace kollega::admin {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Status WriteFile(const std::string& path, std::string_view bytes, bool exclusive) {
  if (exclusive && ::access(path.c_str(), F_OK) == 0) {
    return AlreadyExists(path + " already exists: refusing to overwrite it");
  }
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("cannot create " + path + ": " + std::strerror(errno));
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  // link() refuses an existing target, so a concurrent init cannot replace a key.
  const bool placed =
      exclusive ? ::link(tmp.c_str(), path.c_str()) == 0 : ::rename(tmp.c_str(), path.c_str()) == 0;
  if (exclusive) ::unlink(tmp.c_str());
  if (!ok || !placed) {
    ::unlink(tmp.c_str());
    return Unavailable("cannot write " + path);
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

Result<std::string> Unhex(std::string_view hex, size_t size, std::string_view what) {
  auto digit = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() != 2 * size) {
    return InvalidArgument(std::string(what) + " must be " + std::to_string(2 * size) +
                           " hexadecimal digits");
  }
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return InvalidArgument(std::string(what) + " is not hexadecimal");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

std::string Fingerprint(std::string_view bytes) {
  const std::string h = Hex(crypto::Sha256(bytes).substr(0, 8));
  return h.substr(0, 4) + " " + h.substr(4, 4) + " " + h.substr(8, 4) + " " + h.substr(12, 4);
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatTime(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

Result<std::string> ReadPassphrase(const Args& args, bool creating) {
  if (const char* env = std::getenv("KOLLEGA_ADMIN_PASSPHRASE"); env && *env)
    return std::string(env);
  if (args.Has("--passphrase-file")) {
    KOLLEGA_ASSIGN_OR_RETURN(std::string text, ReadFile(args.Get("--passphrase-file")));
    const std::string line = text.substr(0, text.find('\n'));
    WipeString(text);
    if (line.empty()) return InvalidArgument("the passphrase file's first line is empty");
    return line;
  }
  if (!::isatty(STDIN_FILENO)) {
    return FailedPrecondition(
        "the organisation key is kept under a passphrase: set KOLLEGA_ADMIN_PASSPHRASE, pass "
        "--passphrase-file FILE, or run on a terminal to type it");
  }
  KOLLEGA_ASSIGN_OR_RETURN(
      std::string first,
      PromptHidden(creating ? "new passphrase for the organisation key: " : "passphrase: "));
  if (first.empty()) return InvalidArgument("the passphrase is empty");
  if (creating) {
    auto again = PromptHidden("the same passphrase again: ");
    const bool same = again.ok() && *again == first;
    if (again.ok()) WipeString(*again);
    if (!same) {
      WipeString(first);
      return InvalidArgument("the passphrases differ");
    }
  }
  return first;
}

uint8_t NewBoxCost() {
  if (const char* cost = std::getenv("KOLLEGA_TEST_SCRYPT_LOG2N"); cost && *cost) {
    // Said out loud: a key sealed at a test's cost is cheap to guess at.
    std::fprintf(stderr,
                 "kollega-admin: KOLLEGA_TEST_SCRYPT_LOG2N is set: the key is sealed at a "
                 "test's cost; unset it for a real organisation\n");
    return static_cast<uint8_t>(std::atoi(cost));
  }
  return crypto::kDefaultScryptLog2N;
}

bool Confirm(const std::string& question) {
  std::fprintf(stderr, "%s [y/N] ", question.c_str());
  std::fflush(stderr);
  std::string line;
  if (!std::getline(std::cin, line)) return false;
  return line == "y" || line == "Y" || line == "yes";
}

void WipeString(std::string& s) { crypto::Wipe(s); }

}  // namespace kollega::admin
