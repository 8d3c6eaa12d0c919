// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/device_key.h"

#include <gtest/gtest.h>

#include "kollega/base/hex.h"

namespace kollega::crypto {
namespace {

TEST(DeviceKeyTest, SignsAndVerifies) {
  auto key = DeviceKey::Generate();
  ASSERT_TRUE(key.ok());
  const std::string msg = DeviceAuthMessage(RandomBytes(32), RandomBytes(16), 1);
  auto sig = key->Sign(msg);
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(VerifySignature(key->public_key(), msg, *sig));
}

TEST(DeviceKeyTest, RejectsForgedAndAlteredSignatures) {
  auto key = DeviceKey::Generate();
  auto other = DeviceKey::Generate();
  ASSERT_TRUE(key.ok() && other.ok());
  const std::string nonce = RandomBytes(32);
  const std::string msg = DeviceAuthMessage(nonce, "account-0000000", 1);
  std::string sig = *key->Sign(msg);
  EXPECT_FALSE(VerifySignature(other->public_key(), msg, sig));
  EXPECT_FALSE(
      VerifySignature(key->public_key(), DeviceAuthMessage(nonce, "account-0000000", 2), sig));
  sig[10] ^= 1;
  EXPECT_FALSE(VerifySignature(key->public_key(), msg, sig));
  EXPECT_FALSE(VerifySignature(key->public_key(), msg, "short"));
  EXPECT_FALSE(VerifySignature("short", msg, sig));
}

// RFC 8032 section 7.1, TEST 1: the empty message.
TEST(DeviceKeyTest, MatchesRfc8032Vector) {
  auto key = DeviceKey::FromPrivateSeed(
      *FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(ToHex(key->public_key()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  EXPECT_EQ(ToHex(*key->Sign("")),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

TEST(DeviceKeyTest, SeedRoundTrips) {
  auto key = DeviceKey::Generate();
  auto again = DeviceKey::FromPrivateSeed(key->PrivateSeed());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(key->public_key(), again->public_key());
  EXPECT_FALSE(DeviceKey::FromPrivateSeed("too short").ok());
}

TEST(ProofOfWorkTest, SolutionVerifiesOnlyForItsNonce) {
  const std::string nonce = RandomBytes(32);
  const std::string solution = SolveProofOfWork(nonce, 12);
  EXPECT_TRUE(CheckProofOfWork(nonce, solution, 12));
  EXPECT_TRUE(CheckProofOfWork(nonce, "anything", 0));
  // A different nonce needs its own work: across 64 nonces a 12-bit
  // solution of one nonce almost never fits (1/4096 each).
  int fits = 0;
  for (int i = 0; i < 64; ++i) fits += CheckProofOfWork(RandomBytes(32), solution, 12);
  EXPECT_LE(fits, 1);
}

TEST(PrimitivesTest, Sha256AndConstantTimeEqual) {
  EXPECT_EQ(ToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(ConstantTimeEqual("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEqual("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEqual("secret", "secrets"));
  std::string s = "wipe me";
  Wipe(s);
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace kollega::crypto
