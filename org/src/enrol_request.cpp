// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/org/enrol_request.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"

namespace kollega::org {
namespace {

// Exactly `size` bytes as 2*size hex digits, or an error naming `what`.
Result<std::string> Unhex(std::string_view hex, size_t size, std::string_view what) {
  auto bytes = FromHex(hex);
  if (!bytes || bytes->size() != size) {
    return InvalidArgument(std::string(what) + " must be " + std::to_string(2 * size) +
                           " hex digits");
  }
  return *bytes;
}

constexpr char kTag[] = "kollega_enrol_request";

}  // namespace

Status ParseJson(const std::string& json, google::protobuf::Message* out, const std::string& what) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(json, out, options);
  if (!status.ok()) return InvalidArgument(what + ": " + std::string(status.message()));
  return Status::Ok();
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string out;
  const auto status = google::protobuf::util::MessageToJsonString(message, &out, options);
  if (!status.ok()) return "(cannot show it: " + std::string(status.message()) + ")\n";
  return out;
}

std::string EncodeRequest(const EnrolRequest& request) {
  google::protobuf::Struct root;
  auto& fields = *root.mutable_fields();
  fields[kTag].set_number_value(1);
  fields["account_id"].set_string_value(ToHex(request.account_id));
  fields["identity_key"].set_string_value(ToHex(request.identity_key));
  google::protobuf::Struct profile;
  (void)google::protobuf::util::JsonStringToMessage(ToJson(request.profile), &profile);
  *fields["profile"].mutable_struct_value() = profile;
  return ToJson(root);
}

Result<EnrolRequest> DecodeRequest(const std::string& json) {
  google::protobuf::Struct root;
  KOLLEGA_RETURN_IF_ERROR(ParseJson(json, &root, "the request is not JSON"));
  const auto& fields = root.fields();
  auto tag = fields.find(kTag);
  if (tag == fields.end() || tag->second.number_value() != 1) {
    return InvalidArgument("not a kollega enrolment request (no \"kollega_enrol_request\": 1)");
  }
  for (const auto& [name, value] : fields) {
    if (name != kTag && name != "account_id" && name != "identity_key" && name != "profile") {
      return InvalidArgument("the request has an unknown field \"" + name + "\"");
    }
  }
  auto text = [&](const std::string& name) -> std::string {
    auto it = fields.find(name);
    return it == fields.end() ? "" : it->second.string_value();
  };
  EnrolRequest request;
  KOLLEGA_ASSIGN_OR_RETURN(request.account_id, Unhex(text("account_id"), 16, "account_id"));
  KOLLEGA_ASSIGN_OR_RETURN(request.identity_key, Unhex(text("identity_key"), 33, "identity_key"));
  if (request.identity_key[0] != 0x05) {
    return InvalidArgument("identity_key is not a Signal public key (it starts with 05)");
  }
  auto profile = fields.find("profile");
  if (profile == fields.end() || !profile->second.has_struct_value()) {
    return InvalidArgument("the request has no \"profile\"");
  }
  KOLLEGA_RETURN_IF_ERROR(
      ParseJson(ToJson(profile->second.struct_value()), &request.profile, "the request's profile"));
  return request;
}

}  // namespace kollega::org
