// Known-answer tests for the OpenSSL crypto provider, driven through the
// same callback table libsignal-protocol-c calls. Vectors: RFC 4231
// (HMAC-SHA256), FIPS 180-4 examples (SHA-512), NIST SP 800-38A F.2.5/F.2.6
// (AES-256-CBC) and F.5.5/F.5.6 (AES-256-CTR).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <string>

#include "kollega/base/hex.h"
#include "openssl_provider.h"
#include "signal_handles.h"

namespace kollega::crypto::internal {
namespace {

std::string Unhex(std::string_view hex) {
  auto bytes = FromHex(hex);
  EXPECT_TRUE(bytes.has_value()) << hex;
  return bytes.value_or("");
}

class ProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = OpenSslProvider::Create();
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    provider_ = std::move(created).value();
  }

  const signal_crypto_provider& t() const { return provider_->table(); }
  void* ud() const { return t().user_data; }

  std::string Hmac(std::string_view key, std::string_view data) {
    void* ctx = nullptr;
    EXPECT_EQ(t().hmac_sha256_init_func(&ctx, Bytes(key), key.size(), ud()), SG_SUCCESS);
    // Feed in two pieces so update really accumulates.
    const size_t half = data.size() / 2;
    EXPECT_EQ(t().hmac_sha256_update_func(ctx, Bytes(data), half, ud()), SG_SUCCESS);
    EXPECT_EQ(t().hmac_sha256_update_func(ctx, Bytes(data) + half, data.size() - half, ud()),
              SG_SUCCESS);
    signal_buffer* out = nullptr;
    EXPECT_EQ(t().hmac_sha256_final_func(ctx, &out, ud()), SG_SUCCESS);
    t().hmac_sha256_cleanup_func(ctx, ud());
    return ToHex(ToString(BufferPtr(out).get()));
  }

  std::string Crypt(bool encrypt, int cipher, std::string_view key, std::string_view iv,
                    std::string_view input, int* rc) {
    signal_buffer* out = nullptr;
    auto fn = encrypt ? t().encrypt_func : t().decrypt_func;
    *rc = fn(&out, cipher, Bytes(key), key.size(), Bytes(iv), iv.size(), Bytes(input), input.size(),
             ud());
    return ToString(BufferPtr(out).get());
  }

  std::unique_ptr<OpenSslProvider> provider_;
};

