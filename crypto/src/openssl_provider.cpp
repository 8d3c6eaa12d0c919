// SPDX-License-Identifier: GPL-3.0-or-later
#include "openssl_provider.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <climits>
#include <vector>

#include "kollega/crypto/device_key.h"

namespace kollega::crypto::internal {
namespace {

constexpr size_t kAes256KeySize = 32;
constexpr size_t kAesBlockSize = 16;

const OpenSslProvider& Self(void* user_data) {
  return *static_cast<const OpenSslProvider*>(user_data);
}

int Random(uint8_t* data, size_t len, void* /*user_data*/) {
  while (len > 0) {
    const int chunk = len > INT_MAX ? INT_MAX : static_cast<int>(len);
    if (RAND_bytes(data, chunk) != 1) return SG_ERR_UNKNOWN;
    data += chunk;
    len -= static_cast<size_t>(chunk);
  }
  return SG_SUCCESS;
}

int HmacInit(void** hmac_context, const uint8_t* key, size_t key_len, void* user_data) {
  // Callers declare the context uninitialised and call cleanup even when
  // init fails, so it must hold a valid value (null) before any return.
  *hmac_context = nullptr;
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(Self(user_data).hmac());
  if (!ctx) return SG_ERR_NOMEM;
  *hmac_context = ctx;
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  // OpenSSL reads a null key as "no key given"; HMAC with an empty key is valid.
  static const uint8_t kEmptyKey[1] = {0};
  if (EVP_MAC_init(ctx, key ? key : kEmptyKey, key_len, params) != 1) return SG_ERR_UNKNOWN;
  return SG_SUCCESS;
}

int HmacUpdate(void* hmac_context, const uint8_t* data, size_t data_len, void* /*user_data*/) {
  if (!hmac_context) return SG_ERR_INVAL;
  if (data_len == 0) return SG_SUCCESS;
  return EVP_MAC_update(static_cast<EVP_MAC_CTX*>(hmac_context), data, data_len) == 1
             ? SG_SUCCESS
             : SG_ERR_UNKNOWN;
}

int HmacFinal(void* hmac_context, signal_buffer** output, void* /*user_data*/) {
  if (!hmac_context) return SG_ERR_INVAL;
  uint8_t mac[EVP_MAX_MD_SIZE];
  size_t mac_len = 0;
  if (EVP_MAC_final(static_cast<EVP_MAC_CTX*>(hmac_context), mac, &mac_len, sizeof(mac)) != 1) {
    return SG_ERR_UNKNOWN;
  }
  *output = signal_buffer_create(mac, mac_len);
  Wipe(mac, sizeof(mac));
  return *output ? SG_SUCCESS : SG_ERR_NOMEM;
}

void HmacCleanup(void* hmac_context, void* /*user_data*/) {
  EVP_MAC_CTX_free(static_cast<EVP_MAC_CTX*>(hmac_context));  // null-safe
}

int Sha512Init(void** digest_context, void* user_data) {
  *digest_context = nullptr;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) return SG_ERR_NOMEM;
  *digest_context = ctx;
  return EVP_DigestInit_ex(ctx, Self(user_data).sha512(), nullptr) == 1 ? SG_SUCCESS
                                                                        : SG_ERR_UNKNOWN;
}

int Sha512Update(void* digest_context, const uint8_t* data, size_t data_len, void* /*user_data*/) {
  if (!digest_context) return SG_ERR_INVAL;
  return EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(digest_context), data, data_len) == 1
             ? SG_SUCCESS
             : SG_ERR_UNKNOWN;
}

int Sha512Final(void* digest_context, signal_buffer** output, void* user_data) {
  if (!digest_context) return SG_ERR_INVAL;
  auto* ctx = static_cast<EVP_MD_CTX*>(digest_context);
  uint8_t md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  if (EVP_DigestFinal_ex(ctx, md, &md_len) != 1) return SG_ERR_UNKNOWN;
  // The fingerprint generator hashes 5200 rounds through one context, so
  // finishing must leave it ready for the next round.
  if (EVP_DigestInit_ex(ctx, Self(user_data).sha512(), nullptr) != 1) return SG_ERR_UNKNOWN;
  *output = signal_buffer_create(md, md_len);
  return *output ? SG_SUCCESS : SG_ERR_NOMEM;
}

void Sha512Cleanup(void* digest_context, void* /*user_data*/) {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(digest_context));
}

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

