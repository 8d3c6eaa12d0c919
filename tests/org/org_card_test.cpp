// The organisation card: what a programme prints and a seeker pastes or
// scans. It round-trips, and anything mistyped or unknown is refused with a
// message a person can act on.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "kollega/org/card.h"
#include "org_test_util.h"

namespace kollega::testing {
namespace {

TEST(OrgCardTest, ACardRoundTripsAndToleratesSurroundingWhitespace) {
  const auto key = NewKey();
  org::OrgCard card{"wss://relay.example.org:8443/kollega?x=1&y=2", key.public_key()};
  const std::string text = org::EncodeCard(card);
  EXPECT_EQ(text.rfind("kollega://org?relay=wss%3A%2F%2F", 0), 0u) << text;
  auto back = org::DecodeCard("  " + text + "\n");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->relay_url, card.relay_url);
  EXPECT_EQ(back->org_key, card.org_key);
}

TEST(OrgCardTest, MalformedCardsAreRefusedWithAReason) {
  const auto key = NewKey();
  const std::string good = org::EncodeCard({"wss://relay.example.org", key.public_key()});
  struct Case {
    std::string text;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"https://example.org", "not an organisation card"},
      {"kollega://org?relay=wss%3A%2F%2Fx", "lacks its relay or its key"},
      {good.substr(0, good.size() - 2), "not a 32-byte key"},
      {good + "&key=AAAA", "unknown or repeated"},
      {good + "&colour=blue", "unknown or repeated"},
      {"kollega://org?relay=wss%3A%2&key=x", "%-escape"},
      {"kollega://org?relay=http%3A%2F%2Fx&key=" + good.substr(good.find("key=") + 4),
       "not a wss://"},
      {"kollega://org?relay", "without a value"},
      {good + "&" + std::string(org::kMaxCardLength, 'x'), "too long"},
  };
  for (const Case& c : cases) {
    auto decoded = org::DecodeCard(c.text);
    ASSERT_FALSE(decoded.ok()) << c.text;
    EXPECT_NE(decoded.status().message().find(c.reason), std::string::npos)
        << c.text << " → " << decoded.status().ToString();
  }
}

}  // namespace
}  // namespace kollega::testing
