// A test party: one device with its own context, in-memory store, keys and
// SignalSessions, and a helper that plays the relay handing out bundles.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "kollega/crypto/memory_signal_store.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/crypto/signal_sessions.h"

namespace kollega::crypto::testing {

template <typename T>
T Must(Result<T> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (!r.ok()) std::abort();  // a setup failure makes the rest meaningless
  return std::move(r).value();
}

class Party {
 public:
  explicit Party(std::string name, uint32_t pre_keys = 4) : name_(std::move(name)) {
    context_ = Must(SignalContext::Create());
    Install(pre_keys);
  }
  ~Party() {
    sessions_.reset();  // before the store and context they borrow
    store_.reset();
  }

  // A fresh install: new identity and keys, all sessions gone.
  void Install(uint32_t pre_keys = 4) {
    sessions_.reset();
    store_.reset();
    identity_ = Must(GenerateIdentityKeyPair(*context_));
    registration_id_ = Must(GenerateRegistrationId(*context_));
    store_ = std::make_unique<MemorySignalStore>(identity_, registration_id_);
    signed_pre_key_ = Must(GenerateSignedPreKey(*context_, identity_, 7, 1'700'000'000'000));
    EXPECT_TRUE(store_->StoreSignedPreKey(signed_pre_key_.id, signed_pre_key_.record).ok());
    pre_keys_ = Must(GeneratePreKeys(*context_, 1, pre_keys));
    for (const auto& k : pre_keys_) EXPECT_TRUE(store_->StorePreKey(k.id, k.record).ok());
    next_pre_key_ = 0;
    sessions_ = std::make_unique<SignalSessions>(*context_, *store_);
  }

  // What the relay would hand out: each one-time prekey once, then none.
  PreKeyBundle Bundle(bool with_one_time_key = true) {
    PreKeyBundle b;
    b.registration_id = registration_id_;
    b.device_id = 1;
    b.identity_key = identity_.public_key;
    b.signed_pre_key_id = signed_pre_key_.id;
    b.signed_pre_key = signed_pre_key_.public_key;
    b.signed_pre_key_signature = signed_pre_key_.signature;
    if (with_one_time_key && next_pre_key_ < pre_keys_.size()) {
      b.pre_key_id = pre_keys_[next_pre_key_].id;
      b.pre_key = pre_keys_[next_pre_key_].public_key;
      ++next_pre_key_;
    }
    return b;
  }

  SignalAddress address() const { return SignalAddress{name_, 1}; }
  const std::string& name() const { return name_; }
  const IdentityKeyPair& identity() const { return identity_; }
  SignalContext& context() { return *context_; }
  MemorySignalStore& store() { return *store_; }
  SignalSessions& sessions() { return *sessions_; }

 private:
  std::string name_;
  std::unique_ptr<SignalContext> context_;
  IdentityKeyPair identity_;
  uint32_t registration_id_ = 0;
  std::unique_ptr<MemorySignalStore> store_;
  SignedPreKey signed_pre_key_;
  std::vector<PreKey> pre_keys_;
  size_t next_pre_key_ = 0;
  std::unique_ptr<SignalSessions> sessions_;
};

// Encrypts `text` from `from` to `to`; fails the test on error.
inline EncryptedMessage Send(Party& from, Party& to, const std::string& text) {
  return Must(from.sessions().Encrypt(to.address(), text));
}

inline Result<std::string> Receive(Party& to, Party& from, const EncryptedMessage& m) {
  return to.sessions().Decrypt(from.address(), m.type, m.bytes);
}

}  // namespace kollega::crypto::testing
