// SPDX-License-Identifier: GPL-3.0-or-later
#include "components/organisations.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "kernel/link_manager.h"
#include "kollega/base/hex.h"
#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/org/availability.h"
#include "kollega/org/card.h"
#include "kollega/org/verify.h"
#include "organisations/opening_hours.h"
#include "organisations/time_zone.h"

namespace kollega::client {
namespace {

constexpr char kOrgPrefix = 'o';
// Bounds on what one refresh may take from a relay: pages, and rotations
// followed in a row.
constexpr int kMaxPages = 200;
constexpr int kMaxRotations = 4;

std::string OrgKey(std::string_view org_key) {
  return std::string(1, kOrgPrefix) + std::string(org_key);
}

bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

Result<org::SignedObject> ParseSigned(const std::string& bytes, std::string_view what) {
  org::SignedObject object;
  if (!object.ParseFromString(bytes)) {
    return InvalidArgument("the relay served " + std::string(what) + " that does not parse");
  }
  return object;
}

// What one relay round trip of pages brings, before any check.
struct Served {
  std::string policy, revocations, rotation;
  std::vector<std::string> certificates;
  std::vector<wire::AccountAvailability> availability;
};

}  // namespace

Result<org::PinnedOrganisation> Organisations::Load(const std::string& org_id_hex) {
  auto key = FromHex(org_id_hex);
  if (!key || key->size() != 32) return InvalidArgument("an organisation id is 64 hex digits");
  KOLLEGA_ASSIGN_OR_RETURN(auto value, kernel_.Table(kName).Get(OrgKey(*key)));
  if (!value) return NotFound("no organisation " + org_id_hex + " is pinned on this device");
  org::PinnedOrganisation pinned;
  if (!pinned.ParseFromString(*value)) return DataLoss("a pinned organisation record is damaged");
  return pinned;
}

Status Organisations::Save(const org::PinnedOrganisation& pinned) {
  return kernel_.Table(kName).Put(OrgKey(pinned.org_key()), pinned.SerializeAsString());
}

Result<OrganisationInfo> Organisations::Join(const std::string& card_text) {
  KOLLEGA_ASSIGN_OR_RETURN(org::OrgCard card, org::DecodeCard(card_text));
  if (!kernel_.has_account()) {
    return FailedPrecondition("create an account before joining an organisation");
  }
  KOLLEGA_ASSIGN_OR_RETURN(RelayEndpoint theirs, RelayEndpoint::Parse(card.relay_url));
  KOLLEGA_ASSIGN_OR_RETURN(RelayEndpoint ours, RelayEndpoint::Parse(kernel_.account().relay_url));
  if (theirs.Origin() != ours.Origin()) {
    return FailedPrecondition("this organisation is on " + theirs.Origin() +
                              "; this device's account is on " + ours.Origin());
  }
  org::PinnedOrganisation held;
  auto existing = kernel_.Table(kName).Get(OrgKey(card.org_key));
  KOLLEGA_RETURN_IF_ERROR(existing.status());
  if (*existing && held.ParseFromString(**existing)) {
    // Joining again is a refresh; the versions held still bind.
  } else {
    held.Clear();
    held.set_org_key(card.org_key);
    held.set_relay_url(card.relay_url);
  }
  KOLLEGA_ASSIGN_OR_RETURN(org::PinnedOrganisation fresh, Fetch(std::move(held)));
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&] {
    if (fresh.org_key() != card.org_key) {
      KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Delete(OrgKey(card.org_key)));
    }
    return Save(fresh);
  }));
  return Describe(fresh);
}

Result<OrganisationInfo> Organisations::Refresh(const std::string& org_id_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(org::PinnedOrganisation held, Load(org_id_hex));
  std::string old_key = held.org_key();
  KOLLEGA_ASSIGN_OR_RETURN(org::PinnedOrganisation fresh, Fetch(std::move(held)));
  KOLLEGA_RETURN_IF_ERROR(kernel_.Transaction([&] {
    if (fresh.org_key() != old_key) {
      KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Delete(OrgKey(old_key)));
    }
    return Save(fresh);
  }));
  return Describe(fresh);
}

