// Reading a secret from the person at the terminal: one line, not echoed
// (the CLIs' passphrases; never a command-line argument, which `ps` and
// the shell history would show).
//
// Thread-safety: changes the terminal's echo; main thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "kollega/base/status.h"

namespace kollega {

// Shows `question` on stderr and reads a line from stdin, with echo off
// when stdin is a terminal. InvalidArgument when nothing was entered.
Result<std::string> PromptHidden(const char* question);

}  // namespace kollega
