// Abuse limits after login (docs/abuse-limits.md) against the real relay:
// one sender's share of a mailbox (also across a restart), the per-sender
// rate towards one recipient, the one-time prekey drain limits per target
// device and per (requester, device), the link token cap and rate, the
// per-source sign-up allowance and the rising proof-of-work difficulty.
// Each runs with small limits so it is quick.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay_fixture.h"

namespace kollega::testing {
namespace {

using RelayAbuseLimitsTest = RelayCustomTest;

// Sends one envelope to device 1 of `recipient`; the answer's code.
wire::ErrorCode SendOne(TestClient& client, const std::string& recipient, int n) {
  auto r = Send(client, recipient, {1}, "flood " + std::to_string(n));
  if (!r) return wire::INTERNAL;
  return r->code();
}

// How many sends from `client` to `recipient` succeed before the first
// refusal (at most `limit`); *refusal gets that refusal's code.
int SendUntilRefused(TestClient& client, const std::string& recipient, int limit,
                     wire::ErrorCode* refusal) {
  *refusal = wire::OK;
  for (int i = 0; i < limit; ++i) {
    wire::ErrorCode code = SendOne(client, recipient, i);
    if (code != wire::OK) {
      *refusal = code;
      return i;
    }
  }
  return limit;
}

TEST_F(RelayAbuseLimitsTest, FloodHitsTheSendersShareAndAnHonestSenderGetsThrough) {
  StartRelay({"--mailbox-sender-share", "5", "--mailbox-max-envelopes", "8", "--sender-rate", "0"});
  std::unique_ptr<TestClient> helper_client, flooder, honest;
  auto helper = NewRecipient(port(), &helper_client);
  ASSERT_TRUE(helper);
  helper_client->Close();  // offline: everything waits in the mailbox
  ASSERT_TRUE(NewAccount(port(), &flooder));
  ASSERT_TRUE(NewAccount(port(), &honest));

  wire::ErrorCode refusal;
  EXPECT_EQ(SendUntilRefused(*flooder, helper->account, 20, &refusal), 5);
  EXPECT_EQ(refusal, wire::SENDER_QUOTA_EXCEEDED);
  // The mailbox still has room for everyone else.
  EXPECT_EQ(SendOne(*honest, helper->account, 100), wire::OK);
}

TEST_F(RelayAbuseLimitsTest, TheShareSurvivesARestartAndFreesOnAck) {
  StartRelay({"--mailbox-sender-share", "3", "--sender-rate", "0"});
  std::unique_ptr<TestClient> helper_client, flooder_client;
  auto helper = NewRecipient(port(), &helper_client);
  ASSERT_TRUE(helper);
  helper_client->Close();
  auto flooder = NewAccount(port(), &flooder_client);
  ASSERT_TRUE(flooder);
  wire::ErrorCode refusal;
  EXPECT_EQ(SendUntilRefused(*flooder_client, helper->account, 10, &refusal), 3);
  EXPECT_EQ(refusal, wire::SENDER_QUOTA_EXCEEDED);
  flooder_client->Close();

  ASSERT_EQ(relay_->Stop(), 0);
  ASSERT_TRUE(relay_->Restart());
  flooder_client = ConnectAs(port(), *flooder);
  ASSERT_TRUE(flooder_client);
  EXPECT_EQ(SendOne(*flooder_client, helper->account, 50), wire::SENDER_QUOTA_EXCEEDED);

  // The helper reads and acknowledges: the flooder's share is free again.
  helper_client = ConnectAs(port(), *helper);
  ASSERT_TRUE(helper_client);
  std::vector<Received> got = ReceiveEnvelopes(*helper_client, 3);
  ASSERT_EQ(got.size(), 3u);
  std::vector<uint64_t> seqs;
  for (const Received& r : got) seqs.push_back(r.seq);
  auto acked = Ack(*helper_client, seqs);
  ASSERT_TRUE(acked);
  EXPECT_EQ(acked->code(), wire::OK);
  EXPECT_EQ(SendOne(*flooder_client, helper->account, 51), wire::OK);
}

TEST_F(RelayAbuseLimitsTest, SenderRateLimitsOneSenderTowardsOneRecipient) {
  StartRelay({"--sender-rate", "3"});
  std::unique_ptr<TestClient> a_client, b_client, fast, other;
  auto a = NewRecipient(port(), &a_client);
  auto b = NewRecipient(port(), &b_client);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(NewAccount(port(), &fast));
  ASSERT_TRUE(NewAccount(port(), &other));

  for (int i = 0; i < 3; ++i) EXPECT_EQ(SendOne(*fast, a->account, i), wire::OK) << i;
  auto refused = Send(*fast, a->account, {1}, "one too many");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), wire::RATE_LIMITED);
  // One token per 20 s at 3 per minute.
  EXPECT_GT(refused->retry_after_ms(), 0u);
  EXPECT_LE(refused->retry_after_ms(), 20'000u);
  // Only that pair is limited.
  EXPECT_EQ(SendOne(*fast, b->account, 10), wire::OK);
  EXPECT_EQ(SendOne(*other, a->account, 11), wire::OK);
}

wire::Request Fetch(const std::string& account, uint32_t device = 0) {
  wire::Request r;
  r.mutable_fetch_bundle()->set_account_id(account);
  r.mutable_fetch_bundle()->set_device_id(device);
  return r;
}

// Fetches `times` bundles of `target`; how many carried a one-time prekey.
int OneTimeKeysTaken(TestClient& client, const std::string& target, int times,
                     uint32_t device = 0) {
  int taken = 0;
  for (int i = 0; i < times; ++i) {
    auto r = client.Call(Fetch(target, device));
    if (!r || r->code() != wire::OK) {
      ADD_FAILURE() << "fetch failed: " << (r ? r->message() : "no answer");
      continue;
    }
    EXPECT_GE(r->bundle().devices_size(), 1);  // a bundle, with or without a one-time key
    for (const wire::DeviceBundle& d : r->bundle().devices()) {
      EXPECT_TRUE(d.has_signed_prekey());
      if (d.has_one_time_prekey()) ++taken;
    }
  }
  return taken;
}

TEST_F(RelayAbuseLimitsTest, ADrainStopsPerTargetDevice) {
  StartRelay({"--bundle-target-rate", "4", "--bundle-pair-rate", "3", "--bundle-rate", "1000"});
  std::unique_ptr<TestClient> helper_client, a, b;
  auto helper = NewAccount(port(), &helper_client);
  ASSERT_TRUE(helper);
  ASSERT_EQ(UploadPrekeys(*helper_client, 20)->code(), wire::OK);
  ASSERT_TRUE(NewAccount(port(), &a));
  ASSERT_TRUE(NewAccount(port(), &b));

  // Per (requester, device): three; `device 0` counts for the device.
  EXPECT_EQ(OneTimeKeysTaken(*a, helper->account, 5), 3);
  // Per device, whoever asks: four in all, so the second account gets one.
  EXPECT_EQ(OneTimeKeysTaken(*b, helper->account, 5, 1), 1);

  wire::Request count;
  count.mutable_get_prekey_count();
  auto left = helper_client->Call(count);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->prekey_count().one_time(), 16u);
  // The helper's own devices are not limited.
  EXPECT_EQ(OneTimeKeysTaken(*helper_client, helper->account, 2), 2);
}

