// Hex encoding of byte strings (account ids in URLs and CLI output, test
// diagnostics). Never use it to log secrets.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kollega {

std::string ToHex(std::string_view bytes);
// Accepts upper or lower case; nullopt on odd length or a non-hex digit.
std::optional<std::string> FromHex(std::string_view hex);

}  // namespace kollega
