// SPDX-License-Identifier: GPL-3.0-or-later
#include "provisioning.h"

#include <cctype>
#include <memory>

#include "kollega/crypto/aead.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {
namespace {

constexpr char kCodeVersion = 0x02;
constexpr size_t kCheckSize = 4;
constexpr char kBlobVersion = 0x01;
constexpr size_t kNonceSize = crypto::kAeadNonceSize;
constexpr size_t kTagSize = crypto::kAeadTagSize;
constexpr std::string_view kAadTag = "kollega-provisioning-v1";

std::string CodeCheck(std::string_view raw_without_check) {
  return crypto::Sha256(raw_without_check).substr(0, kCheckSize);
}

std::string Aad(std::string_view account_id) {
  std::string aad(kAadTag);
  aad.append(account_id);
  return aad;
}

}  // namespace

ProvisioningCode::~ProvisioningCode() { crypto::Wipe(key); }

std::string EncodeProvisioningCode(const ProvisioningCode& code) {
  std::string raw;
  raw.push_back(kCodeVersion);
  raw.append(code.account_id);
  raw.push_back(static_cast<char>(code.link_token.size()));
  raw.append(code.link_token);
  raw.append(code.key);
  raw.append(CodeCheck(raw));
  std::string text = Base64UrlEncode(raw);
  crypto::Wipe(raw);
  return text;
}

Result<ProvisioningCode> DecodeProvisioningCode(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  auto raw = Base64UrlDecode(text);
  if (!raw.ok()) return InvalidArgument("the linking code is not valid (check for typos)");
  std::string_view r = *raw;
  if (r.empty() || r[0] != kCodeVersion) {
    crypto::Wipe(*raw);
    return InvalidArgument("the linking code has an unknown version");
  }
  if (r.size() < 1 + kCheckSize ||
      !crypto::ConstantTimeEqual(CodeCheck(r.substr(0, r.size() - kCheckSize)),
                                 r.substr(r.size() - kCheckSize))) {
    crypto::Wipe(*raw);
    return InvalidArgument("the linking code is mistyped (check it and try again)");
  }
  r.remove_suffix(kCheckSize);
  r.remove_prefix(1);
  if (r.size() < kAccountIdSize + 1) {
    crypto::Wipe(*raw);
    return InvalidArgument("the linking code is too short");
  }
  ProvisioningCode code;
  code.account_id = std::string(r.substr(0, kAccountIdSize));
  r.remove_prefix(kAccountIdSize);
  const size_t token_len = static_cast<unsigned char>(r[0]);
  r.remove_prefix(1);
  if (token_len == 0 || r.size() != token_len + kProvisioningKeySize) {
    crypto::Wipe(*raw);
    return InvalidArgument("the linking code has a bad length");
  }
  code.link_token = std::string(r.substr(0, token_len));
  code.key = std::string(r.substr(token_len));
  crypto::Wipe(*raw);
  return code;
}

Result<std::string> SealProvisioning(std::string_view key, std::string_view account_id,
                                     std::string_view plaintext) {
  if (key.size() != kProvisioningKeySize) return InvalidArgument("provisioning key size");
  const std::string nonce = crypto::RandomBytes(kNonceSize);
  KOLLEGA_ASSIGN_OR_RETURN(std::string sealed,
                           crypto::AeadSeal(key, nonce, Aad(account_id), plaintext));
  return std::string(1, kBlobVersion) + nonce + sealed;
}

Result<std::string> OpenProvisioning(std::string_view key, std::string_view account_id,
                                     std::string_view sealed) {
  if (key.size() != kProvisioningKeySize) return InvalidArgument("provisioning key size");
  if (sealed.size() < 1 + kNonceSize + kTagSize || sealed[0] != kBlobVersion) {
    return InvalidArgument("provisioning blob is malformed");
  }
  auto plain = crypto::AeadOpen(key, sealed.substr(1, kNonceSize), Aad(account_id),
                                sealed.substr(1 + kNonceSize));
  if (!plain.ok() && plain.status().code() == StatusCode::kUnauthenticated) {
    return Unauthenticated("the provisioning data does not match the linking code");
  }
  return plain;
}

}  // namespace kollega::client
