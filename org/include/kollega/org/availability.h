// A helper's signed availability (docs/organisations.md §7): signed by the
// helper account's Signal identity key, checked by clients against the
// identity key in the helper's certificate. XEdDSA lives with the Signal
// code (kollega::crypto); this is the format around it.
//
// Thread-safety: free functions, thread-safe.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "organisation.pb.h"

namespace kollega::org {

inline constexpr size_t kMaxSignedAvailability = 512;
// Older than this, an availability says nothing any more: a helper's
// device republishes it well within (docs/organisations.md §7).
inline constexpr int64_t kAvailabilityLifetimeMs = 3LL * 24 * 3600 * 1000;

// "kollega-availability-v1" || u32be(len(body)) || body
std::string AvailabilitySigningInput(std::string_view body);

// Parses and checks everything but the signature: size, format, the
// account it names, and age at `now_ms` (a little clock skew forward is
// allowed).
Result<Availability> ParseAvailability(const SignedAvailability& signed_availability,
                                       std::string_view account_id, int64_t now_ms);

}  // namespace kollega::org
