// sign-policy, enrol-request, enrol and revoke: what an organisation signs
// (docs/organisations.md §3). Each result is checked with the very function
// a client runs (org/verify.h) before it is written, so what a client would
// refuse never leaves the administrator's machine.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <ctime>

#include "commands.h"
#include "kollega/org/enrol_request.h"
#include "kollega/org/signed_object.h"
#include "kollega/org/verify.h"
#include "org_dir.h"
#include "util.h"

namespace kollega::admin {

using org::DecodeRequest;
using org::EncodeRequest;
using org::EnrolRequest;
using org::ParseJson;
using org::ToJson;
namespace {

// The organisation key, opened with the passphrase (which is wiped here).
Result<crypto::DeviceKey> Unlock(const Args& args, const OrgDir& dir) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string passphrase, ReadPassphrase(args, false));
  auto key = dir.UnlockKey(passphrase);
  WipeString(passphrase);
  return key;
}

Result<uint64_t> ParseCount(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 19 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return InvalidArgument(what + " must be a positive whole number, not \"" + text + "\"");
  }
  const uint64_t n = std::stoull(text);
  if (n == 0) return InvalidArgument(what + " must be above 0");
  return n;
}

// YYYY-MM-DD: the term ends at the end of that day, UTC.
Result<int64_t> ParseExpiry(const std::string& text) {
  std::tm tm{};
  const char* end = ::strptime(text.c_str(), "%Y-%m-%d", &tm);
  if (text.size() != 10 || end == nullptr || *end != '\0') {
    return InvalidArgument("--expires must be a date as YYYY-MM-DD, not \"" + text + "\"");
  }
  return (static_cast<int64_t>(::timegm(&tm)) + 24 * 3600) * 1000;
}

Status Write(const std::string& path, const org::SignedObject& object, const char* what) {
  KOLLEGA_RETURN_IF_ERROR(WriteFile(path, object.SerializeAsString()));
  std::printf("wrote %s: %s\n", path.c_str(), what);
  return Status::Ok();
}

}  // namespace

Status SignPolicy(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  if (args.positional().size() != 1) return InvalidArgument("give exactly one policy.json");
  const std::string& input = args.positional()[0];
  KOLLEGA_ASSIGN_OR_RETURN(OrgDir dir, OrgDir::Open(path));
  KOLLEGA_ASSIGN_OR_RETURN(std::string json, ReadFile(input));
  org::Policy policy;
  KOLLEGA_RETURN_IF_ERROR(ParseJson(json, &policy, input));
  uint64_t version = dir.policy_version + 1;
  if (args.Has("--version")) {
    KOLLEGA_ASSIGN_OR_RETURN(version, ParseCount(args.Get("--version"), "--version"));
    if (version <= dir.policy_version) {
      return InvalidArgument(
          "--version " + std::to_string(version) + " is not above the last signed policy version " +
          std::to_string(dir.policy_version) + " (clients refuse a policy that goes back)");
    }
  }
  // The tool owns these fields: whatever the JSON says, they are its own.
  policy.set_format(1);
  policy.set_org_key(dir.org_key());
  policy.set_version(version);
  policy.set_issued_ms(static_cast<uint64_t>(NowMs()));
  KOLLEGA_ASSIGN_OR_RETURN(crypto::DeviceKey key, Unlock(args, dir));
  KOLLEGA_ASSIGN_OR_RETURN(org::SignedObject signed_policy, org::Sign(key, org::POLICY, policy));
  if (auto checked = org::VerifyPolicy(signed_policy, dir.org_key(), 0); !checked.ok()) {
    return InvalidArgument(input +
                           ": clients would refuse this policy: " + checked.status().message());
  }
  const std::string out =
      args.Get("--out", dir.File("policy-" + std::to_string(version) + ".signed"));
  KOLLEGA_RETURN_IF_ERROR(Write(
      out, signed_policy,
      ("policy version " + std::to_string(version) + " of \"" + policy.name() + "\"").c_str()));
  dir.policy_version = version;
  return dir.Save();
}

Status EnrolRequestCommand(const Args& args) {
  EnrolRequest request;
  KOLLEGA_ASSIGN_OR_RETURN(std::string account, args.Require("--account-id"));
  KOLLEGA_ASSIGN_OR_RETURN(std::string identity, args.Require("--identity-key"));
  KOLLEGA_ASSIGN_OR_RETURN(std::string out, args.Require("--out"));
  KOLLEGA_ASSIGN_OR_RETURN(request.account_id, Unhex(account, 16, "--account-id"));
  KOLLEGA_ASSIGN_OR_RETURN(request.identity_key, Unhex(identity, 33, "--identity-key"));
  org::HelperProfile& p = request.profile;
  KOLLEGA_ASSIGN_OR_RETURN(*p.mutable_name(), args.Require("--name"));
  KOLLEGA_ASSIGN_OR_RETURN(*p.mutable_profession(), args.Require("--profession"));
  p.set_region(args.Get("--region"));
  p.set_gender(args.Get("--gender"));
  p.set_sector(args.Get("--sector"));
  for (const std::string& language : args.All("--language")) p.add_languages(language);
  p.set_introduction(args.Get("--introduction"));
  const std::string json = EncodeRequest(request);
  // What the administrator's side will read must read back the same.
  KOLLEGA_RETURN_IF_ERROR(DecodeRequest(json).status());
  KOLLEGA_RETURN_IF_ERROR(WriteFile(out, json));
  std::printf("wrote %s: send it to your organisation's administrators\n", out.c_str());
  return Status::Ok();
}

