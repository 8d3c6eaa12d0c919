// crypto::SealBox / OpenBox (crypto/passphrase_box.h): the sealed secret
// comes back only with the right passphrase or key, and any change to the
// header or the sealed bytes is refused.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/passphrase_box.h"

#include <gtest/gtest.h>

#include <string>

namespace kollega::crypto {
namespace {

constexpr std::string_view kMagic = "KLGTESTB";
constexpr uint8_t kCheapCost = 10;  // a test's scrypt cost; the default is 17

std::string Seal(std::string_view secret, std::string_view passphrase) {
  auto box = SealBox(secret, BoxKey::Passphrase(passphrase), kMagic, kCheapCost);
  EXPECT_TRUE(box.ok()) << box.status().ToString();
  return box.ok() ? *box : std::string();
}

TEST(PassphraseBoxTest, RoundTripWithPassphraseAndWithKey) {
  const std::string box = Seal("the organisation's seed", "correct horse");
  ASSERT_EQ(box.size(), kBoxOverhead + 23);
  auto secret = OpenBox(box, BoxKey::Passphrase("correct horse"), kMagic);
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(*secret, "the organisation's seed");
  auto header = ReadBoxHeader(box, kMagic);
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->kdf, BoxKdf::kScrypt);
  EXPECT_EQ(header->log2_n, kCheapCost);

  const std::string key(32, 'k');
  auto keyed = SealBox("s", BoxKey::RawKey(key), kMagic);
  ASSERT_TRUE(keyed.ok());
  auto opened = OpenBox(*keyed, BoxKey::RawKey(key), kMagic);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "s");
}

// A client store key file written by the store_key.cpp that predates this
// box (passphrase "old format vector", log2_n 10): the box must keep reading
// it, byte for byte (docs/storage-encryption.md).
TEST(PassphraseBoxTest, ReadsAStoreKeyFileOfTheEarlierFormat) {
  const std::string hex =
      "4b4c4753544b455901010a0000000800000001d4d1892349492d75b91a8d2387f84d15ea4bf73c4d8590a5339d"
      "a5f4d4e655d0e693e05a6078e0cf39cd11b15082b5d2fa4a5d91d69ba7f3cdb6f072f5f212ec2ea94d4a5ba05b"
      "87ae2f38c3";
  std::string file;
  for (size_t i = 0; i < hex.size(); i += 2) {
    file.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  ASSERT_EQ(file.size(), 95u);
  auto key = OpenBox(file, BoxKey::Passphrase("old format vector"), "KLGSTKEY");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->size(), 32u);
  EXPECT_FALSE(OpenBox(file, BoxKey::Passphrase("old format vectoR"), "KLGSTKEY").ok());
}

TEST(PassphraseBoxTest, TwoSealsOfOneSecretDiffer) {
  EXPECT_NE(Seal("same", "pw"), Seal("same", "pw"));  // fresh salt and nonce
}

TEST(PassphraseBoxTest, WrongPassphraseIsSaidSo) {
  const std::string box = Seal("secret", "right");
  auto opened = OpenBox(box, BoxKey::Passphrase("wrong"), kMagic);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(opened.status().message(), "wrong passphrase");
  auto with_key = OpenBox(box, BoxKey::RawKey(std::string(32, 'k')), kMagic);
  ASSERT_FALSE(with_key.ok());
  EXPECT_EQ(with_key.status().code(), StatusCode::kFailedPrecondition);
}

TEST(PassphraseBoxTest, TamperedHeaderIsRefused) {
  const std::string box = Seal("secret", "pw");
  // Every header byte: the magic and version are refused as such, a changed
  // cost or salt fails authentication (the header is associated data).
  for (size_t i = 0; i < kBoxHeaderSize; ++i) {
    std::string bad = box;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    auto opened = OpenBox(bad, BoxKey::Passphrase("pw"), kMagic);
    EXPECT_FALSE(opened.ok()) << "header byte " << i;
  }
  std::string newer = box;
  newer[8] = 2;
  EXPECT_EQ(OpenBox(newer, BoxKey::Passphrase("pw"), kMagic).status().code(),
            StatusCode::kFailedPrecondition);
  std::string costly = box;
  costly[10] = 40;  // 2^40: a box is outside input, never run
  EXPECT_EQ(OpenBox(costly, BoxKey::Passphrase("pw"), kMagic).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(OpenBox(box, BoxKey::Passphrase("pw"), "KLGOTHER").status().code(),
            StatusCode::kDataLoss);
}

TEST(PassphraseBoxTest, TamperedOrTruncatedBodyIsRefused) {
  const std::string box = Seal("secret", "pw");
  for (size_t i = kBoxHeaderSize; i < box.size(); ++i) {
    std::string bad = box;
    bad[i] = static_cast<char>(bad[i] ^ 0x80);
    EXPECT_EQ(OpenBox(bad, BoxKey::Passphrase("pw"), kMagic).status().code(),
              StatusCode::kUnauthenticated)
        << "byte " << i;
  }
  for (size_t len : {size_t{0}, size_t{7}, kBoxHeaderSize, kBoxOverhead - 1, box.size() - 1}) {
    EXPECT_FALSE(OpenBox(box.substr(0, len), BoxKey::Passphrase("pw"), kMagic).ok()) << len;
  }
}

TEST(PassphraseBoxTest, BadParametersAreRefused) {
  EXPECT_FALSE(SealBox("s", BoxKey{}, kMagic).ok());
  EXPECT_FALSE(SealBox("s", crypto::BoxKey{"pw", std::string(32, 'k')}, kMagic).ok());
  EXPECT_FALSE(SealBox("s", BoxKey::RawKey("short"), kMagic).ok());
  EXPECT_FALSE(SealBox("s", BoxKey::Passphrase("pw"), "short", kCheapCost).ok());
  EXPECT_FALSE(SealBox("s", BoxKey::Passphrase("pw"), kMagic, 23).ok());
}

}  // namespace
}  // namespace kollega::crypto
