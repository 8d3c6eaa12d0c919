// What a client accepts from an organisation (docs/organisations.md,
// "Verifying"): each check takes the organisation key the client pinned
// from its card and returns the parsed object only when everything holds:
// the signature, the kind, the format, the key named inside, the version
// (never backwards) and every field's bounds. The relay that served the
// object is not trusted for any of it.
//
// Thread-safety: free functions, thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

#include "kollega/base/status.h"
#include "organisation.pb.h"

namespace kollega::org {

// `last_version` is the version this client holds (0: none). An older one
// is refused as a rollback; the same version is accepted (a refresh).
Result<Policy> VerifyPolicy(const SignedObject& object, std::string_view org_key,
                            uint64_t last_version);

// Refused when expired at `now_ms`, or revoked by `revocations` (which the
// caller verified with VerifyRevocations; nullptr: none known yet).
Result<HelperCertificate> VerifyCertificate(const SignedObject& object, std::string_view org_key,
                                            int64_t now_ms, const RevocationList* revocations);

Result<RevocationList> VerifyRevocations(const SignedObject& object, std::string_view org_key,
                                         uint64_t last_version);

// A hand-over from `org_key` to a new key: signed by both. The caller pins
// the new key and from then on verifies with it.
Result<KeyRotation> VerifyRotation(const SignedObject& object, std::string_view org_key);

}  // namespace kollega::org
