// Prints text as a QR code with UTF-8 half blocks (two modules per
// character cell), via libqrencode, for a programme to show its
// organisation card on a screen or paste it into a poster.
//
// Thread-safety: free function.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kollega/base/status.h"

namespace kollega::admin {

// Light modules are drawn as blocks and dark ones as blanks, with a quiet
// zone of two modules: on a terminal with light text on a dark background
// this reads as dark-on-light, the way scanners expect.
Result<std::string> RenderQr(const std::string& text);

}  // namespace kollega::admin
