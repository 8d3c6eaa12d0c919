// OrganisationStore: what the relay keeps for the organisations it hosts
// (docs/organisations.md §5) — each organisation's signed policy,
// revocation list, key rotation and helper certificates, stored as the
// organisation signed them — plus the helpers' availability per account
// and the first-come case claims (§8).
//
// The store keeps bytes and the few numbers it orders them by (versions,
// serials, expiry); the signatures are checked by the caller (the relay's
// handlers, with kollega::org) before anything reaches it. Its own checks
// are the ones that must be one step with the write: version order, a
// serial's bytes never changing, the certificate cap, the claim's first
// writer.
//
// Durability: every write is synced before it returns.
// Thread-safety: every method may be called from any thread; writes to
// organisations and claims are serialised inside the store, so each
// check-then-write is atomic even without the relay's worker thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kollega/base/status.h"

namespace kollega::storage {

inline constexpr size_t kOrgKeySize = 32;
inline constexpr size_t kClaimIdSize = 16;

// A policy or revocation list as stored: its version and the SignedObject.
struct VersionedObject {
  uint64_t version = 0;
  std::string blob;
};

// The small records of one organisation key, read together.
struct OrganisationHead {
  std::optional<VersionedObject> policy;
  std::optional<VersionedObject> revocations;
  // The signed hand-over to another key, once there is one; the key it
  // names is no longer hosted for publishing.
  std::optional<std::string> rotation;
  bool HoldsAnything() const { return policy || revocations || rotation; }
};

struct StoredCertificate {
  uint64_t serial = 0;
  int64_t expires_ms = 0;
  std::string account_id;  // 16 bytes, from the verified certificate
  std::string blob;        // the SignedObject
};

enum class OrgSlot : uint8_t { kPolicy = 1, kRevocations = 3 };

class OrganisationStore {
 public:
  virtual ~OrganisationStore() = default;

  // Every small record of `org_key` (absent ones empty).
  virtual Result<OrganisationHead> GetOrganisationHead(const std::string& org_key) = 0;

  // True when a stored rotation handed over to `key`.
  virtual Result<bool> ReachedByRotation(const std::string& key) = 0;

  // Replaces the policy or revocation list of `org_key` if `object.version`
  // is above the stored one; the same version with the same bytes is OK
  // and writes nothing; anything else is FailedPrecondition (nothing
  // written). `revoked` (revocation lists only): certificates deleted in
  // the same batch.
  virtual Status PutVersioned(const std::string& org_key, OrgSlot slot,
                              const VersionedObject& object,
                              const std::vector<uint64_t>& revoked) = 0;

  // Stores the rotation of `old_key` and makes `new_key` reached by it, in
  // one batch. The same rotation again is OK; another one for a key that
  // has already rotated is FailedPrecondition.
  virtual Status PutRotation(const std::string& old_key, const std::string& new_key,
                             const std::string& blob) = 0;

  // Keeps `cert` under (org_key, serial). The same bytes again are OK;
  // other bytes under a held serial are AlreadyExists; ResourceExhausted
  // when the organisation already has `max_certificates` unexpired ones.
  // Expired certificates met while counting are deleted.
  virtual Status PutCertificate(const std::string& org_key, const StoredCertificate& cert,
                                size_t max_certificates, int64_t now_ms) = 0;

  // Up to `max` certificates of `org_key` with serial >= `from_serial`, in
  // serial order, skipping those expired at `now_ms`.
  virtual Result<std::vector<StoredCertificate>> ListCertificates(const std::string& org_key,
                                                                  uint64_t from_serial, size_t max,
                                                                  int64_t now_ms) = 0;

  // An account's opaque availability; empty removes it.
  virtual Status PutAvailability(const std::string& account, const std::string& blob) = 0;
  virtual Result<std::optional<std::string>> GetAvailability(const std::string& account) = 0;

  // First come, first served: records `account` as the claim's winner
  // unless a live claim exists; true when `account` holds it (now or
  // already). A claim is forgotten at `expires_ms` (swept by compaction).
  virtual Result<bool> Claim(const std::string& claim_id, const std::string& account,
                             int64_t now_ms, int64_t expires_ms) = 0;
};

}  // namespace kollega::storage
