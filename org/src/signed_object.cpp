// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/org/signed_object.h"

#include "bounds.h"

namespace kollega::org {
namespace {

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

}  // namespace

std::string SignedInput(ObjectKind kind, std::string_view body) {
  std::string input = "kollega-org-v1";
  AppendU32(input, static_cast<uint32_t>(kind));
  AppendU32(input, static_cast<uint32_t>(body.size()));
  input.append(body);
  return input;
}

std::string PublishProofInput(std::string_view nonce) {
  std::string input = "kollega-org-publish-v1";
  AppendU32(input, static_cast<uint32_t>(nonce.size()));
  input.append(nonce);
  return input;
}

Result<SignedObject> Sign(const crypto::DeviceKey& key, ObjectKind kind,
                          const google::protobuf::MessageLite& message) {
  SignedObject object;
  object.set_kind(kind);
  if (!message.SerializeToString(object.mutable_body())) {
    return Internal("could not serialize the object to sign");
  }
  if (object.body().size() > MaxBodyBytes(kind)) {
    return InvalidArgument("the " + std::string(KindName(kind)) + " is over its size limit of " +
                           std::to_string(MaxBodyBytes(kind)) + " bytes");
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::string signature, key.Sign(SignedInput(kind, object.body())));
  object.set_signature(std::move(signature));
  return object;
}

Result<SignedObject> SignRotation(const crypto::DeviceKey& old_key,
                                  const crypto::DeviceKey& new_key, uint64_t issued_ms) {
  KeyRotation rotation;
  rotation.set_format(kFormat);
  rotation.set_old_key(old_key.public_key());
  rotation.set_new_key(new_key.public_key());
  rotation.set_issued_ms(issued_ms);
  KOLLEGA_ASSIGN_OR_RETURN(SignedObject object, Sign(old_key, KEY_ROTATION, rotation));
  KOLLEGA_ASSIGN_OR_RETURN(std::string second,
                           new_key.Sign(SignedInput(KEY_ROTATION, object.body())));
  object.set_new_key_signature(std::move(second));
  return object;
}

Status OpenSigned(const SignedObject& object, ObjectKind kind, std::string_view key,
                  google::protobuf::MessageLite* out) {
  const std::string what(KindName(kind));
  if (object.kind() != static_cast<uint32_t>(kind)) {
    return InvalidArgument("expected a " + what + ", got an object of kind " +
                           std::to_string(object.kind()));
  }
  if (object.body().size() > MaxBodyBytes(kind)) {
    return InvalidArgument("the " + what + " is over its size limit");
  }
  if (key.size() != crypto::kEd25519PublicKeySize) {
    return InvalidArgument("an organisation key is 32 bytes");
  }
  if (!crypto::VerifySignature(key, SignedInput(kind, object.body()), object.signature())) {
    return InvalidArgument("the " + what + " is not signed by the organisation's key");
  }
  if (!out->ParseFromString(object.body())) {
    return InvalidArgument("the signed " + what + " does not parse");
  }
  return Status::Ok();
}

}  // namespace kollega::org