TEST_F(RelayAbuseLimitsTest, OneLinkTokenPerAccountAndARate) {
  StartRelay({"--link-token-rate", "3"});
  std::unique_ptr<TestClient> owner_client;
  auto owner = NewAccount(port(), &owner_client);
  ASSERT_TRUE(owner);
  wire::Request create;
  create.mutable_create_link_token();
  auto first = owner_client->Call(create);
  auto second = owner_client->Call(create);
  ASSERT_TRUE(first && second);
  ASSERT_EQ(first->code(), wire::OK);
  ASSERT_EQ(second->code(), wire::OK);

  // Redeeming: the first was replaced by the second.
  auto redeem = [&](const std::string& token) {
    auto client = TestClient::Connect(port());
    EXPECT_TRUE(client);
    if (!client) return wire::INTERNAL;
    auto challenge = FreshChallenge(*client);
    EXPECT_TRUE(challenge);
    if (!challenge) return wire::INTERNAL;
    auto key = crypto::DeviceKey::Generate().value();
    wire::Request r;
    r.mutable_register_device()->set_account_id(owner->account);
    r.mutable_register_device()->set_link_token(token);
    *r.mutable_register_device()->mutable_device() = MakeNewDevice(key, challenge->nonce(), 7);
    auto answer = client->Call(r);
    return answer ? answer->code() : wire::INTERNAL;
  };
  EXPECT_EQ(redeem(first->link_token().token()), wire::AUTH_FAILED);
  EXPECT_EQ(redeem(second->link_token().token()), wire::OK);

  auto third = owner_client->Call(create);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->code(), wire::OK);
  auto fourth = owner_client->Call(create);
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->code(), wire::RATE_LIMITED);
  EXPECT_GT(fourth->retry_after_ms(), 0u);
}

