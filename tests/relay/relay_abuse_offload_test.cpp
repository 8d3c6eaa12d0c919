// Account, prekey and device writes off the io threads, and the byte budget
// per account (docs/abuse-limits.md, "Writes off the I/O threads" and "Byte
// budget per account"), against the real relay.
//
// The writes: --test-slow-account-writes-ms makes every write that answers
// a request sleep on the account worker first, so a write stays in flight
// long enough to watch. With one io thread, a message must get through
// while such a write is in flight (run on the io thread, the write would
// hold the message back for the whole sleep); pipelined requests of one
// connection must still see each other's writes, in order; and a shutdown
// must answer a write in flight before it closes the connection.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <chrono>
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

using Clock = std::chrono::steady_clock;
using RelayAbuseOffloadTest = RelayCustomTest;

// How long each account write sleeps in the tests that watch one in
// flight: well above what an honest round trip needs, even under ASan.
constexpr int kSlowWriteMs = 700;
constexpr milliseconds kHonestRoundTrip{400};

// A CreateAccount on `client` that solves its current challenge; not sent.
wire::Request CreateAccountRequest(TestClient& client) {
  wire::Request r;
  auto challenge = FreshChallenge(client);
  if (!challenge) return r;
  auto key = crypto::DeviceKey::Generate().value();
  r.mutable_create_account()->set_pow_solution(
      crypto::SolveProofOfWork(challenge->nonce(), challenge->pow_bits()));
  *r.mutable_create_account()->mutable_device() = MakeNewDevice(key, challenge->nonce(), 99);
  return r;
}

// The next response on `client`, skipping pushes.
std::optional<wire::Response> NextResponse(TestClient& client) {
  for (;;) {
    auto frame = client.NextFrame();
    if (!frame) return std::nullopt;
    if (frame->has_response()) return frame->response();
  }
}

TEST_F(RelayAbuseOffloadTest, AMessageGetsThroughWhileAnAccountWriteIsInFlight) {
  StartRelay({"--threads", "1", "--test-slow-account-writes-ms", std::to_string(kSlowWriteMs)});
  std::unique_ptr<TestClient> recipient_c, sender_c;
  auto recipient = NewRecipient(port(), &recipient_c);
  auto sender = NewAccount(port(), &sender_c);
  ASSERT_TRUE(recipient && sender);

  // A sign-up: a synced write of the kind a flood would repeat.
  auto writer = TestClient::Connect(port());
  ASSERT_TRUE(writer);
  const uint64_t create_id = writer->SendRequest(CreateAccountRequest(*writer));
  std::this_thread::sleep_for(milliseconds(100));  // the write has started

  const Clock::time_point start = Clock::now();
  auto accepted = Send(*sender_c, recipient->account, {1}, "gets through");
  std::vector<Received> got = ReceiveEnvelopes(*recipient_c, 1, milliseconds(3000));
  const auto took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->code(), wire::OK);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_LT(took, kHonestRoundTrip) << "the message waited for an account write";
  // The write was still in flight when the message arrived...
  EXPECT_FALSE(writer->WaitResponse(create_id, milliseconds(1)));
  // ...and then completes.
  auto created = writer->WaitResponse(create_id);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->code(), wire::OK);
  EXPECT_TRUE(created->has_account_created());
}

TEST_F(RelayAbuseOffloadTest, PipelinedRequestsSeeEarlierWritesInOrder) {
  StartRelay({"--test-slow-account-writes-ms", "300"});
  std::unique_ptr<TestClient> client;
  ASSERT_TRUE(NewAccount(port(), &client));
  client->DiscardPending();

  // Sent back to back: the count must not overtake the upload.
  wire::Request count;
  count.mutable_get_prekey_count();
  const uint64_t upload_id = client->SendRequest(UploadPrekeysRequest(5, 1));
  const uint64_t count_id = client->SendRequest(count);
  auto first = NextResponse(*client);
  auto second = NextResponse(*client);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->id(), upload_id);
  EXPECT_EQ(first->code(), wire::OK);
  EXPECT_EQ(second->id(), count_id);
  EXPECT_EQ(second->prekey_count().one_time(), 5u);
  EXPECT_TRUE(second->prekey_count().has_signed_prekey());
}

TEST_F(RelayAbuseOffloadTest, ShutdownAnswersAnAccountWriteInFlight) {
  StartRelay({"--test-slow-account-writes-ms", "500"});
  auto client = TestClient::Connect(port());
  ASSERT_TRUE(client);
  const uint64_t create_id = client->SendRequest(CreateAccountRequest(*client));
  std::this_thread::sleep_for(milliseconds(100));  // the write has started
  EXPECT_EQ(relay_->Stop(), 0) << relay_->ReadLog();

  // The account was created: the client hears so before the relay closes.
  auto created = client->WaitResponse(create_id, milliseconds(2000));
  ASSERT_TRUE(created);
  EXPECT_EQ(created->code(), wire::OK);
  EXPECT_TRUE(created->has_account_created());
}

TEST_F(RelayAbuseOffloadTest, AnAccountOverItsByteBudgetIsRefusedAndNoOtherIs) {
  // Counted (server/src/account_budget.h): an account with one device is
  // 4,320 bytes; each upload of 100 one-time prekeys and a signed prekey
  // counts as 5,968 more. Two fit in 20,000; a third does not.
  StartRelay({"--account-byte-budget", "20000", "--max-prekeys-per-upload", "100"});
  std::unique_ptr<TestClient> hoarder, other;
  ASSERT_TRUE(NewAccount(port(), &hoarder));
  ASSERT_TRUE(NewAccount(port(), &other));

  EXPECT_EQ(UploadPrekeys(*hoarder, 100, 1)->code(), wire::OK);
  EXPECT_EQ(UploadPrekeys(*hoarder, 100, 101)->code(), wire::OK);
  auto refused = UploadPrekeys(*hoarder, 100, 201);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code(), wire::ACCOUNT_QUOTA_EXCEEDED);

  // Nothing of the refused upload was stored.
  wire::Request count;
  count.mutable_get_prekey_count();
  auto left = hoarder->Call(count);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->prekey_count().one_time(), 200u);
  // Another account is not affected.
  EXPECT_EQ(UploadPrekeys(*other, 100, 1)->code(), wire::OK);
  EXPECT_EQ(UploadPrekeys(*other, 100, 101)->code(), wire::OK);
}

}  // namespace
}  // namespace kollega::testing
