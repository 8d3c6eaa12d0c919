// How the relay meets clients newer than itself: the protocol version and
// feature names it announces in every Challenge, and requests it does not
// know (answered UNSUPPORTED_OPERATION, the connection kept).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/wire_format_lite.h>

#include "relay_fixture.h"

namespace kollega::testing {
namespace {

using google::protobuf::internal::WireFormatLite;

// A version-1 Frame whose Request carries `id` and, as its only other
// field, an empty length-delimited field numbered `field`: what a newer
// client's op looks like to a relay whose schema lacks it. Written by hand
// because wire::Request cannot hold a field it does not know.
std::string FrameWithRequestField(uint64_t id, int field) {
  std::string request;
  {
    google::protobuf::io::StringOutputStream raw(&request);
    google::protobuf::io::CodedOutputStream out(&raw);
    WireFormatLite::WriteUInt64(1, id, &out);
    WireFormatLite::WriteBytes(field, std::string(), &out);
  }
  std::string frame;
  {
    google::protobuf::io::StringOutputStream raw(&frame);
    google::protobuf::io::CodedOutputStream out(&raw);
    WireFormatLite::WriteUInt32(1, wire::PROTOCOL_VERSION_1, &out);
    WireFormatLite::WriteBytes(2, request, &out);
  }
  return frame;
}

void ExpectAnnouncement(const wire::Challenge& challenge) {
  EXPECT_EQ(challenge.protocol_version(), 1u);
  ASSERT_EQ(challenge.features_size(), 4);
  EXPECT_EQ(challenge.features(0), "ack.quiet");
  EXPECT_EQ(challenge.features(1), "auth.bound");
  EXPECT_EQ(challenge.features(2), "link.provisioning");
  EXPECT_EQ(challenge.features(3), "organisations");
}

TEST_F(RelayTest, ChallengePushAndGetChallengeAnnounceVersionAndFeatures) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  auto push = c->WaitPush(IsChallenge);
  ASSERT_TRUE(push);
  ExpectAnnouncement(push->challenge());
  auto answer = FreshChallenge(*c);
  ASSERT_TRUE(answer);
  ExpectAnnouncement(*answer);
}

TEST_F(RelayTest, UnknownOpIsUnsupportedAndTheConnectionStays) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->WaitPush(IsChallenge));
  // More unknown ops than malformed frames close a connection (three): an
  // unknown op is not a broken client.
  for (uint64_t id = 100; id < 105; ++id) {
    ASSERT_TRUE(c->SendBytes(FrameWithRequestField(id, 99)));
    auto r = c->WaitResponse(id);
    ASSERT_TRUE(r) << "no answer to request " << id;
    EXPECT_EQ(r->code(), wire::UNSUPPORTED_OPERATION);
    EXPECT_FALSE(r->message().empty());
  }
  EXPECT_FALSE(c->closed());
  EXPECT_EQ(c->Call(PingRequest())->code(), wire::OK);

  // The same after logging in, and the session still works.
  std::unique_ptr<TestClient> alice_c;
  auto alice = NewAccount(port(), &alice_c);
  ASSERT_TRUE(alice);
  ASSERT_TRUE(alice_c->SendBytes(FrameWithRequestField(7, 10'000)));
  auto r = alice_c->WaitResponse(7);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::UNSUPPORTED_OPERATION);
  EXPECT_EQ(UploadPrekeys(*alice_c, 1)->code(), wire::OK);
  EXPECT_EQ(alice_c->Call(PingRequest())->code(), wire::OK);
  EXPECT_NE(HttpGet(metrics_port(), "/metrics")
                .find("kollega_errors_total{code=\"UNSUPPORTED_OPERATION\"} 6"),
            std::string::npos);
}

TEST_F(RelayTest, RequestWithoutAnyOpIsStillMalformed) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  // An unknown field below the op range is not an op: nothing to do.
  ASSERT_TRUE(c->SendBytes(FrameWithRequestField(3, 5)));
  auto r = c->WaitResponse(3);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code(), wire::MALFORMED);
  wire::Request empty;
  EXPECT_EQ(c->Call(empty)->code(), wire::MALFORMED);
}

}  // namespace
}  // namespace kollega::testing
