// Base64url without padding (RFC 4648 §5): linking codes and organisation
// cards, which people paste and scan. Decoding is strict: any character
// outside the alphabet, or leftover bits that are not zero, is refused, so
// every text decodes to one value and encodes back to itself.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "kollega/base/status.h"

namespace kollega {

std::string Base64UrlEncode(std::string_view bytes);
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace kollega
