// Library error codes → Kollega Status. Internal to crypto/.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

#include "kollega/base/status.h"

namespace kollega::crypto::internal {

// Message prefixes ClassifySessionError() recognises (with the code).
inline constexpr std::string_view kDuplicatePrefix = "duplicate message";
inline constexpr std::string_view kInvalidMessagePrefix = "invalid message";
inline constexpr std::string_view kInvalidKeyPrefix = "invalid key";
inline constexpr std::string_view kNoSessionPrefix = "no session";
inline constexpr std::string_view kUntrustedPrefix = "identity changed";
inline constexpr std::string_view kInvalidKeyIdPrefix = "invalid key id";

// `what` names the operation, e.g. "decrypt". Never pass secrets or account
// ids: statuses end up in logs.
Status FromSignalError(int code, std::string_view what);

}  // namespace kollega::crypto::internal
