// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_hosting.h"

#include <algorithm>

#include "organisation.pb.h"

namespace kollega::server {

std::optional<size_t> MaxOrgBodyBytes(uint32_t kind) {
  switch (kind) {
    case org::POLICY:
      return 64 * 1024;
    case org::HELPER_CERTIFICATE:
      return 8 * 1024;
    case org::REVOCATION_LIST:
      return 256 * 1024;
    case org::KEY_ROTATION:
      return 256;
    default:
      return std::nullopt;
  }
}

Result<HostedState> OrgKeyHosted(ServerContext& ctx, const std::string& org_key) {
  storage::OrganisationStore* store = ctx.store->organisations();
  if (store == nullptr) return HostedState::kNotHosted;
  const auto& listed = ctx.config.organisation_keys;
  bool hosted = ctx.config.any_organisation ||
                std::find(listed.begin(), listed.end(), org_key) != listed.end();
  if (!hosted) {
    KOLLEGA_ASSIGN_OR_RETURN(hosted, store->ReachedByRotation(org_key));
  }
  if (!hosted) return HostedState::kNotHosted;
  KOLLEGA_ASSIGN_OR_RETURN(storage::OrganisationHead head, store->GetOrganisationHead(org_key));
  return head.rotation ? HostedState::kHandedOver : HostedState::kHosted;
}

}  // namespace kollega::server
