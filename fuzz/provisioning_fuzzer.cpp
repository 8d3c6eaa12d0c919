// Fuzzes device-linking input (client-core/src/kernel/provisioning.h): the
// provisioning code a user pastes, the sealed blob the relay hands back,
// and the base64url underneath. Selector byte:
//   0: pasted text -> DecodeProvisioningCode; accepted codes re-encode to a
//      code that decodes to the same fields;
//   1: a raw code body that the harness completes with its version byte and
//      a correct check (no fuzzer guesses 4 SHA-256 bytes), so the length
//      and token rules see every body;
//   2: a sealed blob opened with a fixed key: opening must fail, since
//      nobody but the harness holds the key;
//   3: a plaintext sealed and opened again (round trip), then parsed as the
//      ProvisioningMessage a new device reads (keys.cpp, LinkDevice);
//   4: base64url text: accepted text re-encodes to itself (canonical).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "content.pb.h"
#include "kernel/provisioning.h"
#include "kollega/crypto/device_key.h"
#include "quiet_protobuf.h"

namespace {

namespace client = kollega::client;

const std::string kKey(client::kProvisioningKeySize, '\x33');
const std::string kAccount(client::kAccountIdSize, '\x44');

void Require(bool ok) {
  if (!ok) std::abort();
}

void CheckRoundTrip(const client::ProvisioningCode& code) {
  Require(code.account_id.size() == client::kAccountIdSize);
  Require(!code.link_token.empty() && code.link_token.size() <= 255);
  Require(code.key.size() == client::kProvisioningKeySize);
  auto again = client::DecodeProvisioningCode(client::EncodeProvisioningCode(code));
  Require(again.ok() && again->account_id == code.account_id &&
          again->link_token == code.link_token && again->key == code.key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      auto code = client::DecodeProvisioningCode(in);
      if (code.ok()) CheckRoundTrip(*code);
      break;
    }
    case 1: {
      std::string raw = "\x02" + in;  // the code's version (provisioning.h)
      raw += kollega::crypto::Sha256(raw).substr(0, 4);
      const std::string text = client::Base64UrlEncode(raw);
      auto code = client::DecodeProvisioningCode(text);
      if (!code.ok()) return 0;
      CheckRoundTrip(*code);
      Require(client::EncodeProvisioningCode(*code) == text);
      break;
    }
    case 2:
      Require(!client::OpenProvisioning(kKey, kAccount, in).ok());
      break;
    case 3: {
      auto sealed = client::SealProvisioning(kKey, kAccount, in);
      Require(sealed.ok());
      auto opened = client::OpenProvisioning(kKey, kAccount, *sealed);
      Require(opened.ok() && *opened == in);
      // The same blob must not open for another account (the AAD binds it).
      Require(!client::OpenProvisioning(kKey, std::string(16, '\x45'), *sealed).ok());
      kollega::content::ProvisioningMessage message;
      if (message.ParseFromString(*opened)) {
        std::string again;
        Require(message.SerializeToString(&again));
      }
      break;
    }
    default: {
      auto decoded = client::Base64UrlDecode(in);
      if (decoded.ok()) Require(client::Base64UrlEncode(*decoded) == in);
      break;
    }
  }
  return 0;
}
