// Transport and metrics (docs/abuse.md): cleartext refused from
// non-loopback peers unless they are trusted proxies, the TLS versions and
// ciphers the relay accepts, no session tickets, and /metrics only on its
// own listener. Also the connection limiter's bookkeeping.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <memory>
#include <string>

#include "connection_limiter.h"
#include "edge_socket.h"
#include "relay_fixture.h"
#include "tls_fixture.h"

namespace kollega::testing {
namespace {

TEST_F(RelayTest, MetricsLiveOnTheirOwnListenerOnly) {
  ASSERT_NE(metrics_port(), 0);
  ASSERT_NE(metrics_port(), port());
  EXPECT_NE(HttpGet(port(), "/metrics").find("404 Not Found"), std::string::npos);
  EXPECT_NE(HttpGet(port(), "/healthz").find("200 OK"), std::string::npos);
  const std::string metrics = HttpGet(metrics_port(), "/metrics");
  EXPECT_NE(metrics.find("200 OK"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("\nkollega_connections 0\n"), std::string::npos) << metrics;
  EXPECT_NE(HttpGet(metrics_port(), "/healthz").find("200 OK"), std::string::npos);
  // No WebSocket there.
  auto ws = SourceSocket::Connect("127.0.0.1", "127.0.0.1", metrics_port());
  ASSERT_TRUE(ws);
  EXPECT_EQ(ws->UpgradeStatus(), "404");
}

TEST(RelayAbuseTransportTest, TheMetricsListenerDefaultsToLoopback) {
  std::string out;
  ASSERT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--help"}, &out), 0);
  EXPECT_NE(out.find("--metrics-listen ADDR"), std::string::npos) << out;
  const size_t at = out.find("--metrics-listen ADDR");
  EXPECT_NE(out.find("(default: 127.0.0.1)", at), std::string::npos) << out;
  EXPECT_NE(out.find("(default: 8421)", out.find("--metrics-port N")), std::string::npos);
}

class CleartextTest : public RelayCustomTest {
 protected:
  void SetUp() override {
    std::optional<std::string> address = NonLoopbackIpv4();
    if (!address) GTEST_SKIP() << "this machine has no non-loopback IPv4 address";
    address_ = *address;
  }
  std::string address_;
};

TEST_F(CleartextTest, AWebSocketFromANonLoopbackPeerIsRefused) {
  StartRelay({"--listen", "0.0.0.0"});
  auto remote = SourceSocket::Connect(address_, address_, port());
  ASSERT_TRUE(remote);
  std::string response;
  EXPECT_EQ(remote->UpgradeStatus(&response), "403") << response;
  EXPECT_NE(response.find("cleartext WebSocket refused: connect with wss://"), std::string::npos)
      << response;
  // A load balancer's plain health check is still answered...
  auto probe = SourceSocket::Connect(address_, address_, port());
  ASSERT_TRUE(probe);
  ASSERT_TRUE(probe->Write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_NE(probe->ReadHead().find("200 OK"), std::string::npos);
  // ...and a loopback peer of the same relay is served.
  auto local = SourceSocket::Connect("127.0.0.1", "127.0.0.1", port());
  ASSERT_TRUE(local);
  EXPECT_EQ(local->UpgradeStatus(), "101");
  EXPECT_EQ(Metric(metrics_port(), "kollega_cleartext_refusals_total"), 1);
}

TEST_F(CleartextTest, ATrustedProxyMaySpeakCleartextAndIsNotCappedPerSource) {
  StartRelay({"--listen", "0.0.0.0", "--behind-proxy", "--trusted-proxy", address_,
              "--max-connections-per-source", "1"});
  auto first = SourceSocket::Connect(address_, address_, port());
  auto second = SourceSocket::Connect(address_, address_, port());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->UpgradeStatus(), "101");
  EXPECT_EQ(second->UpgradeStatus(), "101") << "every client behind the proxy shares its address";
  auto local = SourceSocket::Connect("127.0.0.1", "127.0.0.1", port());
  auto local_again = SourceSocket::Connect("127.0.0.1", "127.0.0.1", port());
  ASSERT_TRUE(local && local_again);
  EXPECT_EQ(local->UpgradeStatus(), "101");
  EXPECT_EQ(local_again->UpgradeStatus(), "503");
}

TEST(RelayAbuseTransportTest, BehindProxyNeedsTrustedProxiesAndBack) {
  std::string out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--behind-proxy"}, &out), 2);
  EXPECT_NE(out.find("--behind-proxy and --trusted-proxy must be given together"),
            std::string::npos)
      << out;
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN, {"--trusted-proxy", "10.0.0.1"}, &out), 2);
  EXPECT_EQ(RelayProcess::RunToExit(KOLLEGA_RELAY_BIN,
                                    {"--behind-proxy", "--trusted-proxy", "proxy.example"}, &out),
            2);
  EXPECT_NE(out.find("--trusted-proxy is not an IP address"), std::string::npos) << out;
}

// A TLS client of the given versions and TLS 1.2 cipher list; whether its
// handshake with the relay completed, and whether it was given a session
// ticket.
struct Handshake {
  bool ok = false;
  bool ticket = false;
  std::string error;
};
Handshake TryTls(uint16_t port, int min_version, int max_version, const char* ciphers) {
  Handshake result;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  SSL_CTX_set_min_proto_version(ctx.get(), min_version);
  SSL_CTX_set_max_proto_version(ctx.get(), max_version);
  // Level 0: let this client offer what a careless or old one would.
  SSL_CTX_set_security_level(ctx.get(), 0);
  if (SSL_CTX_set_cipher_list(ctx.get(), ciphers) != 1) {
    result.error = "the test client cannot offer " + std::string(ciphers);
    return result;
  }
  const int fd = ConnectLoopback(port, 5);
  if (fd < 0) return result;
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  SSL_set_fd(ssl.get(), fd);
  ERR_clear_error();
  result.ok = SSL_connect(ssl.get()) == 1;
  if (result.ok) {
    result.ticket = SSL_SESSION_has_ticket(SSL_get_session(ssl.get())) == 1;
  } else {
    char text[256];
    ERR_error_string_n(ERR_peek_last_error(), text, sizeof text);
    result.error = text;
  }
  close(fd);
  return result;
}

// The relay, not this client, ended the handshake: an alert or the
// connection closed (the relay drops a failed handshake without flushing
// its alert), not "no ciphers/protocols available" on our side.
bool EndedByRelay(const Handshake& h) {
  return !h.ok && (h.error.find("alert") != std::string::npos ||
                   h.error.find("unexpected eof") != std::string::npos);
}

class TlsSettingsTest : public TlsTest {
 protected:
  // An RSA certificate: with an EC one RSA key exchange could never be
  // chosen, and refusing it would prove nothing about the cipher list.
  void StartRsaRelay() {
    const std::string cert = cert_dir_.Sub("rsa.pem"), key = cert_dir_.Sub("rsa-key.pem");
    std::string out;
    ASSERT_EQ(RelayProcess::RunToExit(kOpenssl,
                                      {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                                       key, "-out", cert, "-days", "1", "-subj", "/CN=localhost"},
                                      &out),
              0)
        << out;
    StartRelay({"--tls-cert", cert, "--tls-key", key});
  }
};

TEST_F(TlsSettingsTest, OnlyForwardSecretAeadSuitesAndNoTickets) {
  StartRsaRelay();
  // The control: TLS 1.2 with ECDHE and AES-GCM, and TLS 1.3, complete.
  Handshake good = TryTls(port(), TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-RSA-AES128-GCM-SHA256");
  EXPECT_TRUE(good.ok) << good.error;
  EXPECT_FALSE(good.ticket) << "session tickets are off (docs/abuse.md)";
  Handshake tls13 = TryTls(port(), TLS1_3_VERSION, TLS1_3_VERSION, "DEFAULT");
  EXPECT_TRUE(tls13.ok) << tls13.error;

  // RSA key exchange (no forward secrecy), and a CBC suite.
  Handshake rsa = TryTls(port(), TLS1_2_VERSION, TLS1_2_VERSION, "AES128-GCM-SHA256");
  EXPECT_FALSE(rsa.ok) << "RSA key exchange was accepted";
  EXPECT_TRUE(EndedByRelay(rsa)) << rsa.error;
  Handshake cbc = TryTls(port(), TLS1_2_VERSION, TLS1_2_VERSION, "ECDHE-RSA-AES128-SHA");
  EXPECT_FALSE(cbc.ok) << "a CBC suite was accepted";
  EXPECT_TRUE(EndedByRelay(cbc)) << cbc.error;
  Handshake old = TryTls(port(), TLS1_1_VERSION, TLS1_1_VERSION, "DEFAULT:@SECLEVEL=0");
  EXPECT_FALSE(old.ok) << "TLS 1.1 was accepted";
  EXPECT_TRUE(EndedByRelay(old)) << old.error;
}

TEST(ConnectionLimiterTest, CountsPerSourceAndForgetsASourceAtZero) {
  auto limiter = std::make_shared<server::ConnectionLimiter>(3, 2);
  using Verdict = server::ConnectionLimiter::Verdict;
  server::ConnectionSlot a1, a2, a3, b1, proxy;
  EXPECT_EQ(limiter->TryAdmit("aaaa", &a1), Verdict::kAdmitted);
  EXPECT_EQ(limiter->TryAdmit("aaaa", &a2), Verdict::kAdmitted);
  EXPECT_EQ(limiter->TryAdmit("aaaa", &a3), Verdict::kSourceFull);
  EXPECT_EQ(limiter->TryAdmit("bbbb", &b1), Verdict::kAdmitted);
  EXPECT_EQ(limiter->TryAdmit("", &proxy), Verdict::kTotalFull);
  EXPECT_EQ(limiter->sources(), 2u);
  a1 = server::ConnectionSlot();
  server::ConnectionSlot moved(std::move(a2));
  EXPECT_EQ(limiter->open(), 2u);
  moved = server::ConnectionSlot();
  EXPECT_EQ(limiter->sources(), 1u) << "a source with no connection is forgotten";
  EXPECT_EQ(limiter->TryAdmit("", &proxy), Verdict::kAdmitted);  // exempt from per-source
  EXPECT_EQ(limiter->sources(), 1u);
  b1 = server::ConnectionSlot();
  proxy = server::ConnectionSlot();
  EXPECT_EQ(limiter->open(), 0u);
  EXPECT_EQ(limiter->sources(), 0u);
}

}  // namespace
}  // namespace kollega::testing
