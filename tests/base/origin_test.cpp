// The origin text client and relay compare at login
// (docs/protocol-recipes.md, "DeviceAuthMessageV2").
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/base/origin.h"

#include <gtest/gtest.h>

namespace kollega {
namespace {

TEST(OriginTest, NormalisesSchemeHostAndDefaultPort) {
  EXPECT_EQ(NormaliseOrigin("wss://Relay.Example").value(), "wss://relay.example:443");
  EXPECT_EQ(NormaliseOrigin("WS://relay.example/v1/websocket").value(), "ws://relay.example:80");
  EXPECT_EQ(NormaliseOrigin("wss://relay.example:8443/x?y#z").value(), "wss://relay.example:8443");
  EXPECT_EQ(NormaliseOrigin("ws://[::1]:9000").value(), "ws://[::1]:9000");
  EXPECT_EQ(NormaliseOrigin("wss://[::1]").value(), "wss://[::1]:443");
}

TEST(OriginTest, RefusesWhatIsNotARelayUrl) {
  for (const char* bad : {"https://relay.example", "wss://", "wss://:443", "wss://relay:0",
                          "wss://relay:65536", "wss://relay:", "wss://relay:4x3",
                          "wss://user@relay.example", "ws://[::1", "ws://[::1]x"}) {
    EXPECT_FALSE(NormaliseOrigin(bad).ok()) << bad;
  }
}

TEST(OriginTest, FormatsWhatTheClientDialled) {
  EXPECT_EQ(FormatOrigin(false, "127.0.0.1", 8420), "ws://127.0.0.1:8420");
  EXPECT_EQ(FormatOrigin(true, "LocalHost", 443), "wss://localhost:443");
  EXPECT_EQ(FormatOrigin(false, "::1", 1), "ws://[::1]:1");
  EXPECT_TRUE(IsLoopbackHost("LOCALHOST"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("127.0.0.2"));
  EXPECT_FALSE(IsLoopbackHost("relay.example"));
}

}  // namespace
}  // namespace kollega
