// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel/provisioning.h"

#include <gtest/gtest.h>

#include "kollega/client-core/relay_connection.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {
namespace {

TEST(ProvisioningTest, Base64UrlRoundTripsEveryLength) {
  for (size_t n = 0; n < 70; ++n) {
    const std::string bytes = crypto::RandomBytes(n);
    const std::string text = Base64UrlEncode(bytes);
    EXPECT_EQ(text.find_first_of("+/="), std::string::npos);
    auto back = Base64UrlDecode(text);
    ASSERT_TRUE(back.ok()) << n;
    EXPECT_EQ(*back, bytes);
  }
  EXPECT_FALSE(Base64UrlDecode("a").ok());
  EXPECT_FALSE(Base64UrlDecode("ab$d").ok());
}

TEST(ProvisioningTest, CodeRoundTripsAndToleratesWhitespace) {
  ProvisioningCode code;
  code.account_id = crypto::RandomBytes(16);
  code.link_token = crypto::RandomBytes(24);
  code.key = crypto::RandomBytes(32);
  const std::string text = EncodeProvisioningCode(code);
  auto back = DecodeProvisioningCode("  " + text + "\n");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->account_id, code.account_id);
  EXPECT_EQ(back->link_token, code.link_token);
  EXPECT_EQ(back->key, code.key);
}

TEST(ProvisioningTest, BadCodesAreRefused) {
  ProvisioningCode code;
  code.account_id = std::string(16, 'a');
  code.link_token = "token";
  code.key = std::string(32, 'k');
  const std::string text = EncodeProvisioningCode(code);
  EXPECT_FALSE(DecodeProvisioningCode(text.substr(0, text.size() - 4)).ok());
  EXPECT_FALSE(DecodeProvisioningCode("").ok());
  EXPECT_FALSE(DecodeProvisioningCode("not a code!").ok());
  std::string other_version = text;
  other_version[0] = 'B';  // first 6 bits of the version byte
  EXPECT_FALSE(DecodeProvisioningCode(other_version).ok());
}

TEST(ProvisioningTest, EveryOneCharacterTypoIsCaught) {
  ProvisioningCode code;
  code.account_id = std::string(16, 'a');
  code.link_token = std::string(32, 't');
  code.key = std::string(32, 'k');
  const std::string text = EncodeProvisioningCode(code);
  for (size_t i = 0; i < text.size(); ++i) {
    std::string typo = text;
    typo[i] = typo[i] == 'x' ? 'y' : 'x';
    auto decoded = DecodeProvisioningCode(typo);
    EXPECT_FALSE(decoded.ok()) << "typo at " << i << " was not caught";
  }
}

TEST(ProvisioningTest, SealOpenRoundTripAndTamperDetection) {
  const std::string key = crypto::RandomBytes(32);
  const std::string account = crypto::RandomBytes(16);
  const std::string secret = "identity private key and account secret";
  auto sealed = SealProvisioning(key, account, secret);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find(secret), std::string::npos);
  auto opened = OpenProvisioning(key, account, *sealed);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, secret);

  std::string tampered = *sealed;
  tampered[20] ^= 1;
  EXPECT_EQ(OpenProvisioning(key, account, tampered).status().code(), StatusCode::kUnauthenticated);
  EXPECT_FALSE(OpenProvisioning(crypto::RandomBytes(32), account, *sealed).ok());
  // Bound to the account: a blob can't be replayed for another account.
  EXPECT_FALSE(OpenProvisioning(key, crypto::RandomBytes(16), *sealed).ok());
  EXPECT_FALSE(OpenProvisioning(key, account, sealed->substr(0, 10)).ok());
}

TEST(RelayEndpointTest, ParsesHostPortAndPath) {
  auto ep = RelayEndpoint::Parse("ws://127.0.0.1:9000");
  ASSERT_TRUE(ep.ok());
  EXPECT_EQ(ep->host, "127.0.0.1");
  EXPECT_EQ(ep->port, 9000);
  EXPECT_EQ(ep->path, "/v1/websocket");
  ep = RelayEndpoint::Parse("ws://relay.example/custom/ws");
  ASSERT_TRUE(ep.ok());
  EXPECT_EQ(ep->port, 8420);
  EXPECT_EQ(ep->path, "/custom/ws");
  EXPECT_EQ(ep->ToString(), "ws://relay.example:8420/custom/ws");
  EXPECT_FALSE(ep->tls);
  ep = RelayEndpoint::Parse("wss://relay.example:443");
  ASSERT_TRUE(ep.ok());
  EXPECT_TRUE(ep->tls);
  EXPECT_EQ(ep->port, 443);
  EXPECT_EQ(ep->ToString(), "wss://relay.example:443/v1/websocket");
}

TEST(RelayEndpointTest, RefusesBadUrls) {
  EXPECT_FALSE(RelayEndpoint::Parse("http://x:1").ok());
  EXPECT_FALSE(RelayEndpoint::Parse("wss://:1").ok());
  EXPECT_FALSE(RelayEndpoint::Parse("ws:/x:1").ok());
  EXPECT_FALSE(RelayEndpoint::Parse("ws://:1").ok());
  EXPECT_FALSE(RelayEndpoint::Parse("ws://x:0").ok());
  EXPECT_FALSE(RelayEndpoint::Parse("ws://x:70000").ok());
  EXPECT_FALSE(RelayEndpoint::Parse("ws://x:12ab").ok());
}

}  // namespace
}  // namespace kollega::client
