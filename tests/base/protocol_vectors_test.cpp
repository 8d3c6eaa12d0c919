// The byte-exact vectors of docs/protocol-recipes.md, recomputed with the
// code a client and the relay run: an independent implementation checks
// itself against the same numbers, so the two must never drift apart.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"

namespace kollega::crypto {
namespace {

std::string Bytes(std::string_view hex) {
  std::string compact;
  for (char c : hex) {
    if (c != ' ' && c != '\n') compact.push_back(c);
  }
  auto raw = FromHex(compact);
  EXPECT_TRUE(raw.has_value()) << hex;
  return raw.value_or(std::string());
}

const std::string kNonce =
    Bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const std::string kAccount = Bytes("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

TEST(ProtocolVectorsTest, ProofOfWorkFindsTheDocumentedSolutions) {
  struct Vector {
    uint32_t bits;
    const char* solution;
    const char* digest;
  };
  const Vector vectors[] = {
      {8, "0000000000000012", "007c6bafe8b9ec8e294bf64a9b3b88fc0d892aa826dbd18935c76ee720ff54b0"},
      {16, "000000000002f428", "00008ccc1fe1fbc8f8de160a3af4210eb02a60a26e2d47b8bb22b30a34ddeb06"},
      {20, "000000000024c709", "00000098da8987455603a948c65c289a40787e5d983b185a1102d49a908dfbd3"},
  };
  for (const Vector& v : vectors) {
    const std::string solution = Bytes(v.solution);
    EXPECT_EQ(ToHex(SolveProofOfWork(kNonce, v.bits)), v.solution) << v.bits << " bits";
    EXPECT_TRUE(CheckProofOfWork(kNonce, solution, v.bits));
    const std::string input =
        Bytes("6b6f6c6c6567612d706f772d7631 00000020") + kNonce + Bytes("00000008") + solution;
    EXPECT_EQ(ToHex(Sha256(input)), v.digest) << v.bits << " bits";
  }
}

TEST(ProtocolVectorsTest, DeviceAuthMessageAndItsSignatureAreByteExact) {
  std::string seed;
  for (int i = 0x40; i < 0x60; ++i) seed.push_back(static_cast<char>(i));
  auto key = DeviceKey::FromPrivateSeed(seed);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(ToHex(key->public_key()),
            "2543b92ff1095511476adc8369db6ddc933665a11978dda1404ee1066ca9559d");

  const std::string login = DeviceAuthMessage(kNonce, kAccount, 1);
  EXPECT_EQ(login, Bytes("6b6f6c6c6567612d617574682d7631 00000020") + kNonce + Bytes("00000010") +
                       kAccount + Bytes("00000001"));
  auto signature = key->Sign(login);
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(ToHex(*signature),
            "020ff19309dd00f4060f897bb86cdc8a44d2f6b269eae64997abf1f741ea2bc2"
            "5c4b12a21dc80c84f40fc41f446258d028b986c6ad95d4459c3d2d049412d106");

  const std::string proof_message = DeviceAuthMessage(kNonce, "", 0);
  EXPECT_EQ(proof_message,
            Bytes("6b6f6c6c6567612d617574682d7631 00000020") + kNonce + Bytes("00000000 00000000"));
  auto proof = key->Sign(proof_message);
  ASSERT_TRUE(proof.ok());
  EXPECT_EQ(ToHex(*proof),
            "36dc569c097beb1d9f3e0bc8621aea493de00c34e04fa74c9630627d743e6228"
            "32cb0bd580ed1011246e28efa33178e0da749415a40380f39e22db924311dc0a");
}

TEST(ProtocolVectorsTest, DeviceAuthMessageV2AndItsSignatureAreByteExact) {
  std::string seed;
  for (int i = 0x40; i < 0x60; ++i) seed.push_back(static_cast<char>(i));
  auto key = DeviceKey::FromPrivateSeed(seed);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  std::string exporter;
  for (int i = 0x60; i < 0x80; ++i) exporter.push_back(static_cast<char>(i));
  const std::string head = Bytes("6b6f6c6c6567612d617574682d7632 00000020") + kNonce +
                           Bytes("00000010") + kAccount + Bytes("00000001");

  const std::string tls =
      DeviceAuthMessageV2(kNonce, kAccount, 1, "wss://relay.example:443", exporter);
  EXPECT_EQ(tls.size(), 138u);
  EXPECT_EQ(tls, head + Bytes("00000017 7773733a2f2f72656c61792e6578616d706c653a343433") +
                     Bytes("00000020") + exporter);
  auto signature = key->Sign(tls);
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(ToHex(*signature),
            "b1cbb7f6cab91e5459bf732dd75c7bd73204affda3a4b6ac184dfea2a5681b72"
            "bf1f8b477b93894d22b281e55de5ba28bbfc43e9021211d1f7fd9f6634242b04");

  const std::string plain = DeviceAuthMessageV2(kNonce, kAccount, 1, "ws://127.0.0.1:8420", "");
  EXPECT_EQ(plain.size(), 102u);
  EXPECT_EQ(plain, head + Bytes("00000013 77733a2f2f3132372e302e302e313a38343230 00000000"));
  auto plain_signature = key->Sign(plain);
  ASSERT_TRUE(plain_signature.ok());
  EXPECT_EQ(ToHex(*plain_signature),
            "f20f97908da348afee6efff77fcbe9677bb7c38468915ec314488686435a3c4a"
            "ca8cdfc106d13e86ace906b74345c2a2669e2a870ea67a368c4831e19618f602");
}

}  // namespace
}  // namespace kollega::crypto