// One CreateAccount on a fresh connection from `source`, solving whatever
// the challenge asks; the answer, and the difficulty in *pow_bits.
std::optional<wire::Response> SignUpFrom(const std::string& source, uint16_t port,
                                         uint32_t* pow_bits = nullptr) {
  auto client = TestClient::ConnectFrom(source, port);
  if (!client) {
    ADD_FAILURE() << "cannot connect from " << source;
    return std::nullopt;
  }
  auto challenge = FreshChallenge(*client);
  if (!challenge) return std::nullopt;
  if (pow_bits != nullptr) *pow_bits = challenge->pow_bits();
  auto key = crypto::DeviceKey::Generate().value();
  wire::Request r;
  r.mutable_create_account()->set_pow_solution(
      crypto::SolveProofOfWork(challenge->nonce(), challenge->pow_bits()));
  *r.mutable_create_account()->mutable_device() = MakeNewDevice(key, challenge->nonce(), 1);
  return client->Call(r);
}

TEST_F(RelayAbuseLimitsTest, ASignUpStormFromOneSourceLeavesRoomForAnother) {
  StartRelay({"--signup-source-rate", "3", "--account-rate", "5"});
  int made = 0;
  std::optional<wire::Response> refused;
  for (int i = 0; i < 6 && !refused; ++i) {
    auto r = SignUpFrom("127.0.0.1", port());
    ASSERT_TRUE(r);
    if (r->code() == wire::OK) {
      ++made;
    } else {
      refused = r;
    }
  }
  EXPECT_EQ(made, 3);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), wire::RATE_LIMITED);
  EXPECT_GT(refused->retry_after_ms(), 0u);
  // The relay-wide allowance (5 a minute) still has room for another source.
  auto other = SignUpFrom("127.0.0.2", port());
  ASSERT_TRUE(other);
  EXPECT_EQ(other->code(), wire::OK) << other->message();
}

TEST_F(RelayAbuseLimitsTest, ProofOfWorkDifficultyRisesUnderASignUpStorm) {
  StartRelay({"--pow-bits", "4", "--signup-base-rate", "2", "--pow-bits-max-extra", "3"});
  uint32_t bits = 0;
  std::vector<uint32_t> seen;
  for (int i = 0; i < 10; ++i) {
    auto r = SignUpFrom("127.0.0.1", port(), &bits);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->code(), wire::OK) << r->message();
    seen.push_back(bits);
  }
  // Rate over the base 2/min: 3 → +1, 5 → +2, 9 → +3 (the cap).
  EXPECT_EQ(seen.front(), 4u);
  EXPECT_EQ(seen[3], 5u);
  EXPECT_EQ(seen[5], 6u);
  EXPECT_EQ(seen[9], 7u);
  // A solution must meet what its challenge announced: an easier one is refused.
  auto client = TestClient::Connect(port());
  ASSERT_TRUE(client);
  auto challenge = FreshChallenge(*client);
  ASSERT_TRUE(challenge);
  ASSERT_EQ(challenge->pow_bits(), 7u);
  auto key = crypto::DeviceKey::Generate().value();
  std::string weak;
  for (uint32_t n = 0;; ++n) {
    weak = std::to_string(n);
    if (crypto::CheckProofOfWork(challenge->nonce(), weak, 4) &&
        !crypto::CheckProofOfWork(challenge->nonce(), weak, 7)) {
      break;
    }
  }
  wire::Request r;
  r.mutable_create_account()->set_pow_solution(weak);
  *r.mutable_create_account()->mutable_device() = MakeNewDevice(key, challenge->nonce(), 1);
  auto answer = client->Call(r);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->code(), wire::BAD_PROOF_OF_WORK);
}

}  // namespace
}  // namespace kollega::testing
