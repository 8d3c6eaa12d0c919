// Channel-bound login (docs/trust.md §5) against a relaying man in the
// middle written here: a look-alike WebSocket server on another loopback
// port that, for each client, opens its own connection to the real relay
// and copies every frame both ways unchanged: the relay's Challenge to the
// client, the client's Authenticate to the relay. The client's login is
// signed for the origin (and TLS session) it dialled, the look-alike's, so
// the real relay must refuse it: nothing the look-alike forwards logs it in.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <fstream>
#include <mutex>
#include <thread>

#include "client_test_util.h"
#include "kollega/client-core/kollega.h"

namespace kollega::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// Relays one client at a time to the relay on the port given to Start(), in
// the clear or (with `cert`/`key`) terminating TLS with a certificate the
// client trusts and dialling the relay over TLS in turn. Listens from
// construction, so its origin is known before the relay starts.
class RelayingMitm {
 public:
  explicit RelayingMitm(std::string cert = "", std::string key = "") : tls_(!cert.empty()) {
    acceptor_.open(tcp::v4());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    acceptor_.listen();
    if (tls_) {
      server_tls_.use_certificate_chain_file(cert);
      server_tls_.use_private_key_file(key, ssl::context::pem);
      client_tls_.set_verify_mode(ssl::verify_none);
    }
  }
  void Start(uint16_t relay_port) {
    relay_port_ = relay_port;
    thread_ = std::thread([this] { AcceptLoop(); });
  }
  ~RelayingMitm() {
    stopping_ = true;
    beast::error_code ignored;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);  // wakes the blocking accept
    acceptor_.close(ignored);
    {
      std::lock_guard lock(mu_);
      for (tcp::socket* s : sockets_) s->close(ignored);
    }
    if (thread_.joinable()) thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  // How many Authenticate frames it passed on to the relay.
  int logins_forwarded() const { return logins_forwarded_; }

 private:
  void AcceptLoop() {
    while (!stopping_) {
      tcp::socket down(ioc_);
      beast::error_code ec;
      acceptor_.accept(down, ec);
      if (ec) return;
      tcp::socket up(ioc_);
      up.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), relay_port_), ec);
      if (ec) continue;
      if (tls_) {
        Serve(websocket::stream<ssl::stream<tcp::socket>>(std::move(down), server_tls_),
              websocket::stream<ssl::stream<tcp::socket>>(std::move(up), client_tls_));
      } else {
        Serve(websocket::stream<tcp::socket>(std::move(down)),
              websocket::stream<tcp::socket>(std::move(up)));
      }
    }
  }

  template <class Ws>
  void Serve(Ws down, Ws up) {
    {
      std::lock_guard lock(mu_);
      sockets_ = {&beast::get_lowest_layer(down), &beast::get_lowest_layer(up)};
    }
    beast::error_code ec;
    if constexpr (!std::is_same_v<Ws, websocket::stream<tcp::socket>>) {
      down.next_layer().handshake(ssl::stream_base::server, ec);
      if (!ec) up.next_layer().handshake(ssl::stream_base::client, ec);
    }
    if (!ec) down.accept(ec);
    if (!ec) up.handshake("localhost", "/v1/websocket", ec);
    if (!ec) {
      down.binary(true);
      up.binary(true);
      std::thread to_relay([&] { Copy(down, up, true); });
      Copy(up, down, false);
      to_relay.join();
    }
    std::lock_guard lock(mu_);
    sockets_.clear();
  }

  // Copies messages from `from` to `to` until either side ends, then
  // closes both so the other direction ends too.
  template <class Ws>
  void Copy(Ws& from, Ws& to, bool to_relay) {
    for (;;) {
      beast::flat_buffer buffer;
      beast::error_code ec;
      from.read(buffer, ec);
      if (!ec && to_relay) {
        wire::Frame frame;
        const std::string bytes = beast::buffers_to_string(buffer.data());
        if (frame.ParseFromString(bytes) && frame.request().has_authenticate()) {
          ++logins_forwarded_;
        }
      }
      if (!ec) to.write(buffer.data(), ec);
      if (ec) break;
    }
    std::lock_guard lock(mu_);
    beast::error_code ignored;
    for (tcp::socket* s : sockets_) s->shutdown(tcp::socket::shutdown_both, ignored);
  }

  uint16_t relay_port_ = 0;
  const bool tls_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_{ioc_};
  ssl::context server_tls_{ssl::context::tls_server};
  ssl::context client_tls_{ssl::context::tls_client};
  std::atomic<bool> stopping_{false};
  std::atomic<int> logins_forwarded_{0};
  std::mutex mu_;
  std::vector<tcp::socket*> sockets_;  // the pair being served
  std::thread thread_;
};

