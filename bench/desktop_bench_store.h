// The client store kollega_desktop_bench measures the app on: an account
// made on a real relay (which then stops), one conversation of `messages`
// messages, one of 50 (a page: the baseline for opening the long one) and
// `conversations` - 2 more of one message each, all written offline
// (stored and queued, as a person writing without a connection).
//
// Thread-safety: MakeBenchStore blocks on client-core; call it before the
// app opens the store (the store is locked while open).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace kollega::bench {

struct BenchStore {
  std::string dir;         // the store (kollega-desktop --data-dir)
  std::string passphrase;  // its passphrase
  std::string big_peer;    // hex: the long conversation
  size_t messages = 0;     // its length
  std::string newest_id;   // hex: its newest message
  std::string deep_id;     // hex: a message near the oldest of the long one
  std::string small_peer;  // hex: a conversation of one page (50 messages)
  std::string small_id;    // hex: its newest message
};

// Makes the store in `dir` (which must not exist); false with `error` set.
bool MakeBenchStore(const std::string& relay_bin, const std::string& dir, int messages,
                    int conversations, BenchStore* out, std::string* error);

}  // namespace kollega::bench
