// Every kind of bad input gets a specific error or a close with a reason,
// and never hurts another connection.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <atomic>
#include <thread>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

TEST_F(RelayTest, MalformedProtobufIsAnsweredThenClosesAfterThree) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->WaitPush(IsChallenge));
  ASSERT_TRUE(c->SendBytes(std::string("\xff\xff\xff\xff garbage", 12)));
  auto r = c->WaitResponse(0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::MALFORMED);
  EXPECT_FALSE(r->message().empty());
  EXPECT_EQ(c->Call(PingRequest())->code(), wire::OK);  // the connection stays

  ASSERT_TRUE(c->SendBytes(std::string("\x0a\x05", 2)));
  ASSERT_TRUE(c->SendBytes(std::string("\x12\xff\x01", 3)));
  ASSERT_TRUE(c->WaitClosed());
  EXPECT_EQ(c->close_info().code, 1008);
  EXPECT_EQ(c->close_info().reason, "too many malformed frames");
}

TEST_F(RelayTest, OversizeFrameClosesWith1009) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  // Over the pre-login cap (--prelogin-frame-bytes, 8 KiB; docs/abuse.md),
  // and small enough to arrive whole: a megabyte cut off mid-flight may
  // reach the client as a reset instead of the close frame.
  c->SendBytes(std::string(8192 + 100, 'x'));
  ASSERT_TRUE(c->WaitClosed());
  EXPECT_EQ(c->close_info().code, 1009);
  // The relay is fine.
  auto other = TestClient::Connect(port());
  ASSERT_TRUE(other);
  EXPECT_EQ(other->Call(PingRequest())->code(), wire::OK);
}

TEST_F(RelayTest, TextFrameClosesWith1003) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->SendBytes("{\"hello\": 1}", /*text=*/true));
  ASSERT_TRUE(c->WaitClosed());
  EXPECT_EQ(c->close_info().code, 1003);
  EXPECT_EQ(c->close_info().reason, "binary frames only");
}

TEST_F(RelayTest, UnknownVersionIsAnsweredThenClosesWith1002) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  wire::Frame frame;
  frame.set_version(7);
  frame.mutable_request()->set_id(42);
  frame.mutable_request()->mutable_ping();
  ASSERT_TRUE(c->SendFrame(frame));
  auto r = c->WaitResponse(42);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::UNSUPPORTED_VERSION);
  ASSERT_TRUE(c->WaitClosed());
  EXPECT_EQ(c->close_info().code, 1002);
}

TEST_F(RelayTest, FramesThatAreNotRequestsAreMalformed) {
  auto c = TestClient::Connect(port());
  wire::Frame frame;
  frame.set_version(1);
  frame.mutable_push()->mutable_queue_empty();
  ASSERT_TRUE(c->SendFrame(frame));
  auto r = c->WaitResponse(0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::MALFORMED);
  wire::Request empty;
  EXPECT_EQ(c->Call(empty)->code(), wire::MALFORMED);
}

class FloodTest : public RelayCustomTest {};

TEST_F(FloodTest, FloodOnOneConnectionIsLimitedAndClosedWithoutHurtingOthers) {
  StartRelay({"--request-rate", "20"});
  std::unique_ptr<TestClient> alice_c, bob_c;
  auto alice = NewRecipient(port(), &alice_c);
  auto bob = NewRecipient(port(), &bob_c);
  ASSERT_TRUE(alice && bob);
  auto flooder = TestClient::Connect(port());
  ASSERT_TRUE(flooder);

  // The well-behaved pair keeps talking while the flood runs.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::thread polite([&] {
    while (!stop) {
      auto r = Send(*alice_c, bob->account, {1}, "still here");
      (r && r->code() == wire::OK ? ok : failed)++;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });

  int limited = 0;
  for (int i = 0; i < 400 && !flooder->closed(); ++i) flooder->SendRequest(PingRequest());
  while (auto f = flooder->NextFrame(milliseconds(500))) {
    if (f->has_response() && f->response().code() == wire::RATE_LIMITED) ++limited;
  }
  EXPECT_GT(limited, 0);
  ASSERT_TRUE(flooder->WaitClosed());
  EXPECT_EQ(flooder->close_info().code, 1008);
  EXPECT_EQ(flooder->close_info().reason, "request rate exceeded");

  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop = true;
  polite.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ReceiveEnvelopes(*bob_c, ok.load()).size(), static_cast<size_t>(ok.load()));
}

// A flooder paced so that a fresh token admits one request every few
// refusals is still cut: refusals are counted per second, not in a row.
// Before, one admitted request restarted the count and a client at 10 to
// 30 times the limit was never closed (the attack soak's mailbox flood).
TEST_F(FloodTest, APacedFloodIsClosedAlthoughSomeRequestsGetThrough) {
  StartRelay({"--request-rate", "100"});
  auto flooder = TestClient::Connect(port());
  ASSERT_TRUE(flooder);
  const auto start = std::chrono::steady_clock::now();
  while (!flooder->closed() && std::chrono::steady_clock::now() - start < std::chrono::seconds(4)) {
    flooder->SendRequest(PingRequest());
    while (flooder->NextFrame(milliseconds(0))) {
    }
    std::this_thread::sleep_for(std::chrono::microseconds(1500));
  }
  ASSERT_TRUE(flooder->WaitClosed()) << "a flood at about 6 times the limit was never closed";
  EXPECT_EQ(flooder->close_info().code, 1008);
  EXPECT_EQ(flooder->close_info().reason, "request rate exceeded");
}

}  // namespace
}  // namespace kollega::testing
