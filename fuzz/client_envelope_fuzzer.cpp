// Fuzzes what a client does with bytes the relay pushes, up to and around
// the Signal decrypt (client-core/src/kernel/inbox.cpp, ReceiveOne):
//   Frame -> Push.Deliver -> Delivery -> Envelope -> type check ->
//   SignalSessions::Decrypt (libsignal's SignalMessage / PreKeySignalMessage
//   deserialisers, then the ratchet) -> Content -> padding.
// Kernel and components are left out (they need a client store); the
// decrypt runs against a real in-memory Signal store that has a session
// with "alice", so forged or damaged ciphertext meets the real MAC checks.
//
// Selector byte:
//   0: a relay frame, as the link hands it to the inbox;
//   1: a patch (offset, bytes) applied to a real PreKeySignalMessage from
//      alice, decrypted from alice's address;
//   2: the same on a real SignalMessage;
//   3: a decrypted plaintext: Content parse, then the padding rule holds
//      for whatever parsed (SerializePadded lands on PaddingBucket).
// libsignal itself is the system library and carries no coverage hooks:
// libFuzzer steers by our code's edges and libsignal's answers.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "content.pb.h"
#include "kernel/padding.h"
#include "kollega/crypto/memory_signal_store.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/crypto/signal_sessions.h"
#include "quiet_protobuf.h"
#include "relay.pb.h"

namespace {

namespace client = kollega::client;
namespace crypto = kollega::crypto;
namespace wire = kollega::wire;

template <typename T>
T Must(kollega::Result<T> r) {
  if (!r.ok()) std::abort();
  return std::move(r).value();
}

void Require(bool ok) {
  if (!ok) std::abort();
}

// One device: context, keys, in-memory store and sessions.
struct Party {
  explicit Party(std::string n) : name(std::move(n)) {
    context = Must(crypto::SignalContext::Create());
    identity = Must(crypto::GenerateIdentityKeyPair(*context));
    registration_id = Must(crypto::GenerateRegistrationId(*context));
    store = std::make_unique<crypto::MemorySignalStore>(identity, registration_id);
    signed_pre_key = Must(crypto::GenerateSignedPreKey(*context, identity, 7, 1'700'000'000'000));
    Require(store->StoreSignedPreKey(signed_pre_key.id, signed_pre_key.record).ok());
    pre_keys = Must(crypto::GeneratePreKeys(*context, 1, 4));
    for (const auto& k : pre_keys) Require(store->StorePreKey(k.id, k.record).ok());
    sessions = std::make_unique<crypto::SignalSessions>(*context, *store);
  }
  crypto::PreKeyBundle Bundle(size_t pre_key) const {
    crypto::PreKeyBundle b;
    b.registration_id = registration_id;
    b.device_id = 1;
    b.identity_key = identity.public_key;
    b.signed_pre_key_id = signed_pre_key.id;
    b.signed_pre_key = signed_pre_key.public_key;
    b.signed_pre_key_signature = signed_pre_key.signature;
    b.pre_key_id = pre_keys[pre_key].id;
    b.pre_key = pre_keys[pre_key].public_key;
    return b;
  }
  crypto::SignalAddress address() const { return {name, 1}; }

