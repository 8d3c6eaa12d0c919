// How the `kollega` client prints messages, conversations and events.
// Thread-safety: each call prints whole lines; calls from the client's worker
// thread (event callbacks) and the main thread may interleave by line.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "kollega/client-core/client.h"

namespace kollega::cli {

// Local time, "YYYY-MM-DD HH:MM".
std::string FormatTime(int64_t ms);
void PrintMessage(const client::Message& m);
// Kinds the CLI does not show (QueueDrained, a component's own) print nothing.
void PrintEvent(const client::Event& e);
void PrintIdentityWarning(const std::string& peer, uint32_t device);
// Progress of the sign-up proof of work on stderr, once it has taken over a
// second: one line rewritten in place on a terminal, a line every few
// seconds otherwise (logs). Events arrive on the client's thread, the rest
// on the caller's; Finish() after the callback is removed.
class SignUpProgressPrinter {
 public:
  void Print(const client::Event& e);
  void Finish();

 private:
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool printed_ = false;
  bool terminal_ = false;
};

// The peers whose identity changed and wait for the user's decision.
void PrintIdentityWarnings(client::Client& c);

}  // namespace kollega::cli
