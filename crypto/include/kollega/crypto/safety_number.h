// Safety numbers: the 60-digit string two users compare (read aloud or side
// by side) to confirm they hold each other's real identity keys. It is the
// library's displayable fingerprint (5200 SHA-512 iterations, version 1), so
// both sides compute the same digits: each half belongs to one party and the
// halves are ordered, not by who asks.
//
// Thread-safety: uses the SignalContext; same one-thread rule.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "kollega/crypto/signal_context.h"

namespace kollega::crypto {

inline constexpr size_t kSafetyNumberDigits = 60;

// Identifiers are stable account ids (no NUL bytes); keys are 33 bytes.
Result<std::string> SafetyNumber(SignalContext& context, std::string_view local_id,
                                 std::string_view local_identity_key, std::string_view remote_id,
                                 std::string_view remote_identity_key);

}  // namespace kollega::crypto