// The relay's count of logins refused for a foreign origin or TLS session.
std::string ChannelRefusals(uint16_t metrics_port) {
  const std::string metrics = HttpGet(metrics_port, "/metrics");
  const std::string name = "\nkollega_auth_channel_refusals_total ";
  const size_t at = metrics.find(name);
  if (at == std::string::npos) return "missing";
  return metrics.substr(at + name.size(), metrics.find('\n', at + 1) - at - name.size());
}

class BoundLoginTest : public ::testing::Test {
 protected:
  // A self-signed certificate for localhost, as `name`.pem / `name`.key.
  void MakeCert(const std::string& name) {
    std::string out;
    ASSERT_EQ(RelayProcess::RunToExit(
                  "/usr/bin/openssl",
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                   "-keyout", tmp_.Sub(name + ".key"), "-out", tmp_.Sub(name + ".pem"), "-days",
                   "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"},
                  &out),
              0)
        << out;
  }
  void StartRelay(std::vector<std::string> args) {
    args.insert(args.end(), {"--pow-bits", "4"});  // keeps account creation quick
    relay_ = MakeRelay(std::move(args));
    ASSERT_TRUE(relay_->Start());
  }
  client::Client::Options Trusting(const std::string& ca_file) const {
    client::Client::Options o = FastOptions();
    o.tls_ca_file = ca_file;
    return o;
  }

  TempDir tmp_;
  std::unique_ptr<RelayProcess> relay_;
};

TEST_F(BoundLoginTest, HonestLoginOverWsLoopbackSucceeds) {
  StartRelay({});
  auto c = OpenClient(tmp_.Sub("c"));
  KOLLEGA_ASSERT_OK(c->CreateAccount("ws://127.0.0.1:" + std::to_string(relay_->port())).Get());
  KOLLEGA_ASSERT_OK(ConnectDrained(*c));
  EXPECT_EQ(ChannelRefusals(relay_->metrics_port()), "0");
}

TEST_F(BoundLoginTest, HonestLoginOverWssSucceeds) {
  MakeCert("relay");
  StartRelay({"--tls-cert", tmp_.Sub("relay.pem"), "--tls-key", tmp_.Sub("relay.key")});
  auto c = OpenClient(tmp_.Sub("c"), Trusting(tmp_.Sub("relay.pem")));
  KOLLEGA_ASSERT_OK(c->CreateAccount("wss://localhost:" + std::to_string(relay_->port())).Get());
  KOLLEGA_ASSERT_OK(ConnectDrained(*c));
  EXPECT_EQ(ChannelRefusals(relay_->metrics_port()), "0");
}

// The look-alike passes the real challenge on, and the client's answer back:
// it is signed for ws://127.0.0.1:<look-alike port>, not the relay's origin.
TEST_F(BoundLoginTest, ARelayedChallengeDoesNotLogInOverWs) {
  StartRelay({});
  RelayingMitm mitm;
  mitm.Start(relay_->port());
  auto c = OpenClient(tmp_.Sub("c"));
  Status s = c->CreateAccount("ws://127.0.0.1:" + std::to_string(mitm.port())).Get();
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated) << s.ToString();
  EXPECT_NE(s.message().find("another origin"), std::string::npos) << s.ToString();
  EXPECT_EQ(mitm.logins_forwarded(), 1);
  EXPECT_EQ(ChannelRefusals(relay_->metrics_port()), "1");
}

// The look-alike holds a certificate the client trusts, and the relay lists
// the look-alike's origin as its own (as if a certificate for the relay's
// name had been mis-issued): only the TLS session differs, and that alone
// must make the relay refuse.
TEST_F(BoundLoginTest, ARelayedChallengeDoesNotLogInOverTlsEvenWithATrustedCertificate) {
  MakeCert("relay");
  MakeCert("mitm");
  const std::string trusted = tmp_.Sub("trusted.pem");
  {
    std::ofstream out(trusted);
    out << std::ifstream(tmp_.Sub("relay.pem")).rdbuf()
        << std::ifstream(tmp_.Sub("mitm.pem")).rdbuf();
  }
  RelayingMitm mitm(tmp_.Sub("mitm.pem"), tmp_.Sub("mitm.key"));
  StartRelay({"--tls-cert", tmp_.Sub("relay.pem"), "--tls-key", tmp_.Sub("relay.key"),
              "--public-url", "wss://localhost:" + std::to_string(mitm.port())});
  const uint16_t relay_port = relay_->port();
  mitm.Start(relay_port);

  auto c = OpenClient(tmp_.Sub("c"), Trusting(trusted));
  Status s = c->CreateAccount("wss://localhost:" + std::to_string(mitm.port())).Get();
  EXPECT_EQ(s.code(), StatusCode::kUnauthenticated) << s.ToString();
  EXPECT_NE(s.message().find("another TLS session"), std::string::npos) << s.ToString();
  EXPECT_EQ(mitm.logins_forwarded(), 1);
  EXPECT_EQ(ChannelRefusals(relay_->metrics_port()), "1");
}

}  // namespace
}  // namespace kollega::testing