Result<org::PinnedOrganisation> Organisations::Fetch(org::PinnedOrganisation held) {
  uint64_t policy_version = 0, revocations_version = 0;
  if (!held.policy().empty()) {
    KOLLEGA_ASSIGN_OR_RETURN(auto object, ParseSigned(held.policy(), "a policy"));
    KOLLEGA_ASSIGN_OR_RETURN(auto policy, org::VerifyPolicy(object, held.org_key(), 0));
    policy_version = policy.version();
  }
  if (!held.revocations().empty()) {
    KOLLEGA_ASSIGN_OR_RETURN(auto object, ParseSigned(held.revocations(), "a revocation list"));
    KOLLEGA_ASSIGN_OR_RETURN(auto list, org::VerifyRevocations(object, held.org_key(), 0));
    revocations_version = list.version();
  }

  Served served;
  for (int rotations = 0;; ++rotations) {
    served = Served();
    std::string cursor;
    for (int page = 0;; ++page) {
      if (page == kMaxPages)
        return ResourceExhausted("the organisation's directory has too many pages");
      wire::Request request;
      auto* get = request.mutable_get_organisation();
      get->set_org_key(held.org_key());
      get->set_cursor(cursor);
      wire::Response response;
      KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
      const auto& p = response.organisation_page();
      if (page == 0) {
        served.policy = p.policy();
        served.revocations = p.revocations();
        served.rotation = p.rotation();
      }
      for (const auto& c : p.certificates()) served.certificates.push_back(c);
      for (const auto& a : p.availability()) served.availability.push_back(a);
      if (p.next_cursor().empty() || !served.rotation.empty()) break;
      cursor = p.next_cursor();
    }
    if (served.rotation.empty()) break;
    if (rotations == kMaxRotations) return ResourceExhausted("too many key rotations in a row");
    KOLLEGA_ASSIGN_OR_RETURN(auto object, ParseSigned(served.rotation, "a key rotation"));
    auto rotation = org::VerifyRotation(object, held.org_key());
    if (!rotation.ok()) {
      return PermissionDenied("the relay served a key rotation the pinned key did not sign: " +
                              std::string(rotation.status().message()));
    }
    // The new key starts its own versions.
    held.set_org_key(rotation->new_key());
    policy_version = revocations_version = 0;
  }

  if (served.policy.empty()) {
    return NotFound("the relay holds no policy for this organisation yet");
  }
  org::PinnedOrganisation fresh;
  fresh.set_org_key(held.org_key());
  fresh.set_relay_url(held.relay_url());
  KOLLEGA_ASSIGN_OR_RETURN(auto policy_object, ParseSigned(served.policy, "a policy"));
  auto policy = org::VerifyPolicy(policy_object, held.org_key(), policy_version);
  if (!policy.ok())
    return PermissionDenied("policy refused: " + std::string(policy.status().message()));
  if (!policy->hours().time_zone().empty()) {
    KOLLEGA_RETURN_IF_ERROR(org_time::CheckTimeZone(policy->hours().time_zone()));
  }
  fresh.set_policy(served.policy);

  org::RevocationList revoked;
  if (!served.revocations.empty()) {
    KOLLEGA_ASSIGN_OR_RETURN(auto object, ParseSigned(served.revocations, "a revocation list"));
    auto list = org::VerifyRevocations(object, held.org_key(), revocations_version);
    if (!list.ok()) {
      return PermissionDenied("revocation list refused: " + std::string(list.status().message()));
    }
    revoked = *list;
    fresh.set_revocations(served.revocations);
  } else if (revocations_version != 0) {
    return PermissionDenied("the relay no longer serves the revocation list this device holds");
  }

  const int64_t now = kernel_.NowMs();
  uint32_t rejected = 0;
  std::map<std::string, std::string> identity_of;  // account -> identity key
  for (const auto& bytes : served.certificates) {
    org::SignedObject object;
    auto certificate = object.ParseFromString(bytes)
                           ? org::VerifyCertificate(object, held.org_key(), now, &revoked)
                           : Result<org::HelperCertificate>(InvalidArgument("unparsable"));
    if (!certificate.ok()) {
      ++rejected;
      continue;
    }
    identity_of[certificate->account_id()] = certificate->identity_key();
    fresh.add_certificates(bytes);
  }
  for (const auto& entry : served.availability) {
    auto identity = identity_of.find(entry.account_id());
    org::SignedAvailability signed_availability;
    if (identity == identity_of.end() ||
        !signed_availability.ParseFromString(entry.signed_availability()) ||
        !org::ParseAvailability(signed_availability, entry.account_id(), now).ok() ||
        !crypto::VerifySignalSignature(kernel_.signal_context(), identity->second,
                                       org::AvailabilitySigningInput(signed_availability.body()),
                                       signed_availability.signature())) {
      ++rejected;
      continue;
    }
    fresh.add_availability(entry.signed_availability());
  }
  fresh.set_rejected(rejected);
  fresh.set_refreshed_ms(static_cast<uint64_t>(now));
  return fresh;
}

