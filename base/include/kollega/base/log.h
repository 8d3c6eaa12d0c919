// Leveled logging to stderr.
//
// The relay's logs must never carry message content, keys, account ids or
// network addresses: log events and counts, not data. Callers pass
// already-formatted text; there is deliberately no "log this object" helper.
//
// Thread-safety: all functions may be called from any thread; each line is
// written with a single write(2) so lines from different threads don't mix.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string_view>

namespace kollega::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

void SetLevel(Level level);
Level GetLevel();
// Parses "debug", "info", "warn", "error", "off"; returns false if unknown.
bool ParseLevel(std::string_view text, Level* out);

// Writes "2026-11-23T19:37:55.123Z INFO component: message\n".
void Write(Level level, std::string_view component, std::string_view message);

inline void Debug(std::string_view c, std::string_view m) {
  if (GetLevel() <= Level::kDebug) Write(Level::kDebug, c, m);
}
inline void Info(std::string_view c, std::string_view m) { Write(Level::kInfo, c, m); }
inline void Warn(std::string_view c, std::string_view m) { Write(Level::kWarn, c, m); }
inline void Error(std::string_view c, std::string_view m) { Write(Level::kError, c, m); }

}  // namespace kollega::log
