// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/org/availability.h"

namespace kollega::org {
namespace {
constexpr std::string_view kTag = "kollega-availability-v1";
constexpr int64_t kSkewMs = 10 * 60 * 1000;
}  // namespace

std::string AvailabilitySigningInput(std::string_view body) {
  std::string input(kTag);
  uint32_t n = static_cast<uint32_t>(body.size());
  for (int shift = 24; shift >= 0; shift -= 8) input.push_back(static_cast<char>(n >> shift));
  input.append(body);
  return input;
}

Result<Availability> ParseAvailability(const SignedAvailability& signed_availability,
                                       std::string_view account_id, int64_t now_ms) {
  if (signed_availability.ByteSizeLong() > kMaxSignedAvailability) {
    return InvalidArgument("availability is larger than " + std::to_string(kMaxSignedAvailability) +
                           " bytes");
  }
  Availability availability;
  if (!availability.ParseFromString(signed_availability.body())) {
    return InvalidArgument("availability does not parse");
  }
  if (availability.format() != 1) {
    return InvalidArgument("unknown availability format " + std::to_string(availability.format()));
  }
  if (availability.account_id() != account_id) {
    return InvalidArgument("availability names another account");
  }
  int64_t issued = static_cast<int64_t>(availability.issued_ms());
  if (issued > now_ms + kSkewMs || now_ms - issued > kAvailabilityLifetimeMs) {
    return InvalidArgument("availability is out of date");
  }
  return availability;
}

}  // namespace kollega::org