Status Enrol(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  KOLLEGA_ASSIGN_OR_RETURN(std::string expires, args.Require("--expires"));
  if (args.positional().size() != 1) return InvalidArgument("give exactly one request file");
  KOLLEGA_ASSIGN_OR_RETURN(OrgDir dir, OrgDir::Open(path));
  KOLLEGA_ASSIGN_OR_RETURN(std::string json, ReadFile(args.positional()[0]));
  auto request = DecodeRequest(json);
  if (!request.ok()) {
    return InvalidArgument(args.positional()[0] + ": " + request.status().message());
  }
  KOLLEGA_ASSIGN_OR_RETURN(int64_t expires_ms, ParseExpiry(expires));
  const int64_t now = NowMs();
  if (expires_ms <= now) return InvalidArgument("--expires " + expires + " is already past");

  org::HelperCertificate cert;
  cert.set_format(1);
  cert.set_org_key(dir.org_key());
  cert.set_serial(dir.next_serial);
  cert.set_account_id(request->account_id);
  cert.set_identity_key(request->identity_key);
  *cert.mutable_profile() = request->profile;
  cert.set_issued_ms(static_cast<uint64_t>(now));
  cert.set_expires_ms(static_cast<uint64_t>(expires_ms));

  std::printf(
      "about to sign helper certificate %llu:\n  account %s\n  identity key "
      "fingerprint %s\n  term ends %s (the end of %s)\n%s",
      static_cast<unsigned long long>(cert.serial()), Hex(cert.account_id()).c_str(),
      Fingerprint(cert.identity_key()).c_str(), FormatTime(expires_ms - 1).c_str(), expires.c_str(),
      ToJson(cert.profile()).c_str());
  std::fflush(stdout);
  if (!args.Has("--yes") &&
      !Confirm("compare the fingerprint with the helper (by phone or in person); sign?")) {
    return FailedPrecondition("not signed");
  }
  KOLLEGA_ASSIGN_OR_RETURN(crypto::DeviceKey key, Unlock(args, dir));
  KOLLEGA_ASSIGN_OR_RETURN(org::SignedObject signed_cert,
                           org::Sign(key, org::HELPER_CERTIFICATE, cert));
  if (auto checked = org::VerifyCertificate(signed_cert, dir.org_key(), now, nullptr);
      !checked.ok()) {
    return InvalidArgument("clients would refuse this certificate: " + checked.status().message());
  }
  const std::string serial = std::to_string(cert.serial());
  KOLLEGA_RETURN_IF_ERROR(Write(args.Get("--out", dir.File("certificate-" + serial + ".signed")),
                                signed_cert, ("certificate " + serial).c_str()));
  dir.next_serial = cert.serial() + 1;
  return dir.Save();
}

Status Revoke(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  if (args.positional().empty()) return InvalidArgument("name at least one SERIAL to revoke");
  KOLLEGA_ASSIGN_OR_RETURN(OrgDir dir, OrgDir::Open(path));
  for (const std::string& text : args.positional()) {
    KOLLEGA_ASSIGN_OR_RETURN(uint64_t serial, ParseCount(text, "a serial"));
    if (serial >= dir.next_serial) {
      return InvalidArgument("serial " + text + " was never issued from " + path);
    }
    dir.revoked.insert(serial);
  }
  org::RevocationList list;
  list.set_format(1);
  list.set_org_key(dir.org_key());
  list.set_version(dir.revocations_version + 1);
  for (uint64_t serial : dir.revoked) list.add_serials(serial);
  list.set_issued_ms(static_cast<uint64_t>(NowMs()));
  KOLLEGA_ASSIGN_OR_RETURN(crypto::DeviceKey key, Unlock(args, dir));
  KOLLEGA_ASSIGN_OR_RETURN(org::SignedObject signed_list,
                           org::Sign(key, org::REVOCATION_LIST, list));
  if (auto checked = org::VerifyRevocations(signed_list, dir.org_key(), 0); !checked.ok()) {
    return InvalidArgument("clients would refuse this list: " + checked.status().message());
  }
  const std::string version = std::to_string(list.version());
  KOLLEGA_RETURN_IF_ERROR(Write(args.Get("--out", dir.File("revocations-" + version + ".signed")),
                                signed_list,
                                ("revocation list version " + version + ", " +
                                 std::to_string(list.serials_size()) + " serial(s)")
                                    .c_str()));
  dir.revocations_version = list.version();
  return dir.Save();
}

}  // namespace kollega::admin
