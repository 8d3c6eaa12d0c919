// Identity changes are never trusted silently, and safety numbers agree.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <algorithm>

#include "kollega/crypto/safety_number.h"
#include "signal_test_party.h"

namespace kollega::crypto::testing {
namespace {

bool IsUntrusted(const Status& s) {
  return ClassifySessionError(s) == SessionError::kUntrustedIdentity &&
         s.code() == StatusCode::kFailedPrecondition;
}

class IdentityTest : public ::testing::Test {
 protected:
  void Converse() {
    ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
    ASSERT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "hi"))), "hi");
    ASSERT_EQ(Must(Receive(alice_, bob_, Send(bob_, alice_, "hey"))), "hey");
  }

  Party alice_{"alice"};
  Party bob_{"bob"};
};

TEST_F(IdentityTest, ChangedIdentityIsRefusedUntilAccepted) {
  Converse();
  const std::string old_key = bob_.identity().public_key;
  bob_.Install();  // Bob reinstalls: new identity key, no sessions
  const std::string new_key = bob_.identity().public_key;
  ASSERT_NE(old_key, new_key);

  // Bob starts over with Alice; his first message carries the new key.
  ASSERT_TRUE(bob_.sessions().ProcessBundle(alice_.address(), alice_.Bundle()).ok());
  auto from_new_bob = Send(bob_, alice_, "it's me, new phone");
  ASSERT_EQ(from_new_bob.type, MessageType::kPreKey);

  auto refused = Receive(alice_, bob_, from_new_bob);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(IsUntrusted(refused.status())) << refused.status().ToString();
  EXPECT_EQ(alice_.sessions().PendingIdentity(bob_.address()), new_key);
  EXPECT_EQ(Must(alice_.store().LoadIdentity(bob_.address())), old_key);

  // Until accepted, Alice can neither send to Bob nor start over from his bundle.
  auto send = alice_.sessions().Encrypt(bob_.address(), "are you bob?");
  ASSERT_FALSE(send.ok());
  EXPECT_TRUE(IsUntrusted(send.status()));
  EXPECT_TRUE(IsUntrusted(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle())));
  // Retrying does not wear the refusal down.
  EXPECT_TRUE(IsUntrusted(Receive(alice_, bob_, from_new_bob).status()));

  // The user compares safety numbers, then accepts.
  ASSERT_TRUE(alice_.sessions().AcceptIdentity(bob_.address(), new_key).ok());
  EXPECT_FALSE(alice_.sessions().PendingIdentity(bob_.address()).has_value());
  EXPECT_EQ(Must(Receive(alice_, bob_, from_new_bob)), "it's me, new phone");
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "welcome back"))), "welcome back");
  EXPECT_EQ(Must(Receive(alice_, bob_, Send(bob_, alice_, "thanks"))), "thanks");
}

TEST_F(IdentityTest, ChangedIdentityInFetchedBundleIsRefused) {
  Converse();
  bob_.Install();
  Status s = alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle());
  EXPECT_TRUE(IsUntrusted(s)) << s.ToString();
  EXPECT_EQ(alice_.sessions().PendingIdentity(bob_.address()), bob_.identity().public_key);
  ASSERT_TRUE(alice_.sessions().AcceptIdentity(bob_.address(), bob_.identity().public_key).ok());
  ASSERT_TRUE(alice_.sessions().ProcessBundle(bob_.address(), bob_.Bundle()).ok());
  EXPECT_EQ(Must(Receive(bob_, alice_, Send(alice_, bob_, "again"))), "again");
}

TEST_F(IdentityTest, AcceptIdentityRejectsMalformedKeys) {
  EXPECT_FALSE(alice_.sessions().AcceptIdentity(bob_.address(), "not a key").ok());
}

TEST_F(IdentityTest, SafetyNumbersMatchOnBothSides) {
  auto at_alice = Must(SafetyNumber(alice_.context(), alice_.name(), alice_.identity().public_key,
                                    bob_.name(), bob_.identity().public_key));
  auto at_bob = Must(SafetyNumber(bob_.context(), bob_.name(), bob_.identity().public_key,
                                  alice_.name(), alice_.identity().public_key));
  EXPECT_EQ(at_alice, at_bob);
  EXPECT_EQ(at_alice.size(), kSafetyNumberDigits);
  EXPECT_TRUE(
      std::all_of(at_alice.begin(), at_alice.end(), [](char c) { return c >= '0' && c <= '9'; }));

  bob_.Install();
  auto changed = Must(SafetyNumber(alice_.context(), alice_.name(), alice_.identity().public_key,
                                   bob_.name(), bob_.identity().public_key));
  EXPECT_NE(changed, at_alice);
}

TEST_F(IdentityTest, SafetyNumberRejectsBadInput) {
  EXPECT_FALSE(SafetyNumber(alice_.context(), "a", "short", "b", bob_.identity().public_key).ok());
  EXPECT_FALSE(SafetyNumber(alice_.context(), std::string("a\0b", 3), alice_.identity().public_key,
                            "b", bob_.identity().public_key)
                   .ok());
}

}  // namespace
}  // namespace kollega::crypto::testing