OrganisationInfo Organisations::Describe(const org::PinnedOrganisation& pinned) {
  OrganisationInfo info;
  info.org_id = ToHex(pinned.org_key());
  info.relay_url = pinned.relay_url();
  info.helpers = static_cast<size_t>(pinned.certificates_size());
  info.rejected = pinned.rejected();
  info.refreshed_ms = static_cast<int64_t>(pinned.refreshed_ms());
  org::SignedObject object;
  org::Policy policy;
  // Verified when it was kept; parsing again cannot fail on an intact store.
  if (object.ParseFromString(pinned.policy()) && policy.ParseFromString(object.body())) {
    info.name = policy.name();
    info.policy_version = policy.version();
    auto state = EvaluateOpeningHours(policy.hours(), kernel_.NowMs());
    if (state.ok()) {
      info.open_now = state->open;
      info.changes_at_ms = state->changes_at_ms;
    }
    std::string language = policy.languages_size() ? policy.languages(0) : "en";
    info.out_of_hours_notice = OutOfHoursNotice(policy.hours(), language);
    info.time_zone = policy.hours().time_zone();
    info.out_of_hours_notices.insert(policy.hours().out_of_hours_notice().begin(),
                                     policy.hours().out_of_hours_notice().end());
    for (const auto& category : policy.categories()) {
      info.categories.push_back(
          {category.id(), {category.names().begin(), category.names().end()}});
    }
    info.regions.assign(policy.regions().begin(), policy.regions().end());
    info.professions.assign(policy.professions().begin(), policy.professions().end());
    info.languages.assign(policy.languages().begin(), policy.languages().end());
    for (const auto& entry : policy.emergency()) {
      info.emergency_countries.push_back(entry.country());
    }
  }
  return info;
}

Result<std::vector<OrganisationInfo>> Organisations::List() {
  std::vector<OrganisationInfo> out;
  Status scanned = kernel_.Table(kName).Scan(std::string(1, kOrgPrefix), false,
                                             [&](std::string_view, std::string_view value) {
                                               org::PinnedOrganisation pinned;
                                               if (pinned.ParseFromString(std::string(value)))
                                                 out.push_back(Describe(pinned));
                                               return true;
                                             });
  KOLLEGA_RETURN_IF_ERROR(scanned);
  return out;
}

Result<org::Policy> Organisations::PolicyOf(const std::string& org_id_hex) {
  KOLLEGA_ASSIGN_OR_RETURN(org::PinnedOrganisation pinned, Load(org_id_hex));
  org::SignedObject object;
  org::Policy policy;
  if (!object.ParseFromString(pinned.policy()) || !policy.ParseFromString(object.body())) {
    return DataLoss("a pinned policy is damaged");
  }
  return policy;
}

Result<org::HelperCertificate> Organisations::CertificateOf(const std::string& org_id_hex,
                                                            const std::string& account) {
  KOLLEGA_ASSIGN_OR_RETURN(org::PinnedOrganisation pinned, Load(org_id_hex));
  for (const auto& bytes : pinned.certificates()) {
    org::SignedObject object;
    org::HelperCertificate c;
    if (object.ParseFromString(bytes) && c.ParseFromString(object.body()) &&
        c.account_id() == account && static_cast<int64_t>(c.expires_ms()) > kernel_.NowMs()) {
      return c;
    }
  }
  return NotFound("that account is not a helper in this organisation's directory");
}

namespace {

ContactInfo FromContact(const org::Contact& c) {
  ContactInfo info;
  info.label = c.label();
  info.phone = c.phone();
  info.email = c.email();
  info.hours = c.hours();
  return info;
}

}  // namespace

