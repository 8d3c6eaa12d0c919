// The enrolment request a helper hands to the organisation's administrators
// (docs/admin.md §3): a small JSON file, so that
// enrolment needs neither side online and can travel by any channel. It
// holds nothing secret — an account id, a public identity key, a profile —
// and the administrator checks it by eye before signing:
//   {"kollega_enrol_request": 1,
//    "account_id": "<32 hex digits>", "identity_key": "<66 hex digits>",
//    "profile": {"name": ..., "profession": ..., "region": ..., "gender": ...,
//                "sector": ..., "languages": [...], "introduction": ...}}
// "profile" is HelperProfile in protobuf's JSON mapping; unknown fields
// anywhere are refused.
//
// Thread-safety: free functions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kollega/base/status.h"
#include "organisation.pb.h"

namespace kollega::org {

struct EnrolRequest {
  std::string account_id;    // 16 bytes
  std::string identity_key;  // 33 bytes
  HelperProfile profile;
};

std::string EncodeRequest(const EnrolRequest& request);
Result<EnrolRequest> DecodeRequest(const std::string& json);

// A message in protobuf's JSON mapping, strictly: an unknown field is an
// error that names it. `what` starts the error ("policy.json: ...").
Status ParseJson(const std::string& json, google::protobuf::Message* out, const std::string& what);
std::string ToJson(const google::protobuf::Message& message);

}  // namespace kollega::org
