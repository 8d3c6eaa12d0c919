// OrganisationStore methods of RocksRelayStore: what organisations signed,
// availability, case claims (docs/organisations.md §5, §8). The records sit
// in the accounts column family under their own tags (codec.cpp); every
// write is synced, and org_mu_ makes each read-check-write one step.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <memory>

#include "codec.h"
#include "rocks_relay_store.h"

namespace kollega::storage {
namespace {

constexpr uint8_t kRotationSlot = 4;
// Small records: expires_ms, then the account id.
constexpr size_t kCertificateHeader = 8 + kAccountIdSize;
constexpr size_t kClaimValueSize = 8 + kAccountIdSize + 8;

Status CheckOrgKey(const std::string& key) {
  if (key.size() != kOrgKeySize) return InvalidArgument("an organisation key is 32 bytes");
  return Status::Ok();
}

std::optional<VersionedObject> DecodeVersioned(const std::optional<std::string>& value) {
  if (!value.has_value() || value->size() < 8) return std::nullopt;
  return VersionedObject{codec::GetU64(*value), value->substr(8)};
}

std::string EncodeVersioned(uint64_t version, const std::string& blob) {
  std::string value;
  codec::PutU64(&value, version);
  value.append(blob);
  return value;
}

std::optional<StoredCertificate> DecodeCertificate(std::string_view key, std::string_view value) {
  if (key.size() != 1 + kOrgKeySize + 8 || value.size() < kCertificateHeader) return std::nullopt;
  StoredCertificate cert;
  cert.serial = codec::GetU64(key.substr(1 + kOrgKeySize));
  cert.expires_ms = static_cast<int64_t>(codec::GetU64(value));
  cert.account_id.assign(value.substr(8, kAccountIdSize));
  cert.blob.assign(value.substr(kCertificateHeader));
  return cert;
}

}  // namespace

Result<OrganisationHead> RocksRelayStore::GetOrganisationHead(const std::string& org_key) {
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(org_key));
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  OrganisationHead head;
  KOLLEGA_ASSIGN_OR_RETURN(auto policy, db_->Get(db_->accounts(), codec::OrgSlotKey(org_key, 1)));
  head.policy = DecodeVersioned(policy);
  KOLLEGA_ASSIGN_OR_RETURN(auto revocations,
                           db_->Get(db_->accounts(), codec::OrgSlotKey(org_key, 3)));
  head.revocations = DecodeVersioned(revocations);
  KOLLEGA_ASSIGN_OR_RETURN(auto rotation,
                           db_->Get(db_->accounts(), codec::OrgSlotKey(org_key, kRotationSlot)));
  if (auto r = DecodeVersioned(rotation)) head.rotation = std::move(r->blob);
  return head;
}

Result<bool> RocksRelayStore::ReachedByRotation(const std::string& key) {
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(key));
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->accounts(), codec::RotatedToKey(key)));
  return value.has_value();
}

Status RocksRelayStore::PutVersioned(const std::string& org_key, OrgSlot slot,
                                     const VersionedObject& object,
                                     const std::vector<uint64_t>& revoked) {
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(org_key));
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(org_mu_);
  const std::string key = codec::OrgSlotKey(org_key, static_cast<uint8_t>(slot));
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->accounts(), key));
  if (auto held = DecodeVersioned(value)) {
    // Versions only go forward (docs/organisations.md §3): the relay never
    // serves an older object after a newer one, whoever publishes it.
    if (object.version == held->version && object.blob == held->blob) return Status::Ok();
    if (object.version <= held->version) {
      return FailedPrecondition("not newer than the version held");
    }
  }
  rocksdb::WriteBatch batch;
  batch.Put(db_->accounts(), key, EncodeVersioned(object.version, object.blob));
  for (uint64_t serial : revoked) {
    batch.Delete(db_->accounts(), codec::CertificateKey(org_key, serial));
  }
  return db_->WriteSynced(&batch);
}

Status RocksRelayStore::PutRotation(const std::string& old_key, const std::string& new_key,
                                    const std::string& blob) {
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(old_key));
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(new_key));
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(org_mu_);
  const std::string key = codec::OrgSlotKey(old_key, kRotationSlot);
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->accounts(), key));
  if (auto held = DecodeVersioned(value)) {
    if (held->blob == blob) return Status::Ok();
    return FailedPrecondition("this key has already handed over");
  }
  rocksdb::WriteBatch batch;
  batch.Put(db_->accounts(), key, EncodeVersioned(0, blob));
  batch.Put(db_->accounts(), codec::RotatedToKey(new_key), old_key);
  return db_->WriteSynced(&batch);
}

