// What survives: a clean restart, a kill -9 right after "accepted", and what
// does not: envelopes past their time-to-live.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

TEST_F(RelayTest, RestartKeepsUndeliveredEnvelopes) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  bob_c.reset();
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(Send(*alice_c, bob->account, {1}, "keep" + std::to_string(i))->code(), wire::OK);
  }
  alice_c.reset();
  ASSERT_EQ(relay_->Stop(), 0) << relay_->ReadLog();
  ASSERT_TRUE(relay_->Restart());

  bob_c = ConnectAs(port(), *bob);  // the account survived too
  ASSERT_TRUE(bob_c);
  auto got = ReceiveEnvelopes(*bob_c, 5);
  ASSERT_EQ(got.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(got[i].envelope.content(), "keep" + std::to_string(i));
}

TEST_F(RelayTest, KillNineRightAfterAcceptedLosesNothing) {
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  bob_c.reset();
  // Pipeline many sends; kill the relay the moment the last is accepted.
  constexpr int kCount = 50;
  std::vector<uint64_t> ids;
  for (int i = 0; i < kCount; ++i) {
    ids.push_back(alice_c->SendRequest(SendRequest(bob->account, {1}, "d" + std::to_string(i))));
  }
  std::vector<int> accepted;
  for (int i = 0; i < kCount; ++i) {
    auto r = alice_c->WaitResponse(ids[i]);
    ASSERT_TRUE(r);
    if (r->code() == wire::OK) accepted.push_back(i);
  }
  relay_->Kill9();
  ASSERT_EQ(accepted.size(), static_cast<size_t>(kCount));
  alice_c.reset();
  ASSERT_TRUE(relay_->Restart());

  bob_c = ConnectAs(port(), *bob);
  ASSERT_TRUE(bob_c);
  auto got = ReceiveEnvelopes(*bob_c, kCount);
  ASSERT_EQ(got.size(), static_cast<size_t>(kCount));
  for (int i = 0; i < kCount; ++i) EXPECT_EQ(got[i].envelope.content(), "d" + std::to_string(i));
}

class TtlTest : public RelayCustomTest {};

TEST_F(TtlTest, UndeliveredEnvelopesExpire) {
  StartRelay({"--ttl", "1"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  bob_c.reset();
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "short-lived")->code(), wire::OK);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));

  bob_c = ConnectAs(port(), *bob);
  ASSERT_TRUE(bob_c);
  EXPECT_TRUE(WaitQueueEmpty(*bob_c));
  EXPECT_TRUE(ReceiveEnvelopes(*bob_c, 1, milliseconds(200)).empty());

  // A fresh envelope is still delivered.
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "fresh")->code(), wire::OK);
  auto got = ReceiveEnvelopes(*bob_c, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].envelope.content(), "fresh");
}

}  // namespace
}  // namespace kollega::testing
