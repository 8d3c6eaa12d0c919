// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/safety_number.h"

#include "context_internal.h"
#include "signal_errors.h"
#include "signal_handles.h"

namespace kollega::crypto {
namespace {

// The same constants as other Signal clients, so numbers match theirs.
constexpr int kFingerprintIterations = 5200;
constexpr int kFingerprintVersion = 1;

}  // namespace

Result<std::string> SafetyNumber(SignalContext& context, std::string_view local_id,
                                 std::string_view local_identity_key, std::string_view remote_id,
                                 std::string_view remote_identity_key) {
  // The library takes identifiers as C strings.
  if (local_id.find('\0') != std::string_view::npos ||
      remote_id.find('\0') != std::string_view::npos) {
    return InvalidArgument("safety number identifiers must not contain NUL");
  }
  signal_context* ctx = SignalContextAccess::Raw(context);
  KOLLEGA_ASSIGN_OR_RETURN(auto local_key, internal::DecodePublicKey(ctx, local_identity_key));
  KOLLEGA_ASSIGN_OR_RETURN(auto remote_key, internal::DecodePublicKey(ctx, remote_identity_key));

  fingerprint_generator* raw_generator = nullptr;
  int rc = fingerprint_generator_create(&raw_generator, kFingerprintIterations, kFingerprintVersion,
                                        ctx);
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "create fingerprint generator");
  internal::FingerprintGeneratorPtr generator(raw_generator);

  const std::string local(local_id);
  const std::string remote(remote_id);
  fingerprint* raw_fingerprint = nullptr;
  rc = fingerprint_generator_create_for(generator.get(), local.c_str(), local_key.get(),
                                        remote.c_str(), remote_key.get(), &raw_fingerprint);
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "compute safety number");
  internal::Ref<fingerprint> fp(raw_fingerprint);

  const char* text = displayable_fingerprint_text(fingerprint_get_displayable(fp.get()));
  if (!text) return Internal("fingerprint has no displayable text");
  std::string digits(text);
  if (digits.size() != kSafetyNumberDigits) return Internal("safety number is not 60 digits");
  return digits;
}

}  // namespace kollega::crypto
