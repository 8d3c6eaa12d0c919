// First come, first served claims (docs/organisations.md §8), helpers'
// availability served beside their certificates (§5), and the frame size a
// publisher may use before login (§5, "Frame size").
// SPDX-License-Identifier: GPL-3.0-or-later
#include <thread>

#include "relay_org_fixture.h"

namespace kollega::testing {
namespace {

wire::Request ClaimRequest(const std::string& claim_id) {
  wire::Request r;
  r.mutable_claim_case()->set_claim_id(claim_id);
  return r;
}

wire::Request AvailabilityRequest(const std::string& blob) {
  wire::Request r;
  r.mutable_publish_availability()->set_signed_availability(blob);
  return r;
}

class OrgClaimTest : public RelayCustomTest {};

TEST_F(OrgClaimTest, RacingHelpersExactlyOneWinsEachClaim) {
  StartRelay({"--any-organisation", "--claim-rate", "0", "--threads", "2"});
  std::unique_ptr<TestClient> a_c, b_c;
  auto a = NewAccount(port(), &a_c);
  auto b = NewAccount(port(), &b_c);
  ASSERT_TRUE(a && b);
  constexpr int kClaims = 40;
  std::vector<std::string> claim_ids;
  for (int i = 0; i < kClaims; ++i) claim_ids.push_back(std::string(15, 'c') + char('A' + i));
  // Both helpers pipeline every claim at once, from two threads: the
  // connections sit on different I/O threads and race for each id.
  auto claim_all = [&](TestClient& client, std::vector<bool>* won) {
    std::vector<uint64_t> ids;
    for (const std::string& c : claim_ids) ids.push_back(client.SendRequest(ClaimRequest(c)));
    for (uint64_t id : ids) {
      auto r = client.WaitResponse(id);
      ASSERT_TRUE(r && r->code() == wire::OK) << (r ? r->message() : "no answer");
      won->push_back(r->claim_result().won());
    }
  };
  std::vector<bool> a_won, b_won;
  std::thread ta([&] { claim_all(*a_c, &a_won); });
  std::thread tb([&] { claim_all(*b_c, &b_won); });
  ta.join();
  tb.join();
  ASSERT_EQ(a_won.size(), static_cast<size_t>(kClaims));
  ASSERT_EQ(b_won.size(), static_cast<size_t>(kClaims));
  for (int i = 0; i < kClaims; ++i) {
    EXPECT_NE(a_won[i], b_won[i]) << "claim " << i << " must have exactly one winner";
    // Asking again tells each the same.
    auto again = a_c->Call(ClaimRequest(claim_ids[i]));
    ASSERT_TRUE(again && again->code() == wire::OK);
    EXPECT_EQ(again->claim_result().won(), a_won[i]);
  }
  // Claims survive a crash: the loser still loses.
  relay_->Kill9();
  a_c.reset();
  b_c.reset();
  ASSERT_TRUE(relay_->Restart());
  auto loser_c = ConnectAs(port(), a_won[0] ? *b : *a);
  ASSERT_TRUE(loser_c);
  auto r = loser_c->Call(ClaimRequest(claim_ids[0]));
  ASSERT_TRUE(r && r->code() == wire::OK);
  EXPECT_FALSE(r->claim_result().won());
}

TEST_F(OrgClaimTest, ClaimsAreCappedPerAccountAndShaped) {
  StartRelay({"--any-organisation", "--claim-rate", "3"});
  std::unique_ptr<TestClient> c;
  ASSERT_TRUE(NewAccount(port(), &c));
  auto bad = c->Call(ClaimRequest("short"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->code(), wire::INVALID_ARGUMENT);
  for (int i = 0; i < 3; ++i) {
    auto r = c->Call(ClaimRequest(std::string(16, static_cast<char>('a' + i))));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code(), wire::OK);
  }
  auto over = c->Call(ClaimRequest(std::string(16, 'z')));
  ASSERT_TRUE(over);
  EXPECT_EQ(over->code(), wire::RATE_LIMITED);
  EXPECT_GT(over->retry_after_ms(), 0u);
  // Unauthenticated: refused.
  auto anon = TestClient::Connect(port());
  ASSERT_TRUE(anon);
  auto r = anon->Call(ClaimRequest(std::string(16, 'y')));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::NOT_AUTHENTICATED);
}

TEST_F(OrgClaimTest, AvailabilityIsServedWithItsHelpersCertificate) {
  StartRelay({"--any-organisation", "--availability-rate", "60"});
  crypto::DeviceKey org = NewKey();
  std::unique_ptr<TestClient> helper_c, seeker_c;
  auto helper = NewAccount(port(), &helper_c);
  ASSERT_TRUE(helper);
  ASSERT_TRUE(NewAccount(port(), &seeker_c));
  auto publisher = TestClient::Connect(port());
  ASSERT_TRUE(publisher);
  ASSERT_EQ(Publish(*publisher, org.public_key(),
                    MustSign(org, org::HELPER_CERTIFICATE, Certificate(org, 1, helper->account))),
            wire::OK);
  ASSERT_EQ(Publish(*publisher, org.public_key(),
                    MustSign(org, org::HELPER_CERTIFICATE, Certificate(org, 2, AccountFor(2)))),
            wire::OK);
  auto too_big = helper_c->Call(AvailabilityRequest(std::string(513, 'x')));
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->code(), wire::INVALID_ARGUMENT);
  const std::string signed_availability(200, 's');  // opaque to the relay
  auto put = helper_c->Call(AvailabilityRequest(signed_availability));
  ASSERT_TRUE(put);
  ASSERT_EQ(put->code(), wire::OK);

