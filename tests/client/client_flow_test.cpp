// Integration: real relay, real clients. Accounts, a linked device, both
// directions, receipts, safety numbers.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <cctype>

#include "client_test_util.h"

namespace kollega::testing {
namespace {

using client::MessageStatus;

class ClientFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    relay_ = MakeRelay();
    ASSERT_TRUE(relay_->Start());
  }

  TempDir tmp_;
  std::unique_ptr<RelayProcess> relay_;
};

TEST_F(ClientFlowTest, TwoAccountsOneWithALinkedDeviceTalkBothWays) {
  auto alice1 = OpenClient(tmp_.Sub("alice1"));
  auto alice2 = OpenClient(tmp_.Sub("alice2"));
  auto bob = OpenClient(tmp_.Sub("bob"));
  KOLLEGA_ASSERT_OK(alice1->CreateAccount(relay_->url()).Get());
  KOLLEGA_ASSERT_OK(bob->CreateAccount(relay_->url()).Get());
  KOLLEGA_ASSERT_OK(ConnectDrained(*alice1, true));
  KOLLEGA_ASSERT_OK(ConnectDrained(*bob, true));
  const std::string alice = AccountOf(*alice1);
  const std::string bob_id = AccountOf(*bob);

  KOLLEGA_LINK(*alice1, *alice2, relay_->url());
  KOLLEGA_ASSERT_OK(ConnectDrained(*alice2, true));
  auto who = alice2->WhoAmI().Get();
  ASSERT_TRUE(who.ok());
  EXPECT_EQ(who->account_id, alice);
  EXPECT_EQ(who->device_id, 2u);

  // Bob → Alice reaches both of her devices.
  ASSERT_TRUE(bob->Send(alice, "hello alice").Get().ok());
  EXPECT_TRUE(Has(*alice1, bob_id, "hello alice", false));
  EXPECT_TRUE(Has(*alice2, bob_id, "hello alice", false));

  // Alice's first device → Bob; her second device shows it as sent by her.
  auto sent = alice1->Send(bob_id, "hi bob").Get();
  ASSERT_TRUE(sent.ok());
  EXPECT_TRUE(Has(*bob, alice, "hi bob", false));
  EXPECT_TRUE(Has(*alice2, bob_id, "hi bob", true));

  // And from her second device the other way round.
  ASSERT_TRUE(alice2->Send(bob_id, "from the laptop").Get().ok());
  EXPECT_TRUE(Has(*bob, alice, "from the laptop", false));
  EXPECT_TRUE(Has(*alice1, bob_id, "from the laptop", true));

  // Receipts move the sender's status forward: delivered, then read.
  EXPECT_TRUE(WaitFor([&] {
    auto s = StatusOf(*alice1, bob_id, *sent);
    return s && *s == MessageStatus::kDelivered;
  }));
  ASSERT_TRUE(bob->MarkRead(alice).Get().ok());
  EXPECT_TRUE(WaitFor([&] {
    auto s = StatusOf(*alice1, bob_id, *sent);
    return s && *s == MessageStatus::kRead;
  }));

  // Each message shows exactly once everywhere.
  EXPECT_EQ(CountText(*alice2, bob_id, "hello alice", false), 1);
  EXPECT_EQ(CountText(*bob, alice, "hi bob", false), 1);

  auto a_number = alice1->SafetyNumber(bob_id).Get();
  auto b_number = bob->SafetyNumber(alice).Get();
  auto a2_number = alice2->SafetyNumber(bob_id).Get();
  ASSERT_TRUE(a_number.ok()) << a_number.status().ToString();
  ASSERT_TRUE(b_number.ok()) << b_number.status().ToString();
  ASSERT_TRUE(a2_number.ok());
  EXPECT_EQ(a_number->size(), 60u);
  EXPECT_EQ(*a_number, *b_number);
  EXPECT_EQ(*a_number, *a2_number);  // the account's identity, shared by its devices
  // An id typed in capitals names the same account and gives the same number.
  std::string upper = bob_id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto upper_number = alice1->SafetyNumber(upper).Get();
  ASSERT_TRUE(upper_number.ok()) << upper_number.status().ToString();
  EXPECT_EQ(*upper_number, *b_number);
}

TEST_F(ClientFlowTest, LinkingCodeWorksOnce) {
  auto first = OpenClient(tmp_.Sub("first"));
  auto second = OpenClient(tmp_.Sub("second"));
  KOLLEGA_ASSERT_OK(first->CreateAccount(relay_->url()).Get());
  auto code = first->StartLinking().Get();
  ASSERT_TRUE(code.ok());
  KOLLEGA_ASSERT_OK(second->LinkDevice(relay_->url(), *code).Get());
  auto third = OpenClient(tmp_.Sub("third"));
  EXPECT_FALSE(third->LinkDevice(relay_->url(), *code).Get().ok());
  EXPECT_FALSE(third->WhoAmI().Get().ok());
  EXPECT_EQ(second->LinkDevice(relay_->url(), *code).Get().code(), StatusCode::kAlreadyExists);
}

