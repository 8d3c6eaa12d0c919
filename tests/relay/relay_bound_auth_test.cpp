// Channel-bound login (docs/trust.md §5, docs/protocol.md §4.4): the relay
// announces "auth.bound", accepts only DeviceAuthMessageV2 signatures, only
// its own origins, and over cleartext an exporter field of 0 or 32 bytes.
// The relaying man in the middle is in tests/client/client_bound_login_test.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "kollega/base/origin.h"
#include "relay_fixture.h"

namespace kollega::testing {
namespace {

// Creates an account on a fresh connection; the connection stays
// unauthenticated.
struct Fresh {
  std::unique_ptr<TestClient> client;
  TestDevice device;
};
std::optional<Fresh> FreshAccount(uint16_t port) {
  Fresh f;
  f.client = TestClient::Connect(port);
  if (!f.client) return std::nullopt;
  auto device = CreateAccount(*f.client);
  if (!device) return std::nullopt;
  f.device = *device;
  return f;
}

// Authenticate with a fresh challenge, signed v2 over `origin` and `exporter`.
wire::Response Login(Fresh& f, const std::string& origin, const std::string& exporter = "") {
  auto challenge = FreshChallenge(*f.client);
  if (!challenge) return {};
  auto response =
      f.client->Call(AuthenticateRequest(f.device, challenge->nonce(), origin, exporter));
  return response.value_or(wire::Response());
}

TEST_F(RelayTest, AnnouncesBoundLogin) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  auto challenge = FreshChallenge(*c);
  ASSERT_TRUE(challenge);
  const auto& features = challenge->features();
  EXPECT_NE(std::find(features.begin(), features.end(), "auth.bound"), features.end());
}

TEST_F(RelayTest, AnHonestLoginOverLoopbackSucceeds) {
  auto f = FreshAccount(port());
  ASSERT_TRUE(f);
  EXPECT_EQ(Login(*f, f->client->origin()).code(), wire::OK);
}

// Without "auth.bound" a man in the middle that strips the feature could
// make a client fall back to v1; the relay accepts v2 only.
TEST_F(RelayTest, AVersion1LoginIsRefused) {
  auto f = FreshAccount(port());
  ASSERT_TRUE(f);
  auto challenge = FreshChallenge(*f->client);
  ASSERT_TRUE(challenge);
  wire::Request r = AuthenticateRequest(f->device, challenge->nonce(), f->client->origin());
  r.mutable_authenticate()->set_signature(
      f->device.key
          ->Sign(
              crypto::DeviceAuthMessage(challenge->nonce(), f->device.account, f->device.device_id))
          .value());
  EXPECT_EQ(f->client->Call(r)->code(), wire::AUTH_FAILED);
  // The same connection logs in with v2: only the signature's form differed.
  EXPECT_EQ(Login(*f, f->client->origin()).code(), wire::OK);
}

TEST_F(RelayTest, ALoginForAnotherOriginIsRefusedAndSpendsTheNonce) {
  auto f = FreshAccount(port());
  ASSERT_TRUE(f);
  const std::string p = std::to_string(port());
  const std::string other_port = std::to_string(port() == 65535 ? 1 : port() + 1);
  for (const std::string& origin :
       {"ws://127.0.0.1:" + other_port, "ws://relay.example:" + p, "wss://127.0.0.1:" + p,
        "ws://127.0.0.1:" + p + "/", std::string()}) {
    auto challenge = FreshChallenge(*f->client);
    ASSERT_TRUE(challenge);
    wire::Request r = AuthenticateRequest(f->device, challenge->nonce(), origin);
    auto response = f->client->Call(r);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->code(), wire::AUTH_FAILED) << origin;
    EXPECT_NE(response->message().find("origin"), std::string::npos) << response->message();
    // The nonce is gone: the same request cannot be tried again.
    EXPECT_EQ(f->client->Call(r)->code(), wire::AUTH_FAILED);
  }
  // Every loopback name of this relay is its own.
  for (const char* host : {"127.0.0.1", "localhost", "LOCALHOST"}) {
    auto g = FreshAccount(port());
    ASSERT_TRUE(g);
    EXPECT_EQ(Login(*g, FormatOrigin(false, host, port())).code(), wire::OK) << host;
  }
  const std::string metrics = HttpGet(metrics_port(), "/metrics");
  EXPECT_NE(metrics.find("\nkollega_auth_channel_refusals_total 5\n"), std::string::npos);
}

// Over cleartext the exporter is not the relay's to check (there is none,
// or a TLS proxy in front holds it), but it must have the one valid size,
// and the signature covers it.
TEST_F(RelayTest, OverCleartextTheExporterIsOnlySigned) {
  auto f = FreshAccount(port());
  ASSERT_TRUE(f);
  EXPECT_EQ(Login(*f, f->client->origin(), std::string(31, 'x')).code(), wire::AUTH_FAILED);
  auto challenge = FreshChallenge(*f->client);
  ASSERT_TRUE(challenge);
  wire::Request r =
      AuthenticateRequest(f->device, challenge->nonce(), f->client->origin(), std::string(32, 'x'));
  r.mutable_authenticate()->set_tls_exporter(std::string(32, 'y'));  // not what was signed
  EXPECT_EQ(f->client->Call(r)->code(), wire::AUTH_FAILED);
  EXPECT_EQ(Login(*f, f->client->origin(), std::string(32, 'x')).code(), wire::OK);
}

// With --public-url the relay accepts exactly those origins (normalised),
// and no longer the loopback ones.
TEST_F(RelayCustomTest, PublicUrlsReplaceLoopback) {
  StartRelay({"--public-url", "wss://Relay.Example/v1/websocket", "--public-url",
              "ws://other.example:8080"});
  for (const char* origin : {"wss://relay.example:443", "ws://other.example:8080"}) {
    auto f = FreshAccount(port());
    ASSERT_TRUE(f);
    EXPECT_EQ(Login(*f, origin).code(), wire::OK) << origin;
  }
  auto f = FreshAccount(port());
  ASSERT_TRUE(f);
  EXPECT_EQ(Login(*f, f->client->origin()).code(), wire::AUTH_FAILED);
  EXPECT_EQ(Login(*f, "wss://relay.example:8443").code(), wire::AUTH_FAILED);
  EXPECT_EQ(Login(*f, "wss://Relay.Example:443").code(), wire::AUTH_FAILED);  // not normalised
}

TEST(RelayConfigTest, APublicUrlThatIsNoRelayUrlIsRejectedAtStart) {
  RelayProcess relay(KOLLEGA_RELAY_BIN, {"--public-url", "https://relay.example"});
  EXPECT_FALSE(relay.Start());
}

}  // namespace
}  // namespace kollega::testing