TEST_F(ProviderTest, HmacSha256Rfc4231Case1) {
  EXPECT_EQ(Hmac(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST_F(ProviderTest, HmacSha256Rfc4231Case2) {
  EXPECT_EQ(Hmac("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(ProviderTest, HmacSha256Rfc4231Case6LongKey) {
  EXPECT_EQ(
      Hmac(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_F(ProviderTest, HmacCleanupIsSafeAfterAnyInit) {
  // Callers run cleanup on whatever init left behind, even on failure.
  void* ctx = reinterpret_cast<void*>(0x1);
  ASSERT_EQ(t().hmac_sha256_init_func(&ctx, Bytes("k"), 1, ud()), SG_SUCCESS);
  ASSERT_NE(ctx, nullptr);
  t().hmac_sha256_cleanup_func(ctx, ud());
  t().hmac_sha256_cleanup_func(nullptr, ud());
}

TEST_F(ProviderTest, Sha512VectorsAndContextReuse) {
  struct Vector {
    std::string message;
    std::string digest;
  };
  const Vector vectors[] = {
      {"abc",
       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3"
       "feebbd454d4423643ce80e2a9ac94fa54ca49f"},
      {"",
       "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d287"
       "7eec2f63b931bd47417a81a538327af927da3e"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
       "o"
       "pqrsmnopqrstnopqrstu",
       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4"
       "b5433ac7d329eeb6dd26545e96e55b874be909"},
  };
  // One context for all three: final must leave it re-initialised, as the
  // fingerprint generator relies on.
  void* ctx = nullptr;
  ASSERT_EQ(t().sha512_digest_init_func(&ctx, ud()), SG_SUCCESS);
  for (int round = 0; round < 2; ++round) {
    for (const auto& v : vectors) {
      ASSERT_EQ(t().sha512_digest_update_func(ctx, Bytes(v.message), v.message.size(), ud()),
                SG_SUCCESS);
      signal_buffer* out = nullptr;
      ASSERT_EQ(t().sha512_digest_final_func(ctx, &out, ud()), SG_SUCCESS);
      EXPECT_EQ(ToHex(ToString(BufferPtr(out).get())), v.digest) << v.message;
    }
  }
  t().sha512_digest_cleanup_func(ctx, ud());
}

const char kAesKey[] = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
const char kAesPlain[] =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

TEST_F(ProviderTest, Aes256CbcSp80038aF25AndF26) {
  const std::string key = Unhex(kAesKey);
  const std::string iv = Unhex("000102030405060708090a0b0c0d0e0f");
  const std::string plain = Unhex(kAesPlain);
  const std::string expected =
      "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
      "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b";
  int rc = 0;
  // F.2.5 has no padding; with PKCS#7 a full block of 0x10 follows it.
  const std::string cipher = Crypt(true, SG_CIPHER_AES_CBC_PKCS5, key, iv, plain, &rc);
  ASSERT_EQ(rc, SG_SUCCESS);
  ASSERT_EQ(cipher.size(), plain.size() + 16);
  EXPECT_EQ(ToHex(cipher.substr(0, plain.size())), expected);
  // F.2.6: decrypting the vector ciphertext (plus its padding block).
  EXPECT_EQ(Crypt(false, SG_CIPHER_AES_CBC_PKCS5, key, iv, cipher, &rc), plain);
  EXPECT_EQ(rc, SG_SUCCESS);
  // Bad padding is an invalid message, not a crash or garbage.
  Crypt(false, SG_CIPHER_AES_CBC_PKCS5, key, iv, Unhex(expected), &rc);
  EXPECT_LT(rc, 0);
}

TEST_F(ProviderTest, Aes256CtrSp80038aF55AndF56) {
  const std::string key = Unhex(kAesKey);
  const std::string counter = Unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  const std::string plain = Unhex(kAesPlain);
  const std::string expected =
      "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
      "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6";
  int rc = 0;
  EXPECT_EQ(ToHex(Crypt(true, SG_CIPHER_AES_CTR_NOPADDING, key, counter, plain, &rc)), expected);
  EXPECT_EQ(rc, SG_SUCCESS);
  EXPECT_EQ(Crypt(false, SG_CIPHER_AES_CTR_NOPADDING, key, counter, Unhex(expected), &rc), plain);
  EXPECT_EQ(rc, SG_SUCCESS);
}

TEST_F(ProviderTest, RejectsWrongKeyOrIvSizeAndUnknownCipher) {
  int rc = 0;
  const std::string iv(16, '\0');
  Crypt(true, SG_CIPHER_AES_CBC_PKCS5, std::string(16, 'k'), iv, "x", &rc);
  EXPECT_EQ(rc, SG_ERR_INVAL);
  Crypt(true, SG_CIPHER_AES_CBC_PKCS5, std::string(32, 'k'), std::string(8, '\0'), "x", &rc);
  EXPECT_EQ(rc, SG_ERR_INVAL);
  Crypt(true, 99, std::string(32, 'k'), iv, "x", &rc);
  EXPECT_EQ(rc, SG_ERR_INVAL);
}

TEST_F(ProviderTest, RandomFillsAndDiffers) {
  uint8_t a[32] = {};
  uint8_t b[32] = {};
  ASSERT_EQ(t().random_func(a, sizeof(a), ud()), SG_SUCCESS);
  ASSERT_EQ(t().random_func(b, sizeof(b), ud()), SG_SUCCESS);
  EXPECT_NE(std::string(reinterpret_cast<char*>(a), 32),
            std::string(reinterpret_cast<char*>(b), 32));
}

}  // namespace
}  // namespace kollega::crypto::internal