// The relay adds a device when its link token is redeemed, so a mistyped code
// must be caught before that, or it would spend the token on a device that
// cannot open the provisioning data.
TEST_F(ClientFlowTest, AMistypedLinkingCodeSpendsNothing) {
  auto first = OpenClient(tmp_.Sub("first"));
  auto second = OpenClient(tmp_.Sub("second"));
  KOLLEGA_ASSERT_OK(first->CreateAccount(relay_->url()).Get());
  auto code = first->StartLinking().Get();
  ASSERT_TRUE(code.ok());
  std::string mistyped = *code;
  char& c = mistyped[mistyped.size() - 12];  // inside the key K
  c = c == 'A' ? 'B' : 'A';
  Status refused = second->LinkDevice(relay_->url(), mistyped).Get();
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument) << refused.ToString();
  EXPECT_FALSE(second->WhoAmI().Get().ok());
  KOLLEGA_ASSERT_OK(second->LinkDevice(relay_->url(), *code).Get());
  EXPECT_TRUE(second->WhoAmI().Get().ok());
}

TEST_F(ClientFlowTest, OfflineRecipientAndRestartedClientsLoseNothing) {
  std::string alice, bob_id;
  {
    auto a = OpenClient(tmp_.Sub("alice"));
    auto b = OpenClient(tmp_.Sub("bob"));
    KOLLEGA_ASSERT_OK(a->CreateAccount(relay_->url()).Get());
    KOLLEGA_ASSERT_OK(b->CreateAccount(relay_->url()).Get());
    alice = AccountOf(*a);
    bob_id = AccountOf(*b);
    // Bob is gone (client closed); Alice writes three messages.
    b.reset();
    for (int i = 0; i < 3; ++i)
      ASSERT_TRUE(a->Send(bob_id, "offline " + std::to_string(i)).Get().ok());
    a->Disconnect().Get().IgnoreError();
    // Written while Alice herself is offline: only queued.
    auto queued = a->Send(bob_id, "queued while offline").Get();
    ASSERT_TRUE(queued.ok());
    EXPECT_EQ(StatusOf(*a, bob_id, *queued), MessageStatus::kQueued);
  }
  // Both reopen their data dirs (a restart of each client).
  auto b = OpenClient(tmp_.Sub("bob"));
  KOLLEGA_ASSERT_OK(ConnectDrained(*b));
  auto history = b->History(alice, 100).Get();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ((*history)[i].text, "offline " + std::to_string(i));
  KOLLEGA_ASSERT_OK(ConnectDrained(*b, true));

  auto a = OpenClient(tmp_.Sub("alice"));
  KOLLEGA_ASSERT_OK(ConnectDrained(*a));  // flushes the outbound queue
  EXPECT_TRUE(Has(*b, alice, "queued while offline", false));
  ASSERT_TRUE(b->Send(alice, "back online").Get().ok());
  KOLLEGA_ASSERT_OK(ConnectDrained(*a, true));
  EXPECT_TRUE(Has(*a, bob_id, "back online", false));
}

TEST_F(ClientFlowTest, ClientsReconnectAfterRelayRestartAndCrash) {
  auto a = OpenClient(tmp_.Sub("alice"));
  auto b = OpenClient(tmp_.Sub("bob"));
  KOLLEGA_ASSERT_OK(a->CreateAccount(relay_->url()).Get());
  KOLLEGA_ASSERT_OK(b->CreateAccount(relay_->url()).Get());
  const std::string alice = AccountOf(*a);
  const std::string bob_id = AccountOf(*b);
  KOLLEGA_ASSERT_OK(ConnectDrained(*a, true));
  KOLLEGA_ASSERT_OK(ConnectDrained(*b, true));
  ASSERT_TRUE(a->Send(bob_id, "before restart").Get().ok());
  ASSERT_TRUE(Has(*b, alice, "before restart", false));

  for (bool crash : {false, true}) {
    if (crash) {
      relay_->Kill9();
    } else {
      relay_->Stop();
    }
    EXPECT_TRUE(WaitFor(
        [&] { return *a->GetConnectionState().Get() == client::ConnectionState::kOffline; }));
    const std::string text = crash ? "after crash" : "after restart";
    ASSERT_TRUE(a->Send(bob_id, text).Get().ok());  // queued while the relay is down
    ASSERT_TRUE(relay_->Start());
    EXPECT_TRUE(Has(*b, alice, text, false)) << text;
    ASSERT_TRUE(b->Send(alice, "ack " + text).Get().ok());
    EXPECT_TRUE(Has(*a, bob_id, "ack " + text, false)) << text;
  }
  EXPECT_EQ(CountText(*b, alice, "before restart", false), 1);
}

}  // namespace
}  // namespace kollega::testing
