// wss://: a client talks to a relay that serves TLS itself (--tls-cert),
// trusts only the certificate authorities it is given, and checks that the
// certificate names the host it dialled. The certificate is made with the
// openssl tool (installed by scripts/setup-deps.sh).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "client_test_util.h"
#include "kollega/client-core/kollega.h"

namespace kollega::testing {
namespace {

class ClientTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cert_ = tmp_.Sub("cert.pem");
    const std::string key = tmp_.Sub("key.pem");
    std::string out;
    ASSERT_EQ(RelayProcess::RunToExit(
                  "/usr/bin/openssl",
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                   "-keyout", key, "-out", cert_, "-days", "1", "-subj", "/CN=localhost", "-addext",
                   "subjectAltName=DNS:localhost"},
                  &out),
              0)
        << out;
    relay_ = MakeRelay({"--tls-cert", cert_, "--tls-key", key});
    ASSERT_TRUE(relay_->Start());
  }

  std::string Url(const std::string& host) const {
    return "wss://" + host + ":" + std::to_string(relay_->port());
  }
  client::Client::Options Trusting(const std::string& ca_file) const {
    client::Client::Options o = FastOptions();
    o.tls_ca_file = ca_file;
    return o;
  }

  // Alice and Bob, both over wss://, exchange `text` (Bob answers with
  // `text` and " and back").
  void ExpectRoundTrip(const std::string& text) {
    auto alice = OpenClient(tmp_.Sub("alice"), Trusting(cert_));
    auto bob = OpenClient(tmp_.Sub("bob"), Trusting(cert_));
    KOLLEGA_ASSERT_OK(alice->CreateAccount(Url("localhost")).Get());
    KOLLEGA_ASSERT_OK(bob->CreateAccount(Url("localhost")).Get());
    KOLLEGA_ASSERT_OK(ConnectDrained(*alice, true));
    KOLLEGA_ASSERT_OK(ConnectDrained(*bob, true));
    const std::string alice_id = AccountOf(*alice), bob_id = AccountOf(*bob);
    ASSERT_TRUE(alice->Send(bob_id, text).Get().ok());
    EXPECT_TRUE(Has(*bob, alice_id, text, false));
    ASSERT_TRUE(bob->Send(alice_id, text + " and back").Get().ok());
    EXPECT_TRUE(Has(*alice, bob_id, text + " and back", false));
  }

  TempDir tmp_;
  std::string cert_;
  std::unique_ptr<RelayProcess> relay_;
};

TEST_F(ClientTlsTest, TwoClientsTalkOverWss) { ExpectRoundTrip("over TLS"); }

// Larger than one TLS record (16 KiB) each way: the relay reads and writes
// it in several records and, under load, in partial writes.
TEST_F(ClientTlsTest, AMessageOfManyRecordsArrivesWhole) {
  std::string text;
  for (int i = 0; text.size() < 60'000; ++i) {
    text += "line " + std::to_string(i) + " of a long letter\n";
  }
  ExpectRoundTrip(text);
}

TEST_F(ClientTlsTest, ACertificateNobodyVouchedForIsRefused) {
  auto c = OpenClient(tmp_.Sub("c"));  // the system's trust store only
  Status s = c->CreateAccount(Url("localhost")).Get();
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("TLS handshake"), std::string::npos) << s.ToString();
  EXPECT_FALSE(c->WhoAmI().Get().ok());
}

TEST_F(ClientTlsTest, ACertificateForAnotherHostIsRefused) {
  auto c = OpenClient(tmp_.Sub("c"), Trusting(cert_));
  Status s = c->CreateAccount(Url("127.0.0.1")).Get();  // the certificate names localhost
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("TLS handshake"), std::string::npos) << s.ToString();
  EXPECT_FALSE(c->WhoAmI().Get().ok());
}

TEST_F(ClientTlsTest, TheCApiTakesACaFile) {
  const std::string key = TestStoreKey().raw_key;
  kollega_open_options options{};
  options.size = sizeof options;
  options.store_key = reinterpret_cast<const unsigned char*>(key.data());
  options.store_key_len = key.size();
  options.tls_ca_file = cert_.c_str();
  kollega_client* trusting = nullptr;
  ASSERT_EQ(kollega_open_with_options(tmp_.Sub("c1").c_str(), &options, &trusting), KOLLEGA_OK);
  EXPECT_EQ(kollega_create_account_sync(trusting, Url("localhost").c_str()), KOLLEGA_OK)
      << kollega_last_error();
  kollega_close(trusting);
  kollega_client* plain = nullptr;
  options.tls_ca_file = nullptr;
  ASSERT_EQ(kollega_open_with_options(tmp_.Sub("c2").c_str(), &options, &plain), KOLLEGA_OK);
  EXPECT_EQ(kollega_create_account_sync(plain, Url("localhost").c_str()), KOLLEGA_ERR_UNAVAILABLE);
  EXPECT_NE(std::string(kollega_last_error()).find("TLS handshake"), std::string::npos);
  kollega_close(plain);
}

TEST_F(ClientTlsTest, AMissingTrustFileIsAClearError) {
  auto c = OpenClient(tmp_.Sub("c"), Trusting(tmp_.Sub("no-such-ca.pem")));
  Status s = c->CreateAccount(Url("localhost")).Get();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_NE(s.message().find("trust anchors"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace kollega::testing
