// init, card and rotate: the organisation key's life (docs/admin.md §1, §6).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

#include "commands.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/card.h"
#include "kollega/org/signed_object.h"
#include "kollega/org/verify.h"
#include "org_dir.h"
#include "qr.h"
#include "util.h"

namespace kollega::admin {
namespace {

Status PrintCard(const OrgDir& dir, bool qr) {
  const std::string card = org::EncodeCard({dir.relay_url(), dir.org_key()});
  // What init recorded must decode as a client would take it.
  KOLLEGA_RETURN_IF_ERROR(org::DecodeCard(card).status());
  std::printf("%s\n", card.c_str());
  if (qr) {
    KOLLEGA_ASSIGN_OR_RETURN(std::string code, RenderQr(card));
    std::printf("%s", code.c_str());
  }
  return Status::Ok();
}

}  // namespace

Status Init(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  KOLLEGA_ASSIGN_OR_RETURN(std::string relay, args.Require("--relay"));
  if (auto card = org::DecodeCard(org::EncodeCard({relay, std::string(32, '\0')})); !card.ok()) {
    return InvalidArgument("--relay: " + card.status().message());
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::string passphrase, ReadPassphrase(args, /*creating=*/true));
  auto dir = OrgDir::Create(path, relay, passphrase);
  WipeString(passphrase);
  if (!dir.ok()) return dir.status();
  std::printf("organisation key %s created in %s\n", Fingerprint(dir->org_key()).c_str(),
              path.c_str());
  std::printf(
      "back up the whole directory and keep the passphrase apart from it "
      "(docs/admin.md, \"Backing up\")\ncard:\n");
  return PrintCard(*dir, false);
}

Status Card(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  KOLLEGA_ASSIGN_OR_RETURN(OrgDir dir, OrgDir::Open(path));
  return PrintCard(dir, args.Has("--qr"));
}

Status Rotate(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  KOLLEGA_ASSIGN_OR_RETURN(OrgDir dir, OrgDir::Open(path));
  KOLLEGA_ASSIGN_OR_RETURN(std::string passphrase, ReadPassphrase(args, false));
  auto old_key = dir.UnlockKey(passphrase);
  if (!old_key.ok()) {
    WipeString(passphrase);
    return old_key.status();
  }
  auto new_key = crypto::DeviceKey::Generate();
  if (!new_key.ok()) {
    WipeString(passphrase);
    return new_key.status();
  }
  auto rotation = org::SignRotation(*old_key, *new_key, static_cast<uint64_t>(NowMs()));
  Status checked =
      rotation.ok() ? org::VerifyRotation(*rotation, dir.org_key()).status() : rotation.status();
  const std::string out =
      dir.File("rotation-" + Hex(crypto::Sha256(new_key->public_key()).substr(0, 4)) + ".signed");
  // The rotation is written before the key is replaced: a crash between
  // the two leaves the old key in place and a rotation nobody published.
  if (checked.ok()) checked = WriteFile(out, rotation->SerializeAsString(), true);
  if (checked.ok()) checked = dir.ReplaceKey(*new_key, passphrase);
  WipeString(passphrase);
  KOLLEGA_RETURN_IF_ERROR(checked);
  std::printf("rotated to key %s; the old key is kept in %s as retired-*.key\n",
              Fingerprint(dir.org_key()).c_str(), path.c_str());
  std::printf(
      "wrote %s: publish it first, then re-sign and publish the policy, the "
      "revocation list and every certificate with the new key\nnew card:\n",
      out.c_str());
  return PrintCard(dir, false);
}

}  // namespace kollega::admin
