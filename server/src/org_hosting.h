// Which organisation keys this relay hosts, and the size limits of what
// they sign (docs/organisations.md §3 and §5). Shared by the organisation
// handlers.
//
// A key is hosted when the operator listed it (--organisation-keys), when
// --any-organisation is set (tests only), or when a stored rotation of a
// hosted key handed over to it; a key that has itself handed over is no
// longer hosted for publishing (its pages are still served).
//
// Thread-safety: free functions over the const config and the store;
// callable from any thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "kollega/base/status.h"
#include "server_context.h"

namespace kollega::server {

// Bytes a SignedObject adds around its body (kind, signatures, tags).
inline constexpr size_t kOrgObjectOverhead = 256;

// The body limit of a kind (docs/organisations.md §3); nullopt for an
// unknown kind.
std::optional<size_t> MaxOrgBodyBytes(uint32_t kind);

enum class HostedState : uint8_t {
  kNotHosted,   // never hosted here
  kHosted,      // publish may go on
  kHandedOver,  // hosted, but it rotated to another key
};

Result<HostedState> OrgKeyHosted(ServerContext& ctx, const std::string& org_key);

}  // namespace kollega::server