  auto pages = GetAllPages(*seeker_c, org.public_key());
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].availability_size(), 1);  // the other helper said nothing
  EXPECT_EQ(pages[0].availability(0).account_id(), helper->account);
  EXPECT_EQ(pages[0].availability(0).signed_availability(), signed_availability);

  auto removed = helper_c->Call(AvailabilityRequest(""));
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->code(), wire::OK);
  pages = GetAllPages(*seeker_c, org.public_key());
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].availability_size(), 0);
}

TEST_F(OrgClaimTest, AvailabilityIsRateLimited) {
  StartRelay({"--any-organisation", "--availability-rate", "1"});
  std::unique_ptr<TestClient> c;
  ASSERT_TRUE(NewAccount(port(), &c));
  auto first = c->Call(AvailabilityRequest("a"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->code(), wire::OK);
  auto second = c->Call(AvailabilityRequest("b"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->code(), wire::RATE_LIMITED);
}

TEST_F(OrgClaimTest, APublisherProvesItselfBeforeSendingBigObjects) {
  StartRelay({"--any-organisation"});
  crypto::DeviceKey org = NewKey();
  org::Policy big = SamplePolicy(org, 1);
  for (int i = 0; i < 6; ++i) {
    auto* card = big.add_resources();
    card->set_id("r" + std::to_string(i));
    (*card->mutable_descriptions())["en"] = std::string(3900, 'x');
  }
  const org::SignedObject big_policy = MustSign(org, org::POLICY, big);
  ASSERT_GT(big_policy.ByteSizeLong(), 16'000u);  // over the 8 KiB pre-login cap
  // Unproven, a 20 KiB frame closes the connection (1009), as any big
  // frame before login does.
  auto stranger = TestClient::Connect(port());
  ASSERT_TRUE(stranger);
  stranger->SendRequest(PublishRequest(org.public_key(), big_policy));
  ASSERT_TRUE(stranger->WaitClosed());
  EXPECT_EQ(stranger->close_info().code, 1009);
  // A forged small object proves nothing.
  auto forger = TestClient::Connect(port());
  ASSERT_TRUE(forger);
  crypto::DeviceKey mallory = NewKey();
  EXPECT_EQ(Publish(*forger, org.public_key(),
                    MustSign(mallory, org::HELPER_CERTIFICATE, Certificate(org, 1, AccountFor(1)))),
            wire::AUTH_FAILED);
  forger->SendRequest(PublishRequest(org.public_key(), big_policy));
  ASSERT_TRUE(forger->WaitClosed());
  // A valid object that anyone could have fetched and replays proves
  // nothing either: the publisher must sign this connection's nonce.
  const org::SignedObject certificate =
      MustSign(org, org::HELPER_CERTIFICATE, Certificate(org, 1, AccountFor(1)));
  auto replayer = TestClient::Connect(port());
  ASSERT_TRUE(replayer);
  ASSERT_EQ(Publish(*replayer, org.public_key(), certificate), wire::OK);
  replayer->SendRequest(PublishRequest(org.public_key(), big_policy));
  ASSERT_TRUE(replayer->WaitClosed());
  EXPECT_EQ(replayer->close_info().code, 1009);
  // A nonce signed by someone else's key is refused.
  auto pretender = TestClient::Connect(port());
  ASSERT_TRUE(pretender);
  auto pretender_nonce = FreshChallenge(*pretender);
  ASSERT_TRUE(pretender_nonce);
  wire::Request forged = PublishRequest(org.public_key(), certificate);
  forged.mutable_publish_org_object()->set_challenge_signature(
      mallory.Sign(org::PublishProofInput(pretender_nonce->nonce())).value());
  auto refused = pretender->Call(forged);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), wire::AUTH_FAILED);
  // The organisation signing this connection's nonce lifts the cap.
  auto publisher = TestClient::Connect(port());
  ASSERT_TRUE(publisher);
  auto challenge = FreshChallenge(*publisher);
  ASSERT_TRUE(challenge);
  wire::Request proven = PublishRequest(org.public_key(), certificate);
  proven.mutable_publish_org_object()->set_challenge_signature(
      org.Sign(org::PublishProofInput(challenge->nonce())).value());
  auto answer = publisher->Call(proven);
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->code(), wire::OK) << answer->message();
  EXPECT_EQ(Publish(*publisher, org.public_key(), big_policy), wire::OK);
  // The proof alone, without an object, does the same and stores nothing.
  auto prover = TestClient::Connect(port());
  ASSERT_TRUE(prover);
  auto nonce = FreshChallenge(*prover);
  ASSERT_TRUE(nonce);
  wire::Request proof_only;
  proof_only.mutable_publish_org_object()->set_org_key(org.public_key());
  proof_only.mutable_publish_org_object()->set_challenge_signature(
      org.Sign(org::PublishProofInput(nonce->nonce())).value());
  auto proved = prover->Call(proof_only);
  ASSERT_TRUE(proved);
  ASSERT_EQ(proved->code(), wire::OK) << proved->message();
  EXPECT_EQ(Publish(*prover, org.public_key(), big_policy), wire::OK);
  // And a nonce is good for one proof only.
  auto again = prover->Call(proof_only);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->code(), wire::AUTH_FAILED);
}

}  // namespace
}  // namespace kollega::testing
