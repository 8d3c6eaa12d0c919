// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/proof_of_work.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <cstdlib>
#include <memory>

namespace kollega::crypto {
namespace {

constexpr std::string_view kDomain = "kollega-pow-v1";
constexpr size_t kSolutionSize = 8;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

void AppendU32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

std::string Prefix(std::string_view nonce, size_t solution_size) {
  std::string out(kDomain);
  AppendU32(out, static_cast<uint32_t>(nonce.size()));
  out.append(nonce);
  AppendU32(out, static_cast<uint32_t>(solution_size));
  return out;
}

bool HasLeadingZeroBits(const unsigned char* digest, uint32_t bits) {
  const uint32_t whole = bits / 8;
  for (uint32_t i = 0; i < whole; ++i) {
    if (digest[i] != 0) return false;
  }
  const uint32_t rest = bits % 8;
  return rest == 0 || (digest[whole] >> (8 - rest)) == 0;
}

}  // namespace

bool CheckProofOfWork(std::string_view nonce, std::string_view solution, uint32_t bits) {
  if (bits > 64 || solution.size() > 64) return false;
  std::string input = Prefix(nonce, solution.size());
  input.append(solution);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest;
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
  return HasLeadingZeroBits(digest.data(), bits);
}

std::string SolveProofOfWork(std::string_view nonce, uint32_t bits) {
  std::optional<std::string> solution = SolveProofOfWork(nonce, bits, nullptr);
  if (!solution) std::abort();  // no callback, so nothing can stop the search
  return *solution;
}

// The prefix is hashed once; each candidate then costs a context copy and
// one compression, a few times faster than hashing the whole input anew,
// which is what a slow phone needs under a raised difficulty.
std::optional<std::string> SolveProofOfWork(std::string_view nonce, uint32_t bits,
                                            const ProofOfWorkProgress& progress) {
  if (bits > 64) return std::nullopt;
  const std::string prefix = Prefix(nonce, kSolutionSize);
  MdCtxPtr base(EVP_MD_CTX_new());
  MdCtxPtr work(EVP_MD_CTX_new());
  if (!base || !work || EVP_DigestInit_ex(base.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(base.get(), prefix.data(), prefix.size()) != 1) {
    std::abort();
  }
  std::array<unsigned char, kSolutionSize> candidate;
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest;
  for (uint64_t counter = 0;; ++counter) {
    if (progress && counter != 0 && counter % kProofOfWorkProgressStep == 0 && !progress(counter)) {
      return std::nullopt;
    }
    for (size_t i = 0; i < kSolutionSize; ++i) {
      candidate[i] = static_cast<unsigned char>(counter >> (56 - 8 * i));
    }
    unsigned int len = 0;
    if (EVP_MD_CTX_copy_ex(work.get(), base.get()) != 1 ||
        EVP_DigestUpdate(work.get(), candidate.data(), candidate.size()) != 1 ||
        EVP_DigestFinal_ex(work.get(), digest.data(), &len) != 1) {
      std::abort();
    }
    if (HasLeadingZeroBits(digest.data(), bits)) {
      return std::string(reinterpret_cast<const char*>(candidate.data()), candidate.size());
    }
  }
}

}  // namespace kollega::crypto