Status RocksRelayStore::PutCertificate(const std::string& org_key, const StoredCertificate& cert,
                                       size_t max_certificates, int64_t now_ms) {
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(org_key));
  if (cert.account_id.size() != kAccountIdSize) return InvalidArgument("bad account id");
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  std::lock_guard lock(org_mu_);
  const std::string key = codec::CertificateKey(org_key, cert.serial);
  KOLLEGA_ASSIGN_OR_RETURN(auto existing, db_->Get(db_->accounts(), key));
  if (existing.has_value()) {
    auto held = DecodeCertificate(key, *existing);
    if (held && held->blob == cert.blob) return Status::Ok();
    return AlreadyExists("another certificate holds this serial");
  }
  // Counting walks the organisation's keys (a few thousand at most, on a
  // rare write); expired certificates it meets go in the same batch.
  rocksdb::WriteBatch batch;
  const std::string prefix = codec::CertificatePrefix(org_key);
  const std::string end = codec::CertificatePrefix(org_key) + std::string(9, '\xff');
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->accounts()));
  size_t live = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    const rocksdb::Slice v = it->value();
    if (v.size() >= 8 && static_cast<int64_t>(codec::GetU64({v.data(), v.size()})) <= now_ms) {
      batch.Delete(db_->accounts(), it->key());
    } else {
      ++live;
    }
  }
  if (!it->status().ok()) return FromRocks(it->status());
  if (live >= max_certificates) return ResourceExhausted("the organisation has too many helpers");
  std::string value;
  codec::PutU64(&value, static_cast<uint64_t>(cert.expires_ms));
  value.append(cert.account_id);
  value.append(cert.blob);
  batch.Put(db_->accounts(), key, value);
  return db_->WriteSynced(&batch);
}

Result<std::vector<StoredCertificate>> RocksRelayStore::ListCertificates(const std::string& org_key,
                                                                         uint64_t from_serial,
                                                                         size_t max,
                                                                         int64_t now_ms) {
  KOLLEGA_RETURN_IF_ERROR(CheckOrgKey(org_key));
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  const std::string end = codec::CertificatePrefix(org_key) + std::string(9, '\xff');
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db_->db()->NewIterator(ro, db_->accounts()));
  std::vector<StoredCertificate> out;
  for (it->Seek(codec::CertificateKey(org_key, from_serial)); it->Valid() && out.size() < max;
       it->Next()) {
    auto cert = DecodeCertificate({it->key().data(), it->key().size()},
                                  {it->value().data(), it->value().size()});
    if (!cert) return DataLoss("a stored certificate is corrupt");
    if (cert->expires_ms <= now_ms) continue;
    out.push_back(*std::move(cert));
  }
  if (!it->status().ok()) return FromRocks(it->status());
  return out;
}

Status RocksRelayStore::PutAvailability(const std::string& account, const std::string& blob) {
  if (account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  rocksdb::WriteBatch batch;
  if (blob.empty()) {
    batch.Delete(db_->accounts(), codec::AvailabilityKey(account));
  } else {
    batch.Put(db_->accounts(), codec::AvailabilityKey(account), blob);
  }
  return db_->WriteSynced(&batch);
}

Result<std::optional<std::string>> RocksRelayStore::GetAvailability(const std::string& account) {
  if (account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  return db_->Get(db_->accounts(), codec::AvailabilityKey(account));
}

Result<bool> RocksRelayStore::Claim(const std::string& claim_id, const std::string& account,
                                    int64_t now_ms, int64_t expires_ms) {
  if (claim_id.size() != kClaimIdSize) return InvalidArgument("a claim id is 16 bytes");
  if (account.size() != kAccountIdSize) return InvalidArgument("bad account id");
  MaybeRecover();
  std::shared_lock open(open_mu_);
  KOLLEGA_RETURN_IF_ERROR(CheckOpenLocked());
  // First come, first served (docs/organisations.md §8): the read and the
  // write are one step under org_mu_, whichever thread asks.
  std::lock_guard lock(org_mu_);
  const std::string key = codec::ClaimKey(claim_id);
  KOLLEGA_ASSIGN_OR_RETURN(auto value, db_->Get(db_->accounts(), key));
  if (value.has_value() && value->size() == kClaimValueSize &&
      static_cast<int64_t>(codec::GetU64(*value)) > now_ms) {
    // Account ids are not secret: a plain comparison is fine.
    return value->compare(8, kAccountIdSize, account) == 0;
  }
  std::string claim;
  codec::PutU64(&claim, static_cast<uint64_t>(expires_ms));
  claim.append(account);
  codec::PutU64(&claim, static_cast<uint64_t>(now_ms));
  rocksdb::WriteBatch batch;
  batch.Put(db_->accounts(), key, claim);
  KOLLEGA_RETURN_IF_ERROR(db_->WriteSynced(&batch));
  return true;
}

}  // namespace kollega::storage
