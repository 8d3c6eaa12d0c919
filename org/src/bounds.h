// Size limits of signed objects and their fields (docs/organisations.md,
// "Limits"): a client checks them before anything else, so an oversized
// object costs it nothing more than the check.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string_view>

#include "kollega/base/status.h"
#include "organisation.pb.h"

namespace kollega::org {

inline constexpr uint32_t kFormat = 1;

std::string_view KindName(ObjectKind kind);
size_t MaxBodyBytes(ObjectKind kind);

// Field-level checks of a parsed body; the first failure, named.
Status CheckPolicyFields(const Policy& policy);
Status CheckProfileFields(const HelperProfile& profile);

}  // namespace kollega::org
