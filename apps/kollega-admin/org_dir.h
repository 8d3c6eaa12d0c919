// An organisation's key directory, as kollega-admin keeps it (docs/admin.md,
// "The key directory"). Mode 0700; every file in it 0600:
//   org.key            the organisation's Ed25519 seed, sealed under the
//                      administrators' passphrase (crypto/passphrase_box.h,
//                      magic "KLGORGKY")
//   state              what was signed so far, one "name value..." per line:
//                      org_key <hex>, relay <url>, policy_version N,
//                      next_serial N, revocations_version N, revoked S S ...
//   retired-<fp>.key   each earlier key after a rotation, sealed the same way
//   *.signed           what the tool signed (SignedObject, binary)
// The public key and the counters live outside the box, so `card` and
// `verify` need no passphrase; signing and `publish` (which signs the
// relay's challenge) open the key.
//
// Ownership: an OrgDir is a value; Save() writes its state back.
// Thread-safety: one process at a time per directory (the tool is run by
// hand; nothing locks it).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "kollega/base/status.h"
#include "kollega/crypto/device_key.h"

namespace kollega::admin {

class OrgDir {
 public:
  // Makes the directory (if needed), a fresh key sealed under `passphrase`,
  // and the state. AlreadyExists when the directory already holds a key.
  static Result<OrgDir> Create(const std::string& path, const std::string& relay_url,
                               const std::string& passphrase);
  // Reads the state; FailedPrecondition when `path` was never set up.
  static Result<OrgDir> Open(const std::string& path);

  // Opens org.key. Unauthenticated "wrong passphrase ..." when it is wrong.
  Result<crypto::DeviceKey> UnlockKey(const std::string& passphrase) const;
  // Seals `new_key` as org.key, keeping the current one as retired-<fp>.key.
  Status ReplaceKey(const crypto::DeviceKey& new_key, const std::string& passphrase);

  Status Save() const;
  std::string File(const std::string& name) const { return path_ + "/" + name; }

  const std::string& path() const { return path_; }
  const std::string& org_key() const { return org_key_; }  // 32 bytes
  const std::string& relay_url() const { return relay_url_; }

  uint64_t policy_version = 0;
  uint64_t next_serial = 1;
  uint64_t revocations_version = 0;
  std::set<uint64_t> revoked;

 private:
  std::string path_;
  std::string org_key_;
  std::string relay_url_;
};

}  // namespace kollega::admin
