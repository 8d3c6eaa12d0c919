// Two-party tests: Alice and Bob, each with a real libsignal context and an
// in-memory store, exchanging the real v3 wire messages.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "signal_test_party.h"

namespace kollega::crypto::testing {
namespace {

class SessionsTest : public ::testing::Test {
 protected:
  // Alice fetches Bob's bundle and sends the first message; Bob answers.
  void Converse() {
    ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
    auto hello = Send(alice_, bob_, "hello bob");
    ASSERT_EQ(Must(Receive(bob_, alice_, hello)), "hello bob");
    auto reply = Send(bob_, alice_, "hello alice");
    ASSERT_EQ(Must(Receive(alice_, bob_, reply)), "hello alice");
  }

  Party alice_{"alice"};
  Party bob_{"bob"};
};

TEST_F(SessionsTest, FirstMessagesArePreKeyUntilAnsweredThenSignal) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  EXPECT_TRUE(Must(alice_.sessions().HasSession(bob_.address())));

  auto first = Send(alice_, bob_, "one");
  auto second = Send(alice_, bob_, "two");
  EXPECT_EQ(first.type, MessageType::kPreKey);
  EXPECT_EQ(second.type, MessageType::kPreKey);           // Bob has not answered yet
  EXPECT_EQ(static_cast<uint8_t>(first.bytes[0]), 0x33);  // version byte, v3 unwrapped
  EXPECT_EQ(Must(Receive(bob_, alice_, first)), "one");
  EXPECT_EQ(Must(Receive(bob_, alice_, second)), "two");

  auto reply = Send(bob_, alice_, "three");
  EXPECT_EQ(reply.type, MessageType::kSignal);
  EXPECT_EQ(Must(Receive(alice_, bob_, reply)), "three");

  auto after = Send(alice_, bob_, "four");
  EXPECT_EQ(after.type, MessageType::kSignal);
  EXPECT_EQ(Must(Receive(bob_, alice_, after)), "four");
}

TEST_F(SessionsTest, BothDirectionsOverManyRatchetSteps) {
  Converse();
  for (int i = 0; i < 10; ++i) {
    const std::string a = "a" + std::to_string(i);
    const std::string b = "b" + std::to_string(i);
    EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, a))), a);
    EXPECT_EQ(Must(Receive(alice_, bob_, Send(bob_, alice_, b))), b);
  }
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, ""))), "");  // empty is valid
}

TEST_F(SessionsTest, OutOfOrderDelivery) {
  Converse();
  std::vector<EncryptedMessage> sent;
  for (int i = 0; i < 5; ++i) sent.push_back(Send(alice_, bob_, "m" + std::to_string(i)));
  for (int i : {4, 2, 0, 3, 1}) {
    EXPECT_EQ(Must(Receive(bob_, alice_, sent[i])), "m" + std::to_string(i));
  }
}

TEST_F(SessionsTest, LostMessageDoesNotBreakTheSession) {
  Converse();
  auto m1 = Send(alice_, bob_, "m1");
  Send(alice_, bob_, "lost");
  auto m3 = Send(alice_, bob_, "m3");
  EXPECT_EQ(Must(Receive(bob_, alice_, m1)), "m1");
  EXPECT_EQ(Must(Receive(bob_, alice_, m3)), "m3");
  EXPECT_EQ(Must(Receive(alice_, bob_, Send(bob_, alice_, "still here"))), "still here");
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "and here"))), "and here");
}

TEST_F(SessionsTest, DuplicateMessageIsRejectedAndSessionKeepsWorking) {
  Converse();
  auto m = Send(alice_, bob_, "once");
  EXPECT_EQ(Must(Receive(bob_, alice_, m)), "once");
  auto again = Receive(bob_, alice_, m);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(ClassifySessionError(again.status()), SessionError::kDuplicateMessage);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "next"))), "next");
  EXPECT_EQ(Must(Receive(alice_, bob_, Send(bob_, alice_, "back"))), "back");
}

TEST_F(SessionsTest, ReplayedPreKeyMessageIsDuplicateAndForgetsNothing) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  auto first = Send(alice_, bob_, "first");
  ASSERT_EQ(first.type, MessageType::kPreKey);
  ASSERT_EQ(Must(Receive(bob_, alice_, first)), "first");
  const int rollbacks = bob_.store().rollbacks();

  auto replay = Receive(bob_, alice_, first);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(ClassifySessionError(replay.status()), SessionError::kDuplicateMessage);
  EXPECT_EQ(bob_.store().rollbacks(), rollbacks + 1);
  // The failed call was rolled back, and Alice's accepted key is intact
  // (newer upstream code would ask the store to forget it here).
  auto kept = Must(bob_.store().LoadIdentity(alice_.address()));
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(*kept, alice_.identity().public_key);
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "later"))), "later");
}

TEST_F(SessionsTest, OneTimePreKeyIsConsumed) {
  auto bundle = bob_.Bundle();
  ASSERT_TRUE(bundle.pre_key_id.has_value());
  ASSERT_TRUE(Must(bob_.store().ContainsPreKey(*bundle.pre_key_id)));
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bundle).ok());
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "x"))), "x");
  EXPECT_FALSE(Must(bob_.store().ContainsPreKey(*bundle.pre_key_id)));
}

