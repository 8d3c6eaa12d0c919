// crypto/ benchmarks (Google Benchmark):
//   - X3DH session setups per second (bundle → first PreKey message → read);
//   - encrypt + decrypt per second of 1 KB messages, one way (symmetric
//     ratchet only) and alternating (a DH ratchet step per message);
//   - the crypto provider's HMAC-SHA256 and AES-256-CBC throughput through
//     the callbacks the library calls, next to OpenSSL's EVP API called
//     directly in the same run: the ratio is the provider's overhead;
//   - one safety number (5200 SHA-512 rounds through the provider);
//   - proof-of-work candidates per second: the solver next to checking
//     each candidate whole (what the solver did before), same run.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <benchmark/benchmark.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "kollega/crypto/memory_signal_store.h"
#include "kollega/crypto/proof_of_work.h"
#include "kollega/crypto/safety_number.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/crypto/signal_sessions.h"
#include "openssl_provider.h"
#include "signal_handles.h"

namespace kollega::crypto {
namespace {

template <typename T>
T Must(Result<T> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "bench setup failed: %s\n", r.status().ToString().c_str());
    std::abort();
  }
  return std::move(r).value();
}

void Check(const Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "bench step failed: %s\n", s.ToString().c_str());
    std::abort();
  }
}

// One device: context, store, keys, sessions.
struct Device {
  explicit Device(std::string n) : name(std::move(n)) {
    context = Must(SignalContext::Create());
    identity = Must(GenerateIdentityKeyPair(*context));
    registration_id = Must(GenerateRegistrationId(*context));
    store = std::make_unique<MemorySignalStore>(identity, registration_id);
    signed_pre_key = Must(GenerateSignedPreKey(*context, identity, 1, 0));
    Check(store->StoreSignedPreKey(signed_pre_key.id, signed_pre_key.record));
    sessions = std::make_unique<SignalSessions>(*context, *store);
  }
  ~Device() {
    sessions.reset();
    store.reset();
  }

  // A bundle with a fresh one-time prekey, as the relay would hand out.
  PreKeyBundle Bundle() {
    auto keys = Must(GeneratePreKeys(*context, next_pre_key_id, 1));
    next_pre_key_id = NextPreKeyId(next_pre_key_id);
    Check(store->StorePreKey(keys[0].id, keys[0].record));
    PreKeyBundle b;
    b.registration_id = registration_id;
    b.device_id = 1;
    b.identity_key = identity.public_key;
    b.signed_pre_key_id = signed_pre_key.id;
    b.signed_pre_key = signed_pre_key.public_key;
    b.signed_pre_key_signature = signed_pre_key.signature;
    b.pre_key_id = keys[0].id;
    b.pre_key = keys[0].public_key;
    return b;
  }

  SignalAddress address() const { return {name, 1}; }

  std::string name;
  std::unique_ptr<SignalContext> context;
  IdentityKeyPair identity;
  uint32_t registration_id = 0;
  std::unique_ptr<MemorySignalStore> store;
  SignedPreKey signed_pre_key;
  uint32_t next_pre_key_id = 1;
  std::unique_ptr<SignalSessions> sessions;
};

std::string Transfer(Device& from, Device& to, const std::string& text) {
  auto m = Must(from.sessions->Encrypt(to.address(), text));
  return Must(to.sessions->Decrypt(from.address(), m.type, m.bytes));
}

// Both sides of one X3DH: Alice processes Bob's bundle and encrypts; Bob
// decrypts the PreKey message. Prekey generation and session reset are
// outside the timing.
void BM_X3dhSetup(benchmark::State& state) {
  Device alice("alice");
  Device bob("bob");
  const std::string text(64, 'x');
  for (auto _ : state) {
    state.PauseTiming();
    Check(alice.sessions->DeleteSession(bob.address()));
    Check(bob.sessions->DeleteSession(alice.address()));
    PreKeyBundle bundle = bob.Bundle();
    state.ResumeTiming();
    Check(alice.sessions->ProcessBundle(bob.address(), bundle));
    benchmark::DoNotOptimize(Transfer(alice, bob, text));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_X3dhSetup)->Unit(benchmark::kMicrosecond);

void EstablishedPair(Device& alice, Device& bob) {
  Check(alice.sessions->ProcessBundle(bob.address(), bob.Bundle()));
  Transfer(alice, bob, "hello");
  Transfer(bob, alice, "hello");
}

void BM_EncryptDecrypt1KbOneWay(benchmark::State& state) {
  Device alice("alice");
  Device bob("bob");
  EstablishedPair(alice, bob);
  const std::string text(1024, 'm');
  for (auto _ : state) benchmark::DoNotOptimize(Transfer(alice, bob, text));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * 1024);
}
BENCHMARK(BM_EncryptDecrypt1KbOneWay)->Unit(benchmark::kMicrosecond);

void BM_EncryptDecrypt1KbAlternating(benchmark::State& state) {
  Device alice("alice");
  Device bob("bob");
  EstablishedPair(alice, bob);
  const std::string text(1024, 'm');
  bool from_alice = true;
  for (auto _ : state) {
    benchmark::DoNotOptimize(from_alice ? Transfer(alice, bob, text) : Transfer(bob, alice, text));
    from_alice = !from_alice;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * 1024);
}
BENCHMARK(BM_EncryptDecrypt1KbAlternating)->Unit(benchmark::kMicrosecond);