  std::string name;
  std::unique_ptr<crypto::SignalContext> context;
  crypto::IdentityKeyPair identity;
  uint32_t registration_id = 0;
  std::unique_ptr<crypto::MemorySignalStore> store;
  crypto::SignedPreKey signed_pre_key;
  std::vector<crypto::PreKey> pre_keys;
  std::unique_ptr<crypto::SignalSessions> sessions;
};

struct Fixture {
  Party alice{"alice"};
  Party bob{"bob"};
  std::string prekey_message;  // alice -> bob, type 3, not yet decrypted
  std::string signal_message;  // alice -> bob, type 2, not yet decrypted
};

std::string Padded(std::string_view text) {
  kollega::content::Content content;
  content.set_message_id(std::string(16, '\x01'));
  content.mutable_data()->set_text(std::string(text));
  return Must(client::SerializePadded(std::move(content)));
}

Fixture& Get() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    // A session both ways, then one message of each type left undecrypted.
    Require(f->alice.sessions->ProcessBundle(f->bob.address(), f->bob.Bundle(0)).ok());
    auto first = Must(f->alice.sessions->Encrypt(f->bob.address(), Padded("hello")));
    Require(f->bob.sessions->Decrypt(f->alice.address(), first.type, first.bytes).ok());
    auto reply = Must(f->bob.sessions->Encrypt(f->alice.address(), Padded("hi")));
    Require(f->alice.sessions->Decrypt(f->bob.address(), reply.type, reply.bytes).ok());
    auto signal = Must(f->alice.sessions->Encrypt(f->bob.address(), Padded("how are you")));
    Require(signal.type == crypto::MessageType::kSignal);
    f->signal_message = signal.bytes;
    // A second install of alice's key material would be needed for a fresh
    // PreKey message to bob; one from a new party "carol" does the same job.
    static Party carol("carol");
    Require(carol.sessions->ProcessBundle(f->bob.address(), f->bob.Bundle(1)).ok());
    auto prekey = Must(carol.sessions->Encrypt(f->bob.address(), Padded("first contact")));
    Require(prekey.type == crypto::MessageType::kPreKey);
    f->prekey_message = prekey.bytes;
    return f;
  }();
  return *fixture;
}

// The content checks of ReceiveOne, and the padding rule on what parsed.
void Plaintext(std::string_view plain) {
  kollega::content::Content content;
  if (!content.ParseFromArray(plain.data(), static_cast<int>(plain.size()))) return;
  auto padded = client::SerializePadded(content);
  if (!padded.ok()) return;
  Require(padded->size() == client::PaddingBucket(padded->size()));
  kollega::content::Content again;
  Require(again.ParseFromString(*padded));
  again.clear_padding();
  content.clear_padding();
  Require(again.SerializeAsString() == content.SerializeAsString());
}

void Receive(Fixture& f, const crypto::SignalAddress& from, uint32_t type, std::string_view bytes) {
  if (type != static_cast<uint32_t>(crypto::MessageType::kSignal) &&
      type != static_cast<uint32_t>(crypto::MessageType::kPreKey)) {
    return;  // "unknown envelope type"
  }
  auto plain = f.bob.sessions->Decrypt(from, static_cast<crypto::MessageType>(type), bytes);
  if (!plain.ok()) {
    (void)crypto::ClassifySessionError(plain.status());
    return;
  }
  Plaintext(*plain);
}

void RelayFrame(Fixture& f, const std::string& bytes) {
  wire::Frame frame;
  if (!frame.ParseFromString(bytes) || !frame.has_push() || !frame.push().has_deliver()) return;
  int budget = 8;  // keeps one input's work bounded
  for (const wire::Delivery& delivery : frame.push().deliver().deliveries()) {
    if (budget-- == 0) break;
    wire::Envelope envelope;
    if (!envelope.ParseFromString(delivery.envelope())) continue;
    const crypto::SignalAddress from{envelope.sender_account(),
                                     static_cast<int32_t>(envelope.sender_device())};
    Receive(f, from, envelope.type(), envelope.content());
  }
}

// Input: offset (u16, modulo the message size) then bytes written over the
// message from there (growing it when they run past its end).
void Patched(Fixture& f, const std::string& base, crypto::MessageType type,
             const crypto::SignalAddress& from, std::string_view patch) {
  if (patch.size() < 2) return;
  std::string message = base;
  const size_t offset =
      (static_cast<uint8_t>(patch[0]) << 8 | static_cast<uint8_t>(patch[1])) % (base.size() + 1);
  patch.remove_prefix(2);
  message.resize(std::max(message.size(), offset + patch.size()));
  message.replace(offset, patch.size(), patch);
  Receive(f, from, static_cast<uint32_t>(type), message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  Fixture& f = Get();
  const std::string in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      RelayFrame(f, in);
      break;
    case 1:
      Patched(f, f.prekey_message, crypto::MessageType::kPreKey, {"carol", 1}, in);
      break;
    case 2:
      Patched(f, f.signal_message, crypto::MessageType::kSignal, f.alice.address(), in);
      break;
    default:
      Plaintext(in);
      break;
  }
  return 0;
}
