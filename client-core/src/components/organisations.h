// Organisations: the ones this device pinned from their cards, and their
// helper directories (docs/organisations.md §4-7). Joining decodes a card,
// pins its key and fetches everything the relay holds for it; every object
// is verified against the pinned key before it is kept, so a relay can
// withhold but not forge. A refresh that would go backwards (an older
// policy or revocation list) or that brings a rotation the pinned key did
// not sign is refused whole and changes nothing.
//
// Table: 'o' org_key(32) -> PinnedOrganisation (organisation.proto)
//        'a'               -> this helper's availability: chosen(1) full(1)
//                             published(1) back_at_ms(8, big-endian)
//
// The directory is fetched whole, every page, so the relay learns which
// organisation a device looks at but never which helper (§6).
//
// Ownership: owned by the Kernel. Thread-safety: worker thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "kernel/kernel.h"
#include "kollega/client-core/types.h"
#include "organisation.pb.h"

namespace kollega::client {

class Organisations final : public Component {
 public:
  static constexpr std::string_view kName = "organisations";
  explicit Organisations(Kernel& kernel) : kernel_(kernel) {}

  std::string_view name() const override { return kName; }
  std::vector<std::string> content_types() const override { return {}; }
  void Attach(KernelServices*) override {}
  Status OnReceive(const Incoming&, const content::Content&) override { return Status::Ok(); }

  // Needs an online account on the card's relay.
  Result<OrganisationInfo> Join(const std::string& card);
  Result<OrganisationInfo> Refresh(const std::string& org_id_hex);
  Result<std::vector<OrganisationInfo>> List();
  Result<std::vector<HelperInfo>> Helpers(const HelperFilter& filter);
  // The verified policy of a pinned organisation.
  Result<org::Policy> PolicyOf(const std::string& org_id_hex);
  // The unexpired certificate of `account` (16 bytes) in that organisation's
  // directory: what a case pins the helper's identity from.
  Result<org::HelperCertificate> CertificateOf(const std::string& org_id_hex,
                                               const std::string& account);
  Result<std::vector<ContactInfo>> SafetyContacts(const std::string& org_id_hex,
                                                  const std::string& country);
  Result<std::vector<ContactInfo>> Resources(const std::string& org_id_hex,
                                             const std::string& language);
  // Signs this account's availability with its identity key and publishes
  // it; it is shown with this account's certificates in every organisation.
  // While the helper is at a cap on open cases (SetFull) an "available" is
  // published as full.
  Status PublishAvailability(Availability state, int64_t back_at_ms);
  // The cases component's word that this helper is at (or below) an
  // organisation's cap: publishes the change when what shows would change.
  Status SetFull(bool full);

 private:
  Result<org::PinnedOrganisation> Fetch(org::PinnedOrganisation held);
  Result<org::PinnedOrganisation> Load(const std::string& org_id_hex);
  Status Save(const org::PinnedOrganisation& pinned);
  OrganisationInfo Describe(const org::PinnedOrganisation& pinned);
  struct AvailabilityChoice {
    Availability chosen = Availability::kUnknown;
    bool full = false;
    Availability published = Availability::kUnknown;
    int64_t back_at_ms = 0;
  };
  Result<AvailabilityChoice> LoadChoice();
  // Publishes what `choice` shows, if it differs from what was published.
  Status Publish(AvailabilityChoice choice, bool always);
  Status Sign(Availability state, int64_t back_at_ms);

  Kernel& kernel_;
};

}  // namespace kollega::client
