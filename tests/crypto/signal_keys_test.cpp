// Key generation: sizes and encodings other implementations expect, and
// prekey id wrapping.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/signal_keys.h"

#include <gtest/gtest.h>

#include "signal_test_party.h"

namespace kollega::crypto::testing {
namespace {

class KeysTest : public ::testing::Test {
 protected:
  std::unique_ptr<SignalContext> context_ = Must(SignalContext::Create());
};

TEST_F(KeysTest, IdentityKeyEncodings) {
  auto identity = Must(GenerateIdentityKeyPair(*context_));
  ASSERT_EQ(identity.public_key.size(), kSignalPublicKeySize);
  EXPECT_EQ(identity.public_key[0], '\x05');
  EXPECT_EQ(identity.private_key.size(), kSignalPrivateKeySize);
  EXPECT_NE(Must(GenerateIdentityKeyPair(*context_)).public_key, identity.public_key);
}

TEST_F(KeysTest, RegistrationIdsInRange) {
  for (int i = 0; i < 200; ++i) {
    uint32_t id = Must(GenerateRegistrationId(*context_));
    EXPECT_GE(id, 1u);
    EXPECT_LE(id, 16380u);
  }
}

TEST_F(KeysTest, SignedPreKeyIsSignedByTheIdentity) {
  auto identity = Must(GenerateIdentityKeyPair(*context_));
  auto spk = Must(GenerateSignedPreKey(*context_, identity, 3, 1234));
  EXPECT_EQ(spk.id, 3u);
  EXPECT_EQ(spk.timestamp_ms, 1234u);
  ASSERT_EQ(spk.public_key.size(), kSignalPublicKeySize);
  ASSERT_EQ(spk.signature.size(), kSignalSignatureSize);
  EXPECT_FALSE(spk.record.empty());
  EXPECT_TRUE(VerifySignalSignature(*context_, identity.public_key, spk.public_key, spk.signature));
  auto other = Must(GenerateIdentityKeyPair(*context_));
  EXPECT_FALSE(VerifySignalSignature(*context_, other.public_key, spk.public_key, spk.signature));
}

TEST_F(KeysTest, ASignedPreKeyRecordTellsWhenItWasMade) {
  auto identity = Must(GenerateIdentityKeyPair(*context_));
  auto spk = Must(GenerateSignedPreKey(*context_, identity, 7, 1'700'000'000'123));
  EXPECT_EQ(Must(SignedPreKeyTimestamp(*context_, spk.record)), 1'700'000'000'123u);
  EXPECT_FALSE(SignedPreKeyTimestamp(*context_, "not a record").ok());
}

TEST_F(KeysTest, SignedPreKeyNeedsAValidIdentity) {
  IdentityKeyPair broken;
  broken.public_key = "nope";
  EXPECT_FALSE(GenerateSignedPreKey(*context_, broken, 1, 0).ok());
}

TEST_F(KeysTest, PreKeyIdsStartWhereAskedAndWrapPastZero) {
  auto keys = Must(GeneratePreKeys(*context_, kMaxPreKeyId - 1, 3));
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].id, kMaxPreKeyId - 1);
  EXPECT_EQ(keys[1].id, kMaxPreKeyId);
  EXPECT_EQ(keys[2].id, 1u);  // never 0
  for (const auto& k : keys) {
    EXPECT_EQ(k.public_key.size(), kSignalPublicKeySize);
    EXPECT_FALSE(k.record.empty());
  }
  EXPECT_EQ(NextPreKeyId(kMaxPreKeyId), 1u);
  EXPECT_EQ(NextPreKeyId(41), 42u);
  auto batch = Must(GeneratePreKeys(*context_, 100, 5));
  EXPECT_EQ(NextPreKeyId(batch.back().id), 105u);
}

TEST_F(KeysTest, PreKeyStartOutOfRangeIsRejected) {
  EXPECT_EQ(GeneratePreKeys(*context_, 0, 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(GeneratePreKeys(*context_, kMaxPreKeyId + 1, 1).ok());
  EXPECT_TRUE(Must(GeneratePreKeys(*context_, 1, 0)).empty());
}

}  // namespace
}  // namespace kollega::crypto::testing
