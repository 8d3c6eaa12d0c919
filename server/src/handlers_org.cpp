// Organisations on the relay (docs/organisations.md §5): publishing what an
// organisation signed, availability, and first-come case claims. Serving an
// organisation's pages is in handlers_org_page.cpp.
//
// The relay checks every signed object with kollega::org against the key it
// is published under and against what it already holds, so that nobody but
// the organisation can fill its slots and nobody can roll them back here.
// Clients check everything again against the key they pinned: these checks
// keep an honest relay consistent, they are not what clients trust.
//
// Cheap checks and the signature run on the strand (the signature also
// decides whether the connection may send bigger frames before login);
// the checks against stored state and the write run on the account worker,
// which serialises them with every other write.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <cstdint>
#include <unordered_set>

#include "connection.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/signed_object.h"
#include "kollega/org/verify.h"
#include "org_hosting.h"

namespace kollega::server {
namespace {

constexpr size_t kMaxAvailabilityBytes = 512;
constexpr int64_t kClaimLifetimeMs = 7LL * 24 * 3600 * 1000;

StoreAnswer Refuse(wire::ErrorCode code, std::string message) {
  StoreAnswer answer;
  answer.code = code;
  answer.message = std::move(message);
  return answer;
}

StoreAnswer FromStore(const Status& status, std::string_view what) {
  if (status.ok()) return StoreAnswer{};
  return Refuse(StoreErrorCode(status), "could not store the " + std::string(what));
}

// A policy or revocation list: verified with the version held (a rollback
// is STALE_VERSION before any other check of the body), then stored.
StoreAnswer PublishVersioned(ServerContext& ctx, const std::string& org_key,
                             const org::SignedObject& object, const std::string& blob,
                             const storage::OrganisationHead& head) {
  storage::OrganisationStore& store = *ctx.store->organisations();
  const bool is_policy = object.kind() == org::POLICY;
  const auto& held = is_policy ? head.policy : head.revocations;
  const uint64_t held_version = held ? held->version : 0;
  uint64_t version = 0;
  std::vector<uint64_t> revoked;
  if (is_policy) {
    Result<org::Policy> policy = org::VerifyPolicy(object, org_key, 0);
    if (!policy.ok()) return Refuse(wire::INVALID_ARGUMENT, policy.status().message());
    version = policy->version();
  } else {
    Result<org::RevocationList> list = org::VerifyRevocations(object, org_key, 0);
    if (!list.ok()) return Refuse(wire::INVALID_ARGUMENT, list.status().message());
    version = list->version();
    // Only the serials held are deleted: a list may name thousands that
    // never reached this relay.
    const std::unordered_set<uint64_t> named(list->serials().begin(), list->serials().end());
    Result<std::vector<storage::StoredCertificate>> certs =
        store.ListCertificates(org_key, 0, ctx.config.org_max_certificates * 2ull + 16, INT64_MIN);
    if (!certs.ok()) return FromStore(certs.status(), "revocation list");
    for (const storage::StoredCertificate& c : *certs) {
      if (named.count(c.serial) != 0) revoked.push_back(c.serial);
    }
  }
  if (version < held_version) return Refuse(wire::STALE_VERSION, "older than the version held");
  Status put = store.PutVersioned(
      org_key, is_policy ? storage::OrgSlot::kPolicy : storage::OrgSlot::kRevocations,
      storage::VersionedObject{version, blob}, revoked);
  if (put.code() == StatusCode::kFailedPrecondition) {
    return Refuse(wire::STALE_VERSION, "the version held is the same or newer, with other bytes");
  }
  return FromStore(put, is_policy ? "policy" : "revocation list");
}

StoreAnswer PublishCertificate(ServerContext& ctx, const std::string& org_key,
                               const org::SignedObject& object, const std::string& blob,
                               const storage::OrganisationHead& head) {
  std::optional<org::RevocationList> revocations;
  if (head.revocations) {
    // Stored only after the same verification, so it parses and verifies.
    org::SignedObject held;
    if (held.ParseFromString(head.revocations->blob)) {
      Result<org::RevocationList> list = org::VerifyRevocations(held, org_key, 0);
      if (list.ok()) revocations = *std::move(list);
    }
  }
  Result<org::HelperCertificate> cert = org::VerifyCertificate(
      object, org_key, ctx.clock->NowMs(), revocations ? &*revocations : nullptr);
  if (!cert.ok()) return Refuse(wire::INVALID_ARGUMENT, cert.status().message());
  storage::StoredCertificate stored{cert->serial(), static_cast<int64_t>(cert->expires_ms()),
                                    cert->account_id(), blob};
  Status put = ctx.store->organisations()->PutCertificate(
      org_key, stored, ctx.config.org_max_certificates, ctx.clock->NowMs());
  switch (put.code()) {
    case StatusCode::kAlreadyExists:
      return Refuse(wire::INVALID_ARGUMENT, "another certificate holds this serial");
    case StatusCode::kResourceExhausted:
      return Refuse(wire::TOO_MANY, "the organisation has as many certificates as the relay keeps");
    default:
      return FromStore(put, "certificate");
  }
}

StoreAnswer PublishRotation(ServerContext& ctx, const std::string& org_key,
                            const org::SignedObject& object, const std::string& blob) {
  Result<org::KeyRotation> rotation = org::VerifyRotation(object, org_key);
  if (!rotation.ok()) return Refuse(wire::INVALID_ARGUMENT, rotation.status().message());
  Status put = ctx.store->organisations()->PutRotation(org_key, rotation->new_key(), blob);
  if (put.code() == StatusCode::kFailedPrecondition) {
    return Refuse(wire::ORG_NOT_HOSTED, "this organisation key has handed over to another");
  }
  return FromStore(put, "key rotation");
}

// Runs on the account worker: the checks against what is held, then the
// write. Reads the head again: an earlier publish may have changed it.
StoreAnswer Publish(ServerContext& ctx, const std::string& org_key, const std::string& blob) {
  org::SignedObject object;
  if (!object.ParseFromString(blob)) return Refuse(wire::INVALID_ARGUMENT, "does not parse");
  Result<storage::OrganisationHead> head = ctx.store->organisations()->GetOrganisationHead(org_key);
  if (!head.ok()) return FromStore(head.status(), "object");
  if (head->rotation) {
    // The same rotation again changes nothing; anything else under a key
    // that handed over is refused (relay.proto, PublishOrgObject).
    if (object.kind() == org::KEY_ROTATION && *head->rotation == blob) return StoreAnswer{};
    return Refuse(wire::ORG_NOT_HOSTED, "this organisation key has handed over to another");
  }
  switch (object.kind()) {
    case org::POLICY:
    case org::REVOCATION_LIST:
      return PublishVersioned(ctx, org_key, object, blob, *head);
    case org::HELPER_CERTIFICATE:
      return PublishCertificate(ctx, org_key, object, blob, *head);
    case org::KEY_ROTATION:
      return PublishRotation(ctx, org_key, object, blob);
    default:
      return Refuse(wire::INVALID_ARGUMENT, "unknown kind of signed object");
  }
}

}  // namespace

void Connection::HandlePublishOrgObject(uint64_t id, const wire::Request& request) {
  const wire::PublishOrgObject& req = request.publish_org_object();
  storage::OrganisationStore* store = ctx_.store->organisations();
  if (store == nullptr) return Reply(id, wire::UNSUPPORTED_OPERATION, "no organisations here");
  // Anyone may publish (the signature is the authority), so each source
  // address gets a bounded share (docs/limits.md); kept in memory only.
  int64_t retry_after_ms = 0;
  const std::string& source = transport_.channel().source;
  if (!source.empty() && !ctx_.org_publish_limiter.TryTake(source, &retry_after_ms)) {
    wire::Response response;
    response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
    return Reply(id, wire::RATE_LIMITED, "too many publishes; retry later", response);
  }
  const std::string& org_key = req.org_key();
  if (org_key.size() != storage::kOrgKeySize) {
    return Reply(id, wire::INVALID_ARGUMENT, "an organisation key is 32 bytes");
  }
  org::SignedObject object;
  if (!object.ParseFromString(req.signed_object())) {
    return Reply(id, wire::INVALID_ARGUMENT, "the signed object does not parse");
  }
  // No object at all: a request that only carries the proof below.
  const bool proof_only = req.signed_object().empty() && !req.challenge_signature().empty();
  const std::optional<size_t> limit = MaxOrgBodyBytes(object.kind());
  if (!limit && !proof_only) {
    return Reply(id, wire::INVALID_ARGUMENT, "unknown kind of signed object");
  }
  if (limit &&
      (object.body().size() > *limit || req.signed_object().size() > *limit + kOrgObjectOverhead)) {
    return Reply(id, wire::INVALID_ARGUMENT, "the signed object is over its size limit");
  }
  Result<HostedState> hosted = OrgKeyHosted(ctx_, org_key);
  if (!hosted.ok()) return Reply(id, StoreErrorCode(hosted.status()), "could not read the store");
  if (*hosted == HostedState::kNotHosted) {
    return Reply(id, wire::ORG_NOT_HOSTED, "this relay does not host that organisation");
  }
  // A fresh signature of this connection's nonce by a hosted key proves
  // that the publisher holds the key now (a published object could be
  // replayed by anyone who fetched it): it may then send frames as large
  // as the objects (docs/organisations.md §5, "Frame size").
  if (!req.challenge_signature().empty()) {
    const std::optional<std::string> nonce = TakeNonce();  // valid once, as for a login
    if (!nonce || !crypto::VerifySignature(org_key, org::PublishProofInput(*nonce),
                                           req.challenge_signature())) {
      return Reply(id, wire::AUTH_FAILED, "the challenge signature does not verify");
    }
    org_proven_ = true;
    if (proof_only) return Reply(id, wire::OK, "");
  }
  const auto kind = static_cast<org::ObjectKind>(object.kind());
  if (!crypto::VerifySignature(org_key, org::SignedInput(kind, object.body()),
                               object.signature())) {
    return Reply(id, wire::AUTH_FAILED, "not signed by the organisation's key");
  }
  OffThread(id, [ctx = &ctx_, org_key, blob = req.signed_object()] {
    return Publish(*ctx, org_key, blob);
  });
}

void Connection::HandlePublishAvailability(uint64_t id, const wire::Request& request) {
  const std::string& blob = request.publish_availability().signed_availability();
  if (ctx_.store->organisations() == nullptr) {
    return Reply(id, wire::UNSUPPORTED_OPERATION, "no organisations here");
  }
  if (blob.size() > kMaxAvailabilityBytes) {
    return Reply(id, wire::INVALID_ARGUMENT, "availability is at most 512 bytes");
  }
  int64_t retry_after_ms = 0;
  if (!ctx_.availability_limiter.TryTake(address_->account, &retry_after_ms)) {
    wire::Response response;
    response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
    return Reply(id, wire::RATE_LIMITED, "availability changes too often; retry later", response);
  }
  OffThread(id, [ctx = &ctx_, account = address_->account, blob] {
    return FromStore(ctx->store->organisations()->PutAvailability(account, blob), "availability");
  });
}

void Connection::HandleClaimCase(uint64_t id, const wire::Request& request) {
  const std::string& claim_id = request.claim_case().claim_id();
  if (ctx_.store->organisations() == nullptr) {
    return Reply(id, wire::UNSUPPORTED_OPERATION, "no organisations here");
  }
  if (claim_id.size() != storage::kClaimIdSize) {
    return Reply(id, wire::INVALID_ARGUMENT, "a claim id is 16 bytes");
  }
  // Against hoarding: one account cannot grab every case offered around.
  int64_t retry_after_ms = 0;
  if (!ctx_.claim_limiter.TryTake(address_->account, &retry_after_ms)) {
    wire::Response response;
    response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
    return Reply(id, wire::RATE_LIMITED, "too many claims this hour", response);
  }
  // On the worker like every write; the store's own lock makes the first
  // writer win even if another path wrote claims concurrently.
  OffThread(id, [ctx = &ctx_, account = address_->account, claim_id] {
    const int64_t now = ctx->clock->NowMs();
    Result<bool> won =
        ctx->store->organisations()->Claim(claim_id, account, now, now + kClaimLifetimeMs);
    if (!won.ok()) return FromStore(won.status(), "claim");
    StoreAnswer answer;
    answer.response.mutable_claim_result()->set_won(*won);
    return answer;
  });
}

}  // namespace kollega::server