int Crypt(bool encrypt, signal_buffer** output, int cipher, const uint8_t* key, size_t key_len,
          const uint8_t* iv, size_t iv_len, const uint8_t* input, size_t input_len,
          void* user_data) {
  const OpenSslProvider& self = Self(user_data);
  const EVP_CIPHER* algorithm = nullptr;
  if (cipher == SG_CIPHER_AES_CBC_PKCS5) {
    algorithm = self.aes_256_cbc();
  } else if (cipher == SG_CIPHER_AES_CTR_NOPADDING) {
    algorithm = self.aes_256_ctr();
  }
  // Only AES-256 exists in the protocol; other sizes mean a caller bug.
  if (!algorithm || key_len != kAes256KeySize || iv_len != kAesBlockSize) return SG_ERR_INVAL;
  if (input_len > static_cast<size_t>(INT_MAX) - 2 * kAesBlockSize) return SG_ERR_INVAL;

  std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
  if (!ctx) return SG_ERR_NOMEM;
  if (EVP_CipherInit_ex2(ctx.get(), algorithm, key, iv, encrypt ? 1 : 0, nullptr) != 1) {
    return SG_ERR_UNKNOWN;
  }
  // PKCS#7 for CBC (the library's "PKCS5"); CTR is a stream mode, no padding.
  EVP_CIPHER_CTX_set_padding(ctx.get(), cipher == SG_CIPHER_AES_CBC_PKCS5 ? 1 : 0);

  if (encrypt) {
    // The output length is known up front (PKCS#7 always adds 1..16 bytes),
    // so write straight into the library's buffer: no copy, no temporary.
    const size_t out_len = cipher == SG_CIPHER_AES_CBC_PKCS5
                               ? (input_len / kAesBlockSize + 1) * kAesBlockSize
                               : input_len;
    signal_buffer* buffer = signal_buffer_alloc(out_len);
    if (!buffer) return SG_ERR_NOMEM;
    uint8_t* out = signal_buffer_data(buffer);
    int update_len = 0;
    int final_len = 0;
    if (EVP_CipherUpdate(ctx.get(), out, &update_len, input, static_cast<int>(input_len)) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), out + update_len, &final_len) != 1 ||
        static_cast<size_t>(update_len + final_len) != out_len) {
      signal_buffer_free(buffer);
      return SG_ERR_UNKNOWN;
    }
    *output = buffer;
    return SG_SUCCESS;
  }

  // Decrypted length is only known after the padding check, and a library
  // buffer cannot shrink: decrypt into a temporary, copy, wipe.
  std::vector<uint8_t> out(input_len + kAesBlockSize);
  int update_len = 0;
  int final_len = 0;
  int result = SG_SUCCESS;
  if (EVP_CipherUpdate(ctx.get(), out.data(), &update_len, input, static_cast<int>(input_len)) !=
      1) {
    result = SG_ERR_UNKNOWN;
  } else if (EVP_CipherFinal_ex(ctx.get(), out.data() + update_len, &final_len) != 1) {
    result = SG_ERR_INVALID_MESSAGE;  // bad padding: not our ciphertext
  } else {
    *output = signal_buffer_create(out.data(), static_cast<size_t>(update_len + final_len));
    if (!*output) result = SG_ERR_NOMEM;
  }
  Wipe(out.data(), out.size());
  return result;
}

int Encrypt(signal_buffer** output, int cipher, const uint8_t* key, size_t key_len,
            const uint8_t* iv, size_t iv_len, const uint8_t* plaintext, size_t plaintext_len,
            void* user_data) {
  return Crypt(true, output, cipher, key, key_len, iv, iv_len, plaintext, plaintext_len, user_data);
}

int Decrypt(signal_buffer** output, int cipher, const uint8_t* key, size_t key_len,
            const uint8_t* iv, size_t iv_len, const uint8_t* ciphertext, size_t ciphertext_len,
            void* user_data) {
  return Crypt(false, output, cipher, key, key_len, iv, iv_len, ciphertext, ciphertext_len,
               user_data);
}

}  // namespace

Result<std::unique_ptr<OpenSslProvider>> OpenSslProvider::Create() {
  std::unique_ptr<OpenSslProvider> p(new OpenSslProvider());
  p->hmac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  p->sha512_ = EVP_MD_fetch(nullptr, "SHA512", nullptr);
  p->cbc_ = EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr);
  p->ctr_ = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
  if (!p->hmac_ || !p->sha512_ || !p->cbc_ || !p->ctr_) {
    return Internal("OpenSSL lacks HMAC, SHA-512 or AES-256-CBC/CTR");
  }
  signal_crypto_provider& t = p->table_;
  t.random_func = Random;
  t.hmac_sha256_init_func = HmacInit;
  t.hmac_sha256_update_func = HmacUpdate;
  t.hmac_sha256_final_func = HmacFinal;
  t.hmac_sha256_cleanup_func = HmacCleanup;
  t.sha512_digest_init_func = Sha512Init;
  t.sha512_digest_update_func = Sha512Update;
  t.sha512_digest_final_func = Sha512Final;
  t.sha512_digest_cleanup_func = Sha512Cleanup;
  t.encrypt_func = Encrypt;
  t.decrypt_func = Decrypt;
  t.user_data = p.get();
  return p;
}

OpenSslProvider::~OpenSslProvider() {
  EVP_MAC_free(hmac_);
  EVP_MD_free(sha512_);
  EVP_CIPHER_free(cbc_);
  EVP_CIPHER_free(ctr_);
}

}  // namespace kollega::crypto::internal
