// Seeds for the organisation formats (docs/fuzzing.md): every org_fuzzer
// input, and relay_dispatch_fuzzer's organisation operations
// (PublishOrgObject, GetOrganisation, PublishAvailability, ClaimCase),
// signed with keys derived from fixed seeds, the same the harnesses use.
// Ed25519 signatures are deterministic, so these come out the same at
// every regeneration.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "kollega/crypto/device_key.h"
#include "kollega/org/card.h"
#include "kollega/org/enrol_request.h"
#include "kollega/org/signed_object.h"
#include "make_corpus.h"
#include "organisation.pb.h"
#include "relay.pb.h"

namespace kollega::corpus {
namespace {

crypto::DeviceKey KeyFrom(const std::string& seed) {
  auto key = crypto::DeviceKey::FromPrivateSeed(seed);
  if (!key.ok()) std::exit(1);
  return std::move(key).value();
}

// relay_dispatch_fuzzer.cpp OrgSeed: its organisation key `index`.
crypto::DeviceKey RelayOrgKey(size_t index) {
  return KeyFrom(std::string(32, static_cast<char>(0x40 + index)));
}

std::string Signed(const crypto::DeviceKey& key, org::ObjectKind kind,
                   const google::protobuf::MessageLite& body) {
  auto object = org::Sign(key, kind, body);
  if (!object.ok()) std::exit(1);
  return object->SerializeAsString();
}

org::Policy ExamplePolicy(const std::string& org_key, uint64_t version) {
  org::Policy p;
  p.set_format(1);
  p.set_org_key(org_key);
  p.set_version(version);
  p.set_name("Kollegastøtte");
  p.add_regions("Region Hovedstaden");
  p.add_professions("doctor");
  p.add_languages("da");
  p.add_languages("en");
  auto* category = p.add_categories();
  category->set_id("burnout");
  (*category->mutable_names())["da"] = "Udbrændthed";
  p.mutable_case_limit()->set_max_conversations(4);
  p.mutable_case_limit()->set_max_support_minutes(240);
  p.mutable_case_limit()->set_over_days(56);
  p.mutable_case_limit()->set_new_conversation_after_minutes(720);
  p.mutable_hours()->set_time_zone("Europe/Copenhagen");
  for (uint32_t day = 1; day <= 5; ++day) {
    auto* open = p.mutable_hours()->add_open();
    open->set_weekday(day);
    open->set_start_minute(9 * 60);
    open->set_end_minute(15 * 60);
  }
  (*p.mutable_hours()->mutable_out_of_hours_notice())["da"] = "Vi svarer i åbningstiden.";
  p.set_retention_days(30);
  p.set_max_open_cases_per_helper(3);
  auto* dk = p.add_emergency();
  dk->set_country("DK");
  dk->add_contacts()->set_label("Alarm");
  dk->mutable_contacts(0)->set_phone("112");
  p.mutable_on_call()->set_label("On-call contact");
  p.mutable_on_call()->set_phone("+45 00000000");
  p.set_issued_ms(1'779'000'000'000);
  return p;
}

org::HelperCertificate ExampleCertificate(const std::string& org_key, uint64_t serial) {
  org::HelperCertificate c;
  c.set_format(1);
  c.set_org_key(org_key);
  c.set_serial(serial);
  c.set_account_id(std::string(16, '\x11'));
  c.set_identity_key("\x05" + std::string(32, 'i'));
  c.mutable_profile()->set_name("Helper A");
  c.mutable_profile()->set_profession("doctor");
  c.mutable_profile()->set_region("Region Hovedstaden");
  c.mutable_profile()->add_languages("da");
  c.set_issued_ms(1'700'000'000'000);
  c.set_expires_ms(1'900'000'000'000);
  return c;
}

org::RevocationList ExampleRevocations(const std::string& org_key, uint64_t version) {
  org::RevocationList r;
  r.set_format(1);
  r.set_org_key(org_key);
  r.set_version(version);
  r.add_serials(13);
  r.add_serials(99);
  r.set_issued_ms(1'779'000'000'000);
  return r;
}

std::string ExampleAvailability(uint64_t issued_ms) {
  org::Availability a;
  a.set_format(1);
  a.set_account_id(std::string(16, '\x11'));
  a.set_state(org::AWAY);
  a.set_back_at_ms(issued_ms + 3'600'000);
  a.set_issued_ms(issued_ms);
  org::SignedAvailability signed_availability;
  signed_availability.set_body(a.SerializeAsString());
  signed_availability.set_signature(std::string(64, 's'));  // XEdDSA; the relay does not check it
  return signed_availability.SerializeAsString();
}

// Flags of relay_dispatch_fuzzer.cpp: bit 0 logs in; bit 1 has the
// harness sign each PublishOrgObject as its organisation key `index`
// (bits 2-4). The objects here are signed already with that key, so they
// verify without bit 1 too (all but the challenge proofs, which depend on
// the connection's nonce).
std::string OrgFrames(bool login, size_t index, const std::vector<wire::Request>& requests) {
  std::string out = Frames(login, requests);
  out[0] = static_cast<char>(out[0] | 2 | (index << 2));
  return out;
}

wire::Request Publish(uint64_t id, const crypto::DeviceKey& key, const std::string& object,
                      bool proof) {
  wire::Request r;
  r.set_id(id);
  r.mutable_publish_org_object()->set_org_key(key.public_key());
  r.mutable_publish_org_object()->set_signed_object(object);
  if (proof) r.mutable_publish_org_object()->set_challenge_signature(std::string(64, 'c'));
  return r;
}

}  // namespace

void RelayDispatchOrg(const wire::Request& challenge) {
  const std::string t = "relay_dispatch_fuzzer";
  const crypto::DeviceKey k0 = RelayOrgKey(0), k1 = RelayOrgKey(1), k2 = RelayOrgKey(2);
  const std::string policy = Signed(k0, org::POLICY, ExamplePolicy(k0.public_key(), 2));
  const std::string cert =
      Signed(k0, org::HELPER_CERTIFICATE, ExampleCertificate(k0.public_key(), 7));
  const std::string revoked =
      Signed(k0, org::HELPER_CERTIFICATE, ExampleCertificate(k0.public_key(), 13));
  const std::string revocations =
      Signed(k0, org::REVOCATION_LIST, ExampleRevocations(k0.public_key(), 1));
  wire::Request get, next_page, availability, claim, claim_again;
  get.set_id(40);
  get.mutable_get_organisation()->set_org_key(k0.public_key());
  next_page.set_id(41);
  next_page.mutable_get_organisation()->set_org_key(k0.public_key());
  next_page.mutable_get_organisation()->set_cursor(std::string(8, '\x07'));
  availability.set_id(42);
  availability.mutable_publish_availability()->set_signed_availability(
      ExampleAvailability(1'700'000'000'000));
  claim.set_id(43);
  claim.mutable_claim_case()->set_claim_id(std::string(16, '\xC1'));
  claim_again = claim;
  claim_again.set_id(44);
  // Before login: a proof alone, then objects (GetOrganisation and the
  // rest need a login and are refused).
  Write(t, "org_prelogin",
        OrgFrames(false, 0,
                  {Publish(30, k0, "", true), Publish(31, k0, policy, false),
                   Publish(32, k0, cert, false), Publish(33, k0, revocations, false),
                   Publish(34, k0, revoked, false), get, claim}));
  // After login: publish, read back, availability and a claim twice.
  wire::Request fresh_challenge = challenge;
  fresh_challenge.set_id(29);
  Write(t, "org_login",
        OrgFrames(true, 0,
                  {fresh_challenge, Publish(30, k0, policy, true), Publish(31, k0, cert, false),
                   availability, get, next_page, claim, claim_again}));
  // A rotation from key 1 to key 2, then a policy under the old key
  // (ORG_NOT_HOSTED) and the same rotation again (no change).
  auto rotation = org::SignRotation(k1, k2, 1'700'000'000'000);
  if (!rotation.ok()) std::exit(1);
  const std::string rotated = rotation->SerializeAsString();
  Write(
      t, "org_rotation",
      OrgFrames(false, 1,
                {Publish(30, k1, rotated, false),
                 Publish(31, k1, Signed(k1, org::POLICY, ExamplePolicy(k1.public_key(), 1)), false),
                 Publish(32, k1, rotated, false)}));
  // Unsigned by the harness (flags 0): the seeds' own signatures; a
  // forged object and a bad proof.
  wire::Request forged = Publish(30, k0, policy, false);
  org::SignedObject object;
  if (!object.ParseFromString(policy)) std::exit(1);
  object.set_signature(std::string(64, 'f'));
  forged.mutable_publish_org_object()->set_signed_object(object.SerializeAsString());
  Write(t, "org_unsigned",
        Frames(false, {Publish(30, k0, policy, false), forged, Publish(32, k0, "", true)}));
}

namespace {

// Mode 2 of org_fuzzer.cpp: kind and the version held (5), u16 body
// length, body, ledger events.
std::string HarnessSigned(org::ObjectKind kind, const std::string& body,
                          const std::string& events) {
  std::string out(1, static_cast<char>(5 << 3 | kind));
  out.push_back(static_cast<char>(body.size() >> 8));
  out.push_back(static_cast<char>(body.size() & 0xFF));
  return out + body + events;
}

// A ledger event of org_fuzzer.cpp: op, u16 value.
std::string Event(int op, uint16_t value) {
  return {static_cast<char>(op), static_cast<char>(value >> 8), static_cast<char>(value & 0xFF)};
}

}  // namespace

void Org() {
  const std::string t = "org_fuzzer";
  const crypto::DeviceKey key = KeyFrom(std::string(32, 'O'));  // org_fuzzer.cpp kOrgSeed
  const crypto::DeviceKey next = KeyFrom(std::string(32, 'N'));
  const std::string& pub = key.public_key();
  Write(t, "card", Sel(0, org::EncodeCard({"wss://relay.example.org:8443/kollega", pub})));
  Write(t, "policy", Sel(1, Signed(key, org::POLICY, ExamplePolicy(pub, 6))));
  Write(t, "certificate", Sel(1, Signed(key, org::HELPER_CERTIFICATE, ExampleCertificate(pub, 7))));
  Write(t, "revocations", Sel(1, Signed(key, org::REVOCATION_LIST, ExampleRevocations(pub, 6))));
  auto rotation = org::SignRotation(key, next, 1'779'000'000'000);
  if (!rotation.ok()) std::exit(1);
  Write(t, "rotation", Sel(1, rotation->SerializeAsString()));
  // A conversation of messages minutes apart, a day's silence, the
  // helper's correction, a clock stepping back, then a long gap.
  const std::string events = Event(0, 30) + Event(0, 600) + Event(1, 50) + Event(1, 1500) +
                             Event(3, 0) + Event(0, 5) + Event(7, 200) + Event(2, 120) +
                             Event(1, 60000);
  Write(t, "signed_policy_ledger",
        Sel(2, HarnessSigned(org::POLICY, ExamplePolicy(pub, 9).SerializeAsString(), events)));
  // Open on Sundays 01:00-02:30 in Copenhagen: on 25 October 2026 the
  // clocks fall back from 03:00 to 02:00, so the end comes twice.
  org::Policy night = ExamplePolicy(pub, 9);
  night.mutable_hours()->clear_open();
  auto* sunday = night.mutable_hours()->add_open();
  sunday->set_weekday(7);
  sunday->set_start_minute(60);
  sunday->set_end_minute(150);
  Write(t, "signed_policy_fall_back",
        Sel(2, HarnessSigned(org::POLICY, night.SerializeAsString(), "")));
  org::HelperCertificate revoked = ExampleCertificate(pub, 13);
  Write(t, "signed_certificate_revoked",
        Sel(2, HarnessSigned(org::HELPER_CERTIFICATE, revoked.SerializeAsString(), "")));
  Write(t, "signed_revocations",
        Sel(2, HarnessSigned(org::REVOCATION_LIST, ExampleRevocations(pub, 6).SerializeAsString(),
                             "")));
  org::KeyRotation handover;
  handover.set_format(1);
  handover.set_old_key(pub);
  handover.set_new_key(next.public_key());
  handover.set_issued_ms(1'779'000'000'000);
  Write(t, "signed_rotation",
        Sel(2, HarnessSigned(org::KEY_ROTATION, handover.SerializeAsString(), "")));
  Write(t, "availability", Sel(3, ExampleAvailability(1'779'990'000'000)));
  org::EnrolRequest request;
  request.account_id = std::string(16, '\x11');
  request.identity_key = "\x05" + std::string(32, 'i');
  request.profile = ExampleCertificate(pub, 1).profile();
  request.profile.set_introduction("GP, 20 years; \"listening\" first.");
  // The encoder goes through a protobuf Struct, whose map order differs
  // from run to run: the same request, its fields in another order.
  Write(t, "enrol_request", Sel(4, org::EncodeRequest(request)), /*nondeterministic=*/true);
}

}  // namespace kollega::corpus