TEST_F(SessionsTest, BundleWithoutOneTimePreKey) {
  auto bundle = bob_.Bundle(/*with_one_time_key=*/false);
  ASSERT_FALSE(bundle.pre_key_id.has_value());
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bundle).ok());
  auto first = Send(alice_, bob_, "signed prekey only");
  EXPECT_EQ(first.type, MessageType::kPreKey);
  EXPECT_EQ(Must(Receive(bob_, alice_, first)), "signed prekey only");
  EXPECT_EQ(Must(Receive(alice_, bob_, Send(bob_, alice_, "ok"))), "ok");
}

TEST_F(SessionsTest, TamperedCiphertextIsRejected) {
  Converse();
  auto m = Send(alice_, bob_, "integrity");
  for (size_t pos : {size_t{5}, m.bytes.size() / 2, m.bytes.size() - 1}) {
    auto bad = m;
    bad.bytes[pos] ^= 0x01;
    auto r = Receive(bob_, alice_, bad);
    ASSERT_FALSE(r.ok()) << pos;
    EXPECT_EQ(ClassifySessionError(r.status()), SessionError::kInvalidMessage)
        << r.status().ToString();
  }
  EXPECT_EQ(Must(Receive(bob_, alice_, m)), "integrity");  // the genuine one still works
}

TEST_F(SessionsTest, TamperedPreKeyMessageLeavesNoState) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  auto m = Send(alice_, bob_, "first");
  // Flip the last byte of the embedded SignalMessage (its MAC). It starts
  // with the version byte and the ratchet key's field: 33 0a 21 05.
  const size_t inner = m.bytes.find("\x33\x0a\x21\x05", 1);
  ASSERT_NE(inner, std::string::npos);
  const size_t inner_len = static_cast<uint8_t>(m.bytes[inner - 1]);
  ASSERT_LT(inner + inner_len, m.bytes.size());
  auto bad = m;
  bad.bytes[inner + inner_len - 1] ^= 0x40;
  auto r = Receive(bob_, alice_, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ClassifySessionError(r.status()), SessionError::kInvalidMessage);
  EXPECT_FALSE(Must(bob_.sessions().HasSession(alice_.address())));
  // The library saved the claimed identity before checking the MAC; the
  // rollback must have undone that, or a forgery would pin its key.
  EXPECT_FALSE(Must(bob_.store().LoadIdentity(alice_.address())).has_value());
  EXPECT_EQ(Must(Receive(bob_, alice_, m)), "first");
}

TEST_F(SessionsTest, GarbageAndUnknownTypesAreInvalidMessages) {
  Converse();
  for (auto type : {MessageType::kSignal, MessageType::kPreKey}) {
    auto r = bob_.sessions().Decrypt(alice_.address(), type, "not a signal message");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(ClassifySessionError(r.status()), SessionError::kInvalidMessage);
  }
  auto r = bob_.sessions().Decrypt(alice_.address(), static_cast<MessageType>(4), "x");
  EXPECT_EQ(ClassifySessionError(r.status()), SessionError::kInvalidMessage);
}

TEST_F(SessionsTest, NoSessionIsReportedAsSuch) {
  auto e = alice_.sessions().Encrypt(bob_.address(), "nobody there");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(ClassifySessionError(e.status()), SessionError::kNoSession);
  Converse();
  auto m = Send(alice_, bob_, "for bob only");
  Party carol("carol");
  auto d = carol.sessions().Decrypt(alice_.address(), m.type, m.bytes);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(ClassifySessionError(d.status()), SessionError::kNoSession);
}

TEST_F(SessionsTest, UnknownPreKeyIdIsInvalidKeyId) {
  auto bundle = bob_.Bundle();
  bundle.pre_key_id = 4242;  // Bob never issued it
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bundle).ok());
  auto r = Receive(bob_, alice_, Send(alice_, bob_, "x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ClassifySessionError(r.status()), SessionError::kInvalidKeyId);
}

TEST_F(SessionsTest, BadBundleSignatureIsRefused) {
  auto bundle = bob_.Bundle();
  bundle.signed_pre_key_signature[10] ^= 0x01;
  Status s = alice_.sessions().ProcessBundle(bob_.address(), bundle);
  EXPECT_EQ(ClassifySessionError(s), SessionError::kInvalidKey) << s.ToString();
  EXPECT_FALSE(Must(alice_.sessions().HasSession(bob_.address())));
  bundle.identity_key = "short";
  EXPECT_EQ(ClassifySessionError(alice_.sessions().ProcessBundle(bob_.address(), bundle)),
            SessionError::kInvalidKey);
}

TEST_F(SessionsTest, DeviceAddressesAreDistinct) {
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  SignalAddress other = bob_.address();
  other.device_id = 2;
  EXPECT_FALSE(Must(alice_.sessions().HasSession(other)));
  ASSERT_TRUE(alice_.sessions().DeleteSession(bob_.address()).ok());
  EXPECT_FALSE(Must(alice_.sessions().HasSession(bob_.address())));
}

}  // namespace
}  // namespace kollega::crypto::testing
