// verify and publish: what a client would make of signed files, and sending
// them to the relay (docs/organisations.md §4, proto/relay.proto
// PublishOrgObject). Both take files in the order a client must learn them:
// a key rotation first (so later objects are checked with the new key),
// then the policy, the revocation list, and the certificates (checked
// against that list).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <utility>

#include "commands.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/device_key.h"
#include "kollega/org/card.h"
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

struct Checked {
  std::string path;
  std::string bytes;   // the file as read: what is published
  std::string signer;  // the key the relay should file it under
  std::string summary;
  Status status;
};

int Rank(uint32_t kind) {
  switch (kind) {
    case org::KEY_ROTATION:
      return 0;
    case org::POLICY:
      return 1;
    case org::REVOCATION_LIST:
      return 2;
    default:
      return 3;
  }
}

// Checks every file with `key` as a client that pinned it would, following
// rotations; `key` ends as the last key rotated to.
std::vector<Checked> CheckAll(const std::vector<std::string>& paths, std::string& key) {
  std::vector<std::pair<org::SignedObject, Checked>> items;
  for (const std::string& path : paths) {
    Checked c{path, "", "", "", Status::Ok()};
    org::SignedObject object;
    auto bytes = ReadFile(path);
    if (!bytes.ok()) {
      c.status = bytes.status();
    } else if (!object.ParseFromString(*bytes)) {
      c.status = InvalidArgument("not a signed object");
    } else {
      c.bytes = std::move(*bytes);
    }
    items.emplace_back(std::move(object), std::move(c));
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return Rank(a.first.kind()) < Rank(b.first.kind());
  });
  const int64_t now = NowMs();
  std::optional<org::RevocationList> revocations;
  std::vector<Checked> out;
  for (auto& [object, c] : items) {
    if (!c.status.ok()) {
      out.push_back(std::move(c));
      continue;
    }
    c.signer = key;
    switch (object.kind()) {
      case org::KEY_ROTATION: {
        auto r = org::VerifyRotation(object, key);
        c.status = r.status();
        if (r.ok()) {
          c.summary = "key rotation from " + Fingerprint(r->old_key()) + " to " +
                      Fingerprint(r->new_key()) + ", " + FormatTime(r->issued_ms());
          key = r->new_key();
        }
        break;
      }
      case org::POLICY: {
        auto p = org::VerifyPolicy(object, key, 0);
        c.status = p.status();
        if (p.ok())
          c.summary = "policy version " + std::to_string(p->version()) + "\n" + ToJson(*p);
        break;
      }
      case org::REVOCATION_LIST: {
        auto r = org::VerifyRevocations(object, key, 0);
        c.status = r.status();
        if (r.ok()) {
          c.summary = "revocation list version " + std::to_string(r->version()) + ", serials:";
          for (uint64_t s : r->serials()) c.summary += " " + std::to_string(s);
          revocations = *r;
        }
        break;
      }
      default: {
        auto h = org::VerifyCertificate(object, key, now, revocations ? &*revocations : nullptr);
        c.status = h.status();
        if (h.ok()) {
          c.summary = "helper certificate " + std::to_string(h->serial()) + ", account " +
                      Hex(h->account_id()) + ", identity key " + Fingerprint(h->identity_key()) +
                      ", term ends " + FormatTime(static_cast<int64_t>(h->expires_ms())) + "\n" +
                      ToJson(h->profile());
        }
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Status Verify(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string text, args.Require("--card"));
  if (args.positional().empty()) return InvalidArgument("name at least one signed FILE");
  auto card = org::DecodeCard(text);
  if (!card.ok()) return InvalidArgument("--card: " + card.status().message());
  std::string key = card->org_key;
  int refused = 0;
  for (Checked& c : CheckAll(args.positional(), key)) {
    if (c.status.ok()) {
      std::printf("%s: ok: %s\n", c.path.c_str(), c.summary.c_str());
    } else {
      ++refused;
      std::printf("%s: REFUSED: %s\n", c.path.c_str(), c.status.message().c_str());
    }
  }
  if (refused) return InvalidArgument(std::to_string(refused) + " file(s) would be refused");
  return Status::Ok();
}

Status Publish(const Args& args) {
  KOLLEGA_ASSIGN_OR_RETURN(std::string path, args.Require("--dir"));
  if (args.positional().empty()) return InvalidArgument("name at least one signed FILE");
  KOLLEGA_ASSIGN_OR_RETURN(OrgDir dir, OrgDir::Open(path));
  // A rotation among the files starts the chain at the key it hands over
  // from; the chain must end at this directory's key.
  std::string key = dir.org_key();
  for (const std::string& file : args.positional()) {
    org::SignedObject object;
    org::KeyRotation rotation;
    auto bytes = ReadFile(file);
    if (bytes.ok() && object.ParseFromString(*bytes) && object.kind() == org::KEY_ROTATION &&
        rotation.ParseFromString(object.body())) {
      key = rotation.old_key();
    }
  }
  std::vector<Checked> checked = CheckAll(args.positional(), key);
  std::string refusal;
  for (const Checked& c : checked) {
    if (!c.status.ok() && refusal.empty()) {
      refusal = c.path + ": clients would refuse it: " + c.status.message();
    }
  }
  if (!refusal.empty()) return InvalidArgument(refusal);
  if (key != dir.org_key()) {
    return InvalidArgument("these files do not end at the key in " + path);
  }
  const std::string url = args.Get("--relay", dir.relay_url());
  KOLLEGA_ASSIGN_OR_RETURN(client::RelayEndpoint endpoint, client::RelayEndpoint::Parse(url));
  client::RelayConnection::Options options;
  options.tls_ca_file = args.Get("--ca-file");
  // The key signs this connection's challenge: the relay then takes objects
  // larger than its 8 KiB pre-login frames, which a replayed object could
  // not earn (docs/organisations.md §5, "Frame size").
  KOLLEGA_ASSIGN_OR_RETURN(std::string passphrase, ReadPassphrase(args, false));
  auto org_key = dir.UnlockKey(passphrase);
  crypto::Wipe(passphrase);
  KOLLEGA_RETURN_IF_ERROR(org_key.status());
  KOLLEGA_ASSIGN_OR_RETURN(auto connection, client::RelayConnection::Connect(endpoint, options));
  KOLLEGA_ASSIGN_OR_RETURN(
      std::string proof,
      org_key->Sign(org::PublishProofInput(connection->TakeChallenge().nonce())));
  int refused = 0;
  for (const Checked& c : checked) {
    // Before the first object under this directory's key (a rotation comes
    // before it, under the old key, and is small), the proof on its own.
    if (!proof.empty() && c.signer == dir.org_key()) {
      wire::Request prove;
      prove.mutable_publish_org_object()->set_org_key(c.signer);
      prove.mutable_publish_org_object()->set_challenge_signature(std::exchange(proof, {}));
      auto proved = connection->Call(std::move(prove), std::chrono::seconds(15));
      if (!proved.ok() || proved->code() != wire::OK) {
        connection->Close();
        if (!proved.ok())
          return Unavailable("the relay did not answer: " + proved.status().message());
        return FailedPrecondition(
            "the relay did not take the key's proof: " + wire::ErrorCode_Name(proved->code()) +
            " " + proved->message() +
            (proved->code() == wire::ORG_NOT_HOSTED ? " (ask the relay's operator to host your key)"
                                                    : ""));
      }
    }
    wire::Request request;
    request.mutable_publish_org_object()->set_org_key(c.signer);
    request.mutable_publish_org_object()->set_signed_object(c.bytes);
    auto response = connection->Call(std::move(request), std::chrono::seconds(15));
    if (!response.ok()) {
      connection->Close();
      return Unavailable(c.path + ": " + response.status().message());
    }
    if (response->code() == wire::OK) {
      std::printf("%s: published\n", c.path.c_str());
    } else {
      ++refused;
      std::printf("%s: refused by the relay: %s %s\n", c.path.c_str(),
                  wire::ErrorCode_Name(response->code()).c_str(), response->message().c_str());
    }
  }
  connection->Close();
  if (refused) return FailedPrecondition(std::to_string(refused) + " file(s) were refused");
  return Status::Ok();
}

}  // namespace kollega::admin
