// The account-creation proof of work (docs/protocol.md §3, docs/abuse.md
// "Sign-up"):
//   SHA-256("kollega-pow-v1" || u32be(len(nonce)) || nonce
//           || u32be(len(solution)) || solution)
// has `bits` leading zero bits (most significant bit of byte 0 first);
// u32be is 4 bytes, big-endian. A solution over 64 bytes never checks, nor
// does anything at a difficulty over 64 bits. Test vector in
// docs/protocol-recipes.md.
//
// Thread-safety: every function here is thread-safe; a solver's progress
// callback runs on the solving thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kollega::crypto {

bool CheckProofOfWork(std::string_view nonce, std::string_view solution, uint32_t bits);

// Finds a solution by counting (an 8-byte big-endian counter from 0);
// expected 2^bits hashes.
std::string SolveProofOfWork(std::string_view nonce, uint32_t bits);

// Told how many candidates were tried so far, about every
// kProofOfWorkProgressStep of them; returning false stops the search.
using ProofOfWorkProgress = std::function<bool(uint64_t tried)>;
inline constexpr uint64_t kProofOfWorkProgressStep = uint64_t{1} << 16;

// As above, reporting progress; nullopt when `progress` stopped it.
std::optional<std::string> SolveProofOfWork(std::string_view nonce, uint32_t bits,
                                            const ProofOfWorkProgress& progress);

// The hashes a search is expected to take: 2^bits.
inline uint64_t ExpectedProofOfWorkHashes(uint32_t bits) {
  return bits >= 64 ? UINT64_MAX : uint64_t{1} << bits;
}

}  // namespace kollega::crypto
