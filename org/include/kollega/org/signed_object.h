// Signing what an organisation publishes (docs/organisations.md, "Signed
// objects"). The signature covers a domain tag, the object's kind and its
// body, so that a signed policy can never be passed off as a certificate:
//   "kollega-org-v1" || u32be(kind) || u32be(len(body)) || body
//
// Thread-safety: free functions, thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "kollega/crypto/device_key.h"
#include "organisation.pb.h"

namespace kollega::org {

// The bytes an organisation key signs for `kind` and `body`.
std::string SignedInput(org::ObjectKind kind, std::string_view body);

// What a publisher signs to prove, on one relay connection, that it holds
// the organisation key (relay.proto PublishOrgObject.challenge_signature):
//   "kollega-org-publish-v1" || u32be(len(nonce)) || nonce
std::string PublishProofInput(std::string_view nonce);

// `message` serialized and signed by `key` (an Ed25519 key; the type is
// named for its first use, device authentication).
Result<SignedObject> Sign(const crypto::DeviceKey& key, ObjectKind kind,
                          const google::protobuf::MessageLite& message);

// A key rotation, signed by the old key and by the new one.
Result<SignedObject> SignRotation(const crypto::DeviceKey& old_key,
                                  const crypto::DeviceKey& new_key, uint64_t issued_ms);

// Checks kind, size and signature, then parses the body into `out`.
// Errors name what failed; nothing is returned from a failed check.
Status OpenSigned(const SignedObject& object, ObjectKind kind, std::string_view key,
                  google::protobuf::MessageLite* out);

}  // namespace kollega::org
