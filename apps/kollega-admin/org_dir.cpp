// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_dir.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "kollega/crypto/passphrase_box.h"
#include "util.h"

namespace kollega::admin {
namespace {

constexpr std::string_view kKeyMagic = "KLGORGKY";

Result<std::string> SealSeed(const crypto::DeviceKey& key, const std::string& passphrase) {
  std::string seed = key.PrivateSeed();
  auto box = crypto::SealBox(seed, crypto::BoxKey::Passphrase(passphrase), kKeyMagic, NewBoxCost());
  crypto::Wipe(seed);
  return box;
}

Result<uint64_t> ParseNumber(const std::string& word, const std::string& what) {
  if (word.empty() || word.size() > 19 ||
      word.find_first_not_of("0123456789") != std::string::npos) {
    return DataLoss("the state file's " + what + " is not a number");
  }
  return std::stoull(word);
}

}  // namespace

Result<OrgDir> OrgDir::Create(const std::string& path, const std::string& relay_url,
                              const std::string& passphrase) {
  if (::mkdir(path.c_str(), 0700) != 0 && errno != EEXIST) {
    return Unavailable("cannot create " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return InvalidArgument(path + " is not a directory");
  }
  ::chmod(path.c_str(), 0700);  // an existing, empty directory is tightened too
  OrgDir dir;
  dir.path_ = path;
  if (::access(dir.File("org.key").c_str(), F_OK) == 0 ||
      ::access(dir.File("state").c_str(), F_OK) == 0) {
    return AlreadyExists(path + " already holds an organisation key: refusing to overwrite it");
  }
  KOLLEGA_ASSIGN_OR_RETURN(crypto::DeviceKey key, crypto::DeviceKey::Generate());
  KOLLEGA_ASSIGN_OR_RETURN(std::string box, SealSeed(key, passphrase));
  KOLLEGA_RETURN_IF_ERROR(WriteFile(dir.File("org.key"), box, /*exclusive=*/true));
  dir.org_key_ = key.public_key();
  dir.relay_url_ = relay_url;
  KOLLEGA_RETURN_IF_ERROR(dir.Save());
  return dir;
}

Result<OrgDir> OrgDir::Open(const std::string& path) {
  OrgDir dir;
  dir.path_ = path;
  auto text = ReadFile(dir.File("state"));
  if (!text.ok()) {
    return FailedPrecondition(path + " holds no organisation (run kollega-admin init first)");
  }
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string name, value;
    words >> name;
    if (name.empty()) continue;
    if (name == "revoked") {
      while (words >> value) {
        KOLLEGA_ASSIGN_OR_RETURN(uint64_t serial, ParseNumber(value, "revoked"));
        dir.revoked.insert(serial);
      }
      continue;
    }
    words >> value;
    if (name == "org_key") {
      KOLLEGA_ASSIGN_OR_RETURN(dir.org_key_,
                               Unhex(value, crypto::kEd25519PublicKeySize, "org_key"));
    } else if (name == "relay") {
      dir.relay_url_ = value;
    } else if (name == "policy_version") {
      KOLLEGA_ASSIGN_OR_RETURN(dir.policy_version, ParseNumber(value, name));
    } else if (name == "next_serial") {
      KOLLEGA_ASSIGN_OR_RETURN(dir.next_serial, ParseNumber(value, name));
    } else if (name == "revocations_version") {
      KOLLEGA_ASSIGN_OR_RETURN(dir.revocations_version, ParseNumber(value, name));
    } else {
      return DataLoss("the state file " + dir.File("state") + " has an unknown line: " + name);
    }
  }
  if (dir.org_key_.empty())
    return DataLoss("the state file " + dir.File("state") + " names no key");
  return dir;
}

Result<crypto::DeviceKey> OrgDir::UnlockKey(const std::string& passphrase) const {
  KOLLEGA_ASSIGN_OR_RETURN(std::string box, ReadFile(File("org.key")));
  auto seed = crypto::OpenBox(box, crypto::BoxKey::Passphrase(passphrase), kKeyMagic);
  if (!seed.ok()) {
    return Status(seed.status().code(),
                  seed.status().code() == StatusCode::kUnauthenticated
                      ? "wrong passphrase for the organisation key in " + path_
                      : File("org.key") + ": " + seed.status().message());
  }
  auto key = crypto::DeviceKey::FromPrivateSeed(*seed);
  crypto::Wipe(*seed);
  if (!key.ok()) return key.status();
  if (!crypto::ConstantTimeEqual(key->public_key(), org_key_)) {
    return DataLoss(File("org.key") + " does not hold the key the state file names");
  }
  return key;
}

Status OrgDir::ReplaceKey(const crypto::DeviceKey& new_key, const std::string& passphrase) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string old_box, ReadFile(File("org.key")));
  std::string retired = "retired-" + Hex(crypto::Sha256(org_key_).substr(0, 4)) + ".key";
  KOLLEGA_RETURN_IF_ERROR(WriteFile(File(retired), old_box, /*exclusive=*/true));
  KOLLEGA_ASSIGN_OR_RETURN(std::string box, SealSeed(new_key, passphrase));
  KOLLEGA_RETURN_IF_ERROR(WriteFile(File("org.key"), box));
  org_key_ = new_key.public_key();
  return Save();
}

Status OrgDir::Save() const {
  std::string text = "org_key " + Hex(org_key_) + "\nrelay " + relay_url_ + "\npolicy_version " +
                     std::to_string(policy_version) + "\nnext_serial " +
                     std::to_string(next_serial) + "\nrevocations_version " +
                     std::to_string(revocations_version) + "\nrevoked";
  for (uint64_t serial : revoked) text += " " + std::to_string(serial);
  text += "\n";
  return WriteFile(File("state"), text);
}

}  // namespace kollega::admin
