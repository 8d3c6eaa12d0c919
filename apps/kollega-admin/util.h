// Small helpers kollega-admin's commands share: files written whole and
// owner-only, hexadecimal, the clock, and the secret-reading prompts.
//
// Thread-safety: free functions; the prompts change the terminal's echo and
// belong to the main thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "args.h"
#include "kollega/base/status.h"

namespace kollega::admin {

Result<std::string> ReadFile(const std::string& path);
// Writes via a temporary file, mode 0600, synced, then renamed over `path`.
// `exclusive`: refuse when `path` exists (a key is never overwritten).
Status WriteFile(const std::string& path, std::string_view bytes, bool exclusive = false);

std::string Hex(std::string_view bytes);
// Exactly `size` bytes as 2*size hex digits, or InvalidArgument naming `what`.
Result<std::string> Unhex(std::string_view hex, size_t size, std::string_view what);
// A short fingerprint a person can compare: the first 8 bytes of SHA-256,
// as four groups of four hex digits.
std::string Fingerprint(std::string_view bytes);

int64_t NowMs();
// Milliseconds since the epoch as "2027-03-01 12:00 UTC".
std::string FormatTime(int64_t ms);

// The passphrase that guards the organisation key: KOLLEGA_ADMIN_PASSPHRASE,
// else the first line of --passphrase-file, else typed at a no-echo prompt
// (twice when `creating`). Never a command-line argument: it would show in
// `ps` and the shell history.
Result<std::string> ReadPassphrase(const Args& args, bool creating);
// The scrypt cost for a NEW key box: the default, or KOLLEGA_TEST_SCRYPT_LOG2N
// (tests only; the cost is recorded in the box, so opening uses whatever it
// was sealed with).
uint8_t NewBoxCost();
// Asks `question` and reads a line from standard input: true for y/yes.
bool Confirm(const std::string& question);

void WipeString(std::string& s);

}  // namespace kollega::admin
