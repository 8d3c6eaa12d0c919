// AES-256-GCM (crypto/include/kollega/crypto/aead.h): the published test
// vectors, and that a wrong key, other associated data or one altered byte
// is refused as Unauthenticated, never returned as plaintext.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/aead.h"

#include <gtest/gtest.h>

#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"

namespace kollega::crypto {
namespace {

const std::string kZeroKey(32, '\0');
const std::string kZeroNonce(12, '\0');

// McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 13
// and 14 (AES-256, all-zero key and IV).
TEST(AeadTest, MatchesThePublishedVectors) {
  auto empty = AeadSeal(kZeroKey, kZeroNonce, "", "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(ToHex(*empty), "530f8afbc74536b9a963b4f1c4cb738b");
  auto block = AeadSeal(kZeroKey, kZeroNonce, "", std::string(16, '\0'));
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(ToHex(*block), "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
}

TEST(AeadTest, OpensWhatItSealedAndNothingElse) {
  const std::string key = RandomBytes(kAeadKeySize);
  const std::string nonce = RandomBytes(kAeadNonceSize);
  auto sealed = AeadSeal(key, nonce, "context", "a private note");
  ASSERT_TRUE(sealed.ok());
  auto opened = AeadOpen(key, nonce, "context", *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "a private note");

  EXPECT_EQ(AeadOpen(RandomBytes(kAeadKeySize), nonce, "context", *sealed).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(AeadOpen(key, nonce, "other context", *sealed).status().code(),
            StatusCode::kUnauthenticated);
  for (size_t i = 0; i < sealed->size(); ++i) {
    std::string altered = *sealed;
    altered[i] ^= 0x01;
    EXPECT_EQ(AeadOpen(key, nonce, "context", altered).status().code(),
              StatusCode::kUnauthenticated)
        << "byte " << i;
  }
  EXPECT_EQ(AeadOpen(key, nonce, "context", sealed->substr(0, 5)).status().code(),
            StatusCode::kUnauthenticated);
}

TEST(AeadTest, WrongSizesAreInvalidArguments) {
  EXPECT_EQ(AeadSeal("short", kZeroNonce, "", "x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AeadSeal(kZeroKey, "short", "", "x").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace kollega::crypto