Result<std::vector<ContactInfo>> Organisations::SafetyContacts(const std::string& org_id_hex,
                                                               const std::string& country) {
  KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, PolicyOf(org_id_hex));
  std::vector<ContactInfo> out;
  for (const auto& entry : policy.emergency()) {
    if (!country.empty() && !SameText(entry.country(), country)) continue;
    for (const auto& contact : entry.contacts()) {
      ContactInfo info = FromContact(contact);
      info.id = entry.country();
      out.push_back(std::move(info));
    }
  }
  // An on-call contact without a number or address is nothing to call.
  if (policy.has_on_call() &&
      (!policy.on_call().phone().empty() || !policy.on_call().email().empty())) {
    ContactInfo on_call = FromContact(policy.on_call());
    if (on_call.label.empty()) on_call.label = "On-call contact";
    out.push_back(std::move(on_call));
  }
  return out;
}

Result<std::vector<ContactInfo>> Organisations::Resources(const std::string& org_id_hex,
                                                          const std::string& language) {
  KOLLEGA_ASSIGN_OR_RETURN(org::Policy policy, PolicyOf(org_id_hex));
  std::vector<ContactInfo> out;
  for (const auto& card : policy.resources()) {
    ContactInfo info = FromContact(card.contact());
    info.id = card.id();
    info.label = InLanguage(card.titles(), language);
    info.description = InLanguage(card.descriptions(), language);
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::vector<HelperInfo>> Organisations::Helpers(const HelperFilter& filter) {
  std::vector<org::PinnedOrganisation> orgs;
  if (!filter.org_id.empty()) {
    KOLLEGA_ASSIGN_OR_RETURN(auto pinned, Load(filter.org_id));
    orgs.push_back(std::move(pinned));
  } else {
    KOLLEGA_RETURN_IF_ERROR(kernel_.Table(kName).Scan(
        std::string(1, kOrgPrefix), false, [&](std::string_view, std::string_view value) {
          org::PinnedOrganisation pinned;
          if (pinned.ParseFromString(std::string(value))) orgs.push_back(std::move(pinned));
          return true;
        }));
  }
  const int64_t now = kernel_.NowMs();
  auto matches = [](const std::string& want, const std::string& have) {
    return want.empty() || SameText(want, have);
  };
  std::vector<HelperInfo> out;
  for (const auto& pinned : orgs) {
    std::map<std::string, org::Availability> availability;
    for (const auto& bytes : pinned.availability()) {
      org::SignedAvailability s;
      org::Availability a;
      if (s.ParseFromString(bytes) && a.ParseFromString(s.body())) availability[a.account_id()] = a;
    }
    for (const auto& bytes : pinned.certificates()) {
      org::SignedObject object;
      org::HelperCertificate c;
      if (!object.ParseFromString(bytes) || !c.ParseFromString(object.body())) continue;
      // Kept at the last refresh; a term may have ended since.
      if (static_cast<int64_t>(c.expires_ms()) <= now) continue;
      const auto& p = c.profile();
      bool speaks = filter.language.empty() ||
                    std::any_of(p.languages().begin(), p.languages().end(),
                                [&](const std::string& l) { return SameText(l, filter.language); });
      if (!matches(filter.region, p.region()) || !matches(filter.profession, p.profession()) ||
          !matches(filter.gender, p.gender()) || !matches(filter.sector, p.sector()) || !speaks) {
        continue;
      }
      HelperInfo h;
      h.org_id = ToHex(pinned.org_key());
      h.account = ToHex(c.account_id());
      h.serial = c.serial();
      h.name = p.name();
      h.profession = p.profession();
      h.region = p.region();
      h.gender = p.gender();
      h.sector = p.sector();
      h.introduction = p.introduction();
      h.languages.assign(p.languages().begin(), p.languages().end());
      h.expires_ms = static_cast<int64_t>(c.expires_ms());
      if (auto it = availability.find(c.account_id());
          it != availability.end() &&
          now - static_cast<int64_t>(it->second.issued_ms()) <= org::kAvailabilityLifetimeMs) {
        h.availability = static_cast<Availability>(it->second.state());
        h.back_at_ms = static_cast<int64_t>(it->second.back_at_ms());
      }
      if (filter.available_only && h.availability != Availability::kAvailable) continue;
      out.push_back(std::move(h));
    }
  }
  return out;
}

}  // namespace kollega::client
