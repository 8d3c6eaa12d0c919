// Accounts and authentication: proof of work, signatures, nonce reuse,
// unauthenticated requests, one live connection per device, mailbox
// isolation between devices.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay_fixture.h"

namespace kollega::testing {
namespace {

// A login signed for `c`'s own origin over cleartext (relay_helpers.h).
wire::Request AuthRequest(const TestDevice& d, const std::string& nonce, const TestClient& c) {
  return AuthenticateRequest(d, nonce, c.origin());
}

TEST_F(RelayTest, PushesAChallengeOnConnect) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  auto push = c->WaitPush(IsChallenge);
  ASSERT_TRUE(push);
  EXPECT_EQ(push->challenge().nonce().size(), 32u);
  EXPECT_EQ(push->challenge().pow_bits(), 4u);
}

TEST_F(RelayTest, CreateAccountNeedsProofOfWorkAndKeyProof) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  auto key = crypto::DeviceKey::Generate().value();

  // Garbage proof of work (a hash with 4 leading zero bits is 1 in 16, so
  // search for a solution that certainly fails).
  auto ch = FreshChallenge(*c);
  ASSERT_TRUE(ch);
  std::string bad;
  for (int i = 0;; ++i) {
    bad = "bad" + std::to_string(i);
    if (!crypto::CheckProofOfWork(ch->nonce(), bad, ch->pow_bits())) break;
  }
  wire::Request r;
  r.mutable_create_account()->set_pow_solution(bad);
  *r.mutable_create_account()->mutable_device() = MakeNewDevice(key, ch->nonce(), 7);
  EXPECT_EQ(c->Call(r)->code(), wire::BAD_PROOF_OF_WORK);

  // Good work, but the key proof is over another nonce.
  ch = FreshChallenge(*c);
  r.mutable_create_account()->set_pow_solution(
      crypto::SolveProofOfWork(ch->nonce(), ch->pow_bits()));
  *r.mutable_create_account()->mutable_device() = MakeNewDevice(key, "other nonce", 7);
  EXPECT_EQ(c->Call(r)->code(), wire::AUTH_FAILED);

  // The same request again: the nonce is spent.
  *r.mutable_create_account()->mutable_device() = MakeNewDevice(key, ch->nonce(), 7);
  EXPECT_EQ(c->Call(r)->code(), wire::AUTH_FAILED);

  auto created = CreateAccount(*c);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->account.size(), 16u);
  EXPECT_EQ(created->device_id, 1u);
}

TEST_F(RelayTest, BadSignatureIsRefused) {
  auto c = TestClient::Connect(port());
  auto dev = CreateAccount(*c);
  ASSERT_TRUE(dev);
  auto ch = FreshChallenge(*c);
  wire::Request r = AuthRequest(*dev, ch->nonce(), *c);
  std::string sig = r.authenticate().signature();
  sig[10] ^= 1;
  r.mutable_authenticate()->set_signature(sig);
  EXPECT_EQ(c->Call(r)->code(), wire::AUTH_FAILED);

  // A valid signature by another key.
  TestDevice impostor = *dev;
  impostor.key = std::make_shared<crypto::DeviceKey>(crypto::DeviceKey::Generate().value());
  ch = FreshChallenge(*c);
  EXPECT_EQ(c->Call(AuthRequest(impostor, ch->nonce(), *c))->code(), wire::AUTH_FAILED);

  // Unknown device of a real account.
  TestDevice ghost = *dev;
  ghost.device_id = 9;
  ch = FreshChallenge(*c);
  EXPECT_EQ(c->Call(AuthRequest(ghost, ch->nonce(), *c))->code(), wire::AUTH_FAILED);
}

TEST_F(RelayTest, ReplayedNonceIsRefused) {
  auto c = TestClient::Connect(port());
  auto dev = CreateAccount(*c);
  ASSERT_TRUE(dev);
  auto ch = FreshChallenge(*c);
  wire::Request r = AuthRequest(*dev, ch->nonce(), *c);
  EXPECT_EQ(c->Call(r)->code(), wire::OK);

  // The same signed answer on a new connection (a new nonce) fails, and so
  // does reusing it on the first connection's spent nonce.
  auto other = TestClient::Connect(port());
  ASSERT_TRUE(other);
  EXPECT_EQ(other->Call(r)->code(), wire::AUTH_FAILED);
  auto third = TestClient::Connect(port());
  ASSERT_TRUE(FreshChallenge(*third));
  EXPECT_EQ(third->Call(r)->code(), wire::AUTH_FAILED);
}

TEST_F(RelayTest, RequestsBeforeAuthenticationAreRefused) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  EXPECT_EQ(Send(*c, std::string(16, 'a'), {1}, "x")->code(), wire::NOT_AUTHENTICATED);
  EXPECT_EQ(Ack(*c, {1})->code(), wire::NOT_AUTHENTICATED);
  EXPECT_EQ(UploadPrekeys(*c, 1)->code(), wire::NOT_AUTHENTICATED);
  wire::Request fetch;
  fetch.mutable_fetch_bundle()->set_account_id(std::string(16, 'a'));
  EXPECT_EQ(c->Call(fetch)->code(), wire::NOT_AUTHENTICATED);
  wire::Request link;
  link.mutable_create_link_token();
  EXPECT_EQ(c->Call(link)->code(), wire::NOT_AUTHENTICATED);
  EXPECT_EQ(c->Call(PingRequest())->code(), wire::OK);  // allowed
}

