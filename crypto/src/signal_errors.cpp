// SPDX-License-Identifier: GPL-3.0-or-later
#include "signal_errors.h"

#include <signal/signal_protocol.h>

#include <string>

#include "kollega/crypto/signal_sessions.h"

namespace kollega::crypto {
namespace internal {
namespace {

Status Make(StatusCode code, std::string_view prefix, std::string_view what) {
  std::string message(prefix);
  message += " (";
  message += what;
  message += ")";
  return Status(code, std::move(message));
}

}  // namespace

Status FromSignalError(int code, std::string_view what) {
  switch (code) {
    case SG_ERR_DUPLICATE_MESSAGE:
      return Make(StatusCode::kAlreadyExists, kDuplicatePrefix, what);
    case SG_ERR_INVALID_MESSAGE:
    case SG_ERR_INVALID_MAC:
    case SG_ERR_INVALID_PROTO_BUF:
    case SG_ERR_INVALID_VERSION:
    case SG_ERR_LEGACY_MESSAGE:
    case SG_ERR_STALE_KEY_EXCHANGE:
      return Make(StatusCode::kInvalidArgument, kInvalidMessagePrefix, what);
    case SG_ERR_INVALID_KEY:
    case SG_ERR_VRF_SIG_VERIF_FAILED:
      return Make(StatusCode::kInvalidArgument, kInvalidKeyPrefix, what);
    case SG_ERR_NO_SESSION:
      return Make(StatusCode::kNotFound, kNoSessionPrefix, what);
    case SG_ERR_UNTRUSTED_IDENTITY:
      return Make(StatusCode::kFailedPrecondition, kUntrustedPrefix, what);
    case SG_ERR_INVALID_KEY_ID:
      return Make(StatusCode::kNotFound, kInvalidKeyIdPrefix, what);
    case SG_ERR_NOMEM:
      return Make(StatusCode::kResourceExhausted, "out of memory", what);
    default:
      return Status(StatusCode::kInternal,
                    "libsignal error " + std::to_string(code) + " (" + std::string(what) + ")");
  }
}

}  // namespace internal

SessionError ClassifySessionError(const Status& status) {
  using internal::kDuplicatePrefix;
  const std::string& m = status.message();
  auto starts = [&m](std::string_view prefix) { return m.compare(0, prefix.size(), prefix) == 0; };
  switch (status.code()) {
    case StatusCode::kOk:
      return SessionError::kNone;
    case StatusCode::kAlreadyExists:
      if (starts(kDuplicatePrefix)) return SessionError::kDuplicateMessage;
      break;
    case StatusCode::kInvalidArgument:
      if (starts(internal::kInvalidMessagePrefix)) return SessionError::kInvalidMessage;
      if (starts(internal::kInvalidKeyPrefix)) return SessionError::kInvalidKey;
      break;
    case StatusCode::kNotFound:
      // "invalid key id" shares "invalid key"'s start, so test it first.
      if (starts(internal::kInvalidKeyIdPrefix)) return SessionError::kInvalidKeyId;
      if (starts(internal::kNoSessionPrefix)) return SessionError::kNoSession;
      break;
    case StatusCode::kFailedPrecondition:
      if (starts(internal::kUntrustedPrefix)) return SessionError::kUntrustedIdentity;
      break;
    default:
      break;
  }
  return SessionError::kOther;
}

}  // namespace kollega::crypto
