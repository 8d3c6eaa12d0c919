// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/org/verify.h"

#include <algorithm>
#include <string>

#include "bounds.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/signed_object.h"

namespace kollega::org {
namespace {

constexpr size_t kAccountIdSize = 16;
constexpr size_t kIdentityKeySize = 33;  // libsignal's type byte + 32

Status FormatAndKey(std::string_view what, uint32_t format, const std::string& named_key,
                    std::string_view org_key) {
  if (format != kFormat) {
    return InvalidArgument("unknown " + std::string(what) + " format " + std::to_string(format) +
                           " (this client knows " + std::to_string(kFormat) + ")");
  }
  if (!crypto::ConstantTimeEqual(named_key, org_key)) {
    return InvalidArgument("the " + std::string(what) + " names another organisation's key");
  }
  return Status::Ok();
}

Status VersionMovesOn(std::string_view what, uint64_t version, uint64_t last_version) {
  if (version == 0) return InvalidArgument("the " + std::string(what) + " has no version");
  if (version < last_version) {
    return InvalidArgument("the " + std::string(what) + " was rolled back: version " +
                           std::to_string(version) + " after " + std::to_string(last_version));
  }
  return Status::Ok();
}

}  // namespace

Result<Policy> VerifyPolicy(const SignedObject& object, std::string_view org_key,
                            uint64_t last_version) {
  Policy policy;
  KOLLEGA_RETURN_IF_ERROR(OpenSigned(object, POLICY, org_key, &policy));
  KOLLEGA_RETURN_IF_ERROR(FormatAndKey("policy", policy.format(), policy.org_key(), org_key));
  KOLLEGA_RETURN_IF_ERROR(VersionMovesOn("policy", policy.version(), last_version));
  KOLLEGA_RETURN_IF_ERROR(CheckPolicyFields(policy));
  return policy;
}

Result<HelperCertificate> VerifyCertificate(const SignedObject& object, std::string_view org_key,
                                            int64_t now_ms, const RevocationList* revocations) {
  HelperCertificate cert;
  KOLLEGA_RETURN_IF_ERROR(OpenSigned(object, HELPER_CERTIFICATE, org_key, &cert));
  KOLLEGA_RETURN_IF_ERROR(
      FormatAndKey("helper certificate", cert.format(), cert.org_key(), org_key));
  if (cert.account_id().size() != kAccountIdSize) {
    return InvalidArgument("the certificate's account id is not 16 bytes");
  }
  if (cert.identity_key().size() != kIdentityKeySize) {
    return InvalidArgument("the certificate's identity key is not 33 bytes");
  }
  if (cert.expires_ms() <= cert.issued_ms()) {
    return InvalidArgument("the certificate expires before it was issued");
  }
  if (now_ms < 0 || static_cast<uint64_t>(now_ms) >= cert.expires_ms()) {
    return FailedPrecondition("the helper's term has ended (the certificate expired)");
  }
  if (revocations != nullptr &&
      std::find(revocations->serials().begin(), revocations->serials().end(), cert.serial()) !=
          revocations->serials().end()) {
    return FailedPrecondition("the organisation has revoked this helper's certificate");
  }
  KOLLEGA_RETURN_IF_ERROR(CheckProfileFields(cert.profile()));
  return cert;
}

Result<RevocationList> VerifyRevocations(const SignedObject& object, std::string_view org_key,
                                         uint64_t last_version) {
  RevocationList list;
  KOLLEGA_RETURN_IF_ERROR(OpenSigned(object, REVOCATION_LIST, org_key, &list));
  KOLLEGA_RETURN_IF_ERROR(FormatAndKey("revocation list", list.format(), list.org_key(), org_key));
  KOLLEGA_RETURN_IF_ERROR(VersionMovesOn("revocation list", list.version(), last_version));
  return list;
}

Result<KeyRotation> VerifyRotation(const SignedObject& object, std::string_view org_key) {
  KeyRotation rotation;
  KOLLEGA_RETURN_IF_ERROR(OpenSigned(object, KEY_ROTATION, org_key, &rotation));
  KOLLEGA_RETURN_IF_ERROR(
      FormatAndKey("key rotation", rotation.format(), rotation.old_key(), org_key));
  if (rotation.new_key().size() != crypto::kEd25519PublicKeySize ||
      crypto::ConstantTimeEqual(rotation.new_key(), org_key)) {
    return InvalidArgument("the key rotation does not name a new 32-byte key");
  }
  if (!crypto::VerifySignature(rotation.new_key(), SignedInput(KEY_ROTATION, object.body()),
                               object.new_key_signature())) {
    return InvalidArgument("the key rotation is not signed by the new key");
  }
  return rotation;
}

}  // namespace kollega::org