void BM_SafetyNumber(benchmark::State& state) {
  Device alice("alice");
  Device bob("bob");
  for (auto _ : state) {
    benchmark::DoNotOptimize(Must(SafetyNumber(
        *alice.context, alice.name, alice.identity.public_key, bob.name, bob.identity.public_key)));
  }
}
BENCHMARK(BM_SafetyNumber)->Unit(benchmark::kMicrosecond);

// --- Provider vs OpenSSL direct ---

const std::string kKey(32, 'k');
const std::string kIv(16, 'i');

std::unique_ptr<internal::OpenSslProvider>& Provider() {
  static auto provider = Must(internal::OpenSslProvider::Create());
  return provider;
}

void BM_ProviderHmacSha256(benchmark::State& state) {
  const signal_crypto_provider& t = Provider()->table();
  const std::string data(static_cast<size_t>(state.range(0)), 'd');
  for (auto _ : state) {
    void* ctx = nullptr;
    t.hmac_sha256_init_func(&ctx, internal::Bytes(kKey), kKey.size(), t.user_data);
    t.hmac_sha256_update_func(ctx, internal::Bytes(data), data.size(), t.user_data);
    signal_buffer* out = nullptr;
    t.hmac_sha256_final_func(ctx, &out, t.user_data);
    t.hmac_sha256_cleanup_func(ctx, t.user_data);
    signal_buffer_free(out);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ProviderHmacSha256)->Arg(64)->Arg(1024)->Arg(16384);

void BM_OpenSslHmacSha256(benchmark::State& state) {
  EVP_MAC* mac = Provider()->hmac();
  const std::string data(static_cast<size_t>(state.range(0)), 'd');
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  unsigned char out[EVP_MAX_MD_SIZE];
  for (auto _ : state) {
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
    size_t len = 0;
    EVP_MAC_init(ctx, internal::Bytes(kKey), kKey.size(), params);
    EVP_MAC_update(ctx, internal::Bytes(data), data.size());
    EVP_MAC_final(ctx, out, &len, sizeof(out));
    EVP_MAC_CTX_free(ctx);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_OpenSslHmacSha256)->Arg(64)->Arg(1024)->Arg(16384);

void BM_ProviderAes256CbcEncrypt(benchmark::State& state) {
  const signal_crypto_provider& t = Provider()->table();
  const std::string data(static_cast<size_t>(state.range(0)), 'p');
  for (auto _ : state) {
    signal_buffer* out = nullptr;
    t.encrypt_func(&out, SG_CIPHER_AES_CBC_PKCS5, internal::Bytes(kKey), kKey.size(),
                   internal::Bytes(kIv), kIv.size(), internal::Bytes(data), data.size(),
                   t.user_data);
    signal_buffer_free(out);
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ProviderAes256CbcEncrypt)->Arg(64)->Arg(1024)->Arg(16384);

void BM_OpenSslAes256CbcEncrypt(benchmark::State& state) {
  const EVP_CIPHER* cipher = Provider()->aes_256_cbc();
  const std::string data(static_cast<size_t>(state.range(0)), 'p');
  std::vector<unsigned char> out(data.size() + 16);
  for (auto _ : state) {
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int n1 = 0;
    int n2 = 0;
    EVP_EncryptInit_ex2(ctx, cipher, internal::Bytes(kKey), internal::Bytes(kIv), nullptr);
    EVP_EncryptUpdate(ctx, out.data(), &n1, internal::Bytes(data), static_cast<int>(data.size()));
    EVP_EncryptFinal_ex(ctx, out.data() + n1, &n2);
    EVP_CIPHER_CTX_free(ctx);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_OpenSslAes256CbcEncrypt)->Arg(64)->Arg(1024)->Arg(16384);

// 2^16 candidates per iteration at a difficulty no candidate meets early
// (64 bits), so both arms hash exactly that many.
void BM_ProofOfWorkSolver(benchmark::State& state) {
  const std::string nonce(32, 'n');
  for (auto _ : state) {
    auto stop = [](uint64_t) { return false; };
    benchmark::DoNotOptimize(SolveProofOfWork(nonce, 64, stop));
  }
  state.SetItemsProcessed(state.iterations() * kProofOfWorkProgressStep);
}
BENCHMARK(BM_ProofOfWorkSolver)->Unit(benchmark::kMillisecond);

void BM_ProofOfWorkCheckEachCandidate(benchmark::State& state) {
  const std::string nonce(32, 'n');
  for (auto _ : state) {
    for (uint64_t counter = 0; counter < kProofOfWorkProgressStep; ++counter) {
      std::string candidate(8, '\0');
      for (int i = 0; i < 8; ++i) candidate[i] = static_cast<char>(counter >> (56 - 8 * i));
      benchmark::DoNotOptimize(CheckProofOfWork(nonce, candidate, 64));
    }
  }
  state.SetItemsProcessed(state.iterations() * kProofOfWorkProgressStep);
}
BENCHMARK(BM_ProofOfWorkCheckEachCandidate)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kollega::crypto

BENCHMARK_MAIN();