TEST_F(RelayTest, SecondAuthenticateIsRefused) {
  std::unique_ptr<TestClient> c;
  auto dev = NewRecipient(port(), &c);
  ASSERT_TRUE(dev);
  auto again = Authenticate(*c, *dev);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->code(), wire::ALREADY_AUTHENTICATED);
}

TEST_F(RelayTest, NewConnectionOfTheSameDeviceReplacesTheOld) {
  std::unique_ptr<TestClient> first;
  auto dev = NewRecipient(port(), &first);
  ASSERT_TRUE(dev);
  auto second = ConnectAs(port(), *dev);
  ASSERT_TRUE(second);

  auto closing = first->WaitPush(IsClosing);
  ASSERT_TRUE(closing);
  EXPECT_EQ(closing->closing().reason(), "replaced by a new connection");
  ASSERT_TRUE(first->WaitClosed());
  EXPECT_EQ(first->close_info().code, 4001);
  EXPECT_EQ(first->close_info().reason, "replaced by a new connection");

  // The new connection is the live one: it gets deliveries.
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewRecipient(port(), &alice_c);
  ASSERT_EQ(Send(*alice_c, dev->account, {1}, "to-new")->code(), wire::OK);
  EXPECT_EQ(ReceiveEnvelopes(*second, 1).size(), 1u);
}

TEST_F(RelayTest, NoDeviceCanReadOrAckAnothersMailbox) {
  std::unique_ptr<TestClient> alice_c, bob_c, eve_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  auto eve = NewRecipient(port(), &eve_c);
  ASSERT_TRUE(alice && bob && eve);
  ASSERT_TRUE(WaitQueueEmpty(*eve_c));
  ASSERT_EQ(Send(*alice_c, bob->account, {1}, "for bob only")->code(), wire::OK);
  auto got = ReceiveEnvelopes(*bob_c, 1);
  ASSERT_EQ(got.size(), 1u);

  // Eve sees nothing of it and cannot acknowledge (delete) it.
  EXPECT_TRUE(ReceiveEnvelopes(*eve_c, 1, milliseconds(300)).empty());
  auto ack = Ack(*eve_c, {got[0].seq});
  ASSERT_TRUE(ack);
  EXPECT_EQ(ack->code(), wire::UNKNOWN_ENVELOPE);
  EXPECT_EQ(ack->ack_result().removed(), 0u);
  ASSERT_EQ(ack->ack_result().unknown_seqs_size(), 1);
  EXPECT_EQ(ack->ack_result().unknown_seqs(0), got[0].seq);

  // Bob's envelope is still there; a mixed ack removes the known one.
  bob_c = ConnectAs(port(), *bob);
  auto again = ReceiveEnvelopes(*bob_c, 1);
  ASSERT_EQ(again.size(), 1u);
  auto mixed = Ack(*bob_c, {again[0].seq, 999999});
  EXPECT_EQ(mixed->code(), wire::UNKNOWN_ENVELOPE);
  EXPECT_EQ(mixed->ack_result().removed(), 1u);
}

TEST_F(RelayTest, LinkTokenWorksOnce) {
  std::unique_ptr<TestClient> c;
  auto dev = NewRecipient(port(), &c);
  ASSERT_TRUE(dev);
  wire::Request token_request;
  token_request.mutable_create_link_token()->set_sealed_provisioning("sealed blob");
  auto token = c->Call(token_request);
  ASSERT_EQ(token->code(), wire::OK);
  EXPECT_EQ(token->link_token().token().size(), 32u);

  auto key = crypto::DeviceKey::Generate().value();
  auto n = TestClient::Connect(port());
  auto register_with = [&](const std::string& t) {
    auto ch = FreshChallenge(*n);
    wire::Request r;
    r.mutable_register_device()->set_account_id(dev->account);
    r.mutable_register_device()->set_link_token(t);
    *r.mutable_register_device()->mutable_device() = MakeNewDevice(key, ch->nonce(), 9);
    return n->Call(r).value();
  };
  EXPECT_EQ(register_with(std::string(32, 'x')).code(), wire::AUTH_FAILED);
  auto registered = register_with(token->link_token().token());
  EXPECT_EQ(registered.code(), wire::OK);
  EXPECT_EQ(registered.device_registered().device_id(), 2u);
  EXPECT_EQ(registered.device_registered().sealed_provisioning(), "sealed blob");
  EXPECT_EQ(register_with(token->link_token().token()).code(), wire::AUTH_FAILED);

  wire::Request too_big;
  too_big.mutable_create_link_token()->set_sealed_provisioning(std::string(4097, 'b'));
  EXPECT_EQ(c->Call(too_big)->code(), wire::TOO_LARGE);
}

}  // namespace
}  // namespace kollega::testing
