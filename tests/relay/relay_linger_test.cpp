// Peers that hold on to a connection without taking part: one that pings
// and never reads the pongs, and ones that never finish a close (they keep
// their socket open after the closing handshake, or never answer the
// relay's close frame). Each must be let go within seconds — at
// --write-timeout, or at the relay's close timeout (3 s) — so that they
// cannot pile up, and shutdown must not wait for them. Every test runs over
// plain TCP and over TLS (the TLS relay serves both on one port).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "support/raw_socket.h"
#include "support/tls_socket.h"
#include "tls_fixture.h"
#include "ws_wire.h"

namespace kollega::testing {
namespace {

using std::chrono::steady_clock;

// The relay's close timeout (3 s) and a margin. Without one, a closing
// connection stayed until Beast's timers fired: 10 s after a close the relay
// started, up to 30 s after one the peer started.
constexpr milliseconds kLetGo{5000};

struct Plain {
  using Socket = RawSocket;
  static std::unique_ptr<Socket> Connect(uint16_t port, int rcvbuf) {
    return RawSocket::Connect(port, rcvbuf);
  }
};
struct Tls {
  using Socket = TlsSocket;
  static std::unique_ptr<Socket> Connect(uint16_t port, int rcvbuf) {
    return TlsSocket::Connect(port, rcvbuf);
  }
};

template <class Transport>
class LingerTest : public TlsTest {
 protected:
  using Socket = typename Transport::Socket;

  // A WebSocket with the relay's greeting read; null (and a failure) if not.
  std::unique_ptr<Socket> Open(int rcvbuf = 0) {
    return Upgrade(Transport::Connect(port(), rcvbuf));
  }

  // Reads the relay's frames up to its close frame and returns that.
  static std::optional<WsFrame> ReadUntilClose(Socket& s) {
    std::optional<WsFrame> frame;
    do {
      frame = NextFrame(s);
    } while (frame && frame->opcode != kOpClose);
    return frame;
  }
};

struct TransportName {
  template <class T>
  static std::string GetName(int) {
    return std::is_same_v<T, Plain> ? "Plain" : "Tls";
  }
};
using Transports = ::testing::Types<Plain, Tls>;
TYPED_TEST_SUITE(LingerTest, Transports, TransportName);

// The relay's WebSocket layer answers pings with pongs by itself, outside
// the session's write queue. A peer that pings and never reads stalls those
// writes, and --write-timeout must cut it as it cuts any reader that stops
// (not Beast's idle timeout, a minute later).
TYPED_TEST(LingerTest, APeerThatPingsButNeverReadsIsCutAtTheWriteTimeout) {
  this->StartTlsRelay({"--write-timeout", "2"});
  auto c = this->Open(/*rcvbuf=*/4096);
  ASSERT_TRUE(c);
  std::string burst;
  for (int i = 0; i < 256; ++i) burst += Ping(std::string(125, 'p'));
  // Writes go through while the relay reads; once its pongs have nowhere
  // to go it stops reading, and then our writes stall too.
  int writes = 0;
  for (bool stalled = false; !stalled; ++writes) {
    ASSERT_LT(writes, 400) << "the relay kept reading without its pongs being read";
    stalled = !c->Write(burst, milliseconds(500));
  }
  const auto stalled_at = steady_clock::now();
  EXPECT_TRUE(c->WaitClosedWithoutReading(kLetGo)) << "a peer that stopped reading was kept";
  EXPECT_LT(steady_clock::now() - stalled_at, kLetGo);
  EXPECT_TRUE(MetricBecomes(this->metrics_port(), "kollega_write_timeouts_total", 1));
  EXPECT_TRUE(MetricBecomes(this->metrics_port(), "kollega_connections", 0));
}

// A peer that starts the closing handshake, reads the relay's close frame
// and then never closes its socket: the relay stops waiting for its FIN. So
// does one whose bad frame made the relay's WebSocket layer fail the
// connection (an unmasked frame: 1002).
TYPED_TEST(LingerTest, APeerThatClosesButKeepsItsSocketOpenIsLetGo) {
  this->StartTlsRelay();
  auto closes = this->Open();
  auto fails = this->Open();
  ASSERT_TRUE(closes && fails);
  ASSERT_TRUE(MetricBecomes(this->metrics_port(), "kollega_connections", 2));
  ASSERT_TRUE(closes->Write(ClientFrame(kOpClose, std::string("\x03\xe8", 2) + "bye")));
  ASSERT_TRUE(fails->Write(std::string("\x82\x01x", 3)));
  auto answer = NextFrame(*closes);
  ASSERT_TRUE(answer) << "no close frame back";
  EXPECT_EQ(answer->opcode, kOpClose);
  auto failed = NextFrame(*fails);
  ASSERT_TRUE(failed) << "no close frame for the bad frame";
  EXPECT_EQ(failed->payload.substr(0, 2), std::string("\x03\xea", 2));
  EXPECT_TRUE(MetricBecomes(this->metrics_port(), "kollega_connections", 0, kLetGo));
}

// The relay closes (a text frame gets 1003 at once). One peer answers with
// its close frame but keeps its socket open; the other never answers. Both
// are let go.
TYPED_TEST(LingerTest, ARelayCloseEndsInSecondsWhetherOrNotThePeerAnswers) {
  this->StartTlsRelay();
  auto answers = this->Open();
  auto silent = this->Open();
  ASSERT_TRUE(answers && silent);
  ASSERT_TRUE(MetricBecomes(this->metrics_port(), "kollega_connections", 2));
  ASSERT_TRUE(answers->Write(ClientFrame(kOpText, "text")));
  ASSERT_TRUE(silent->Write(ClientFrame(kOpText, "text")));
  auto close = this->ReadUntilClose(*answers);
  ASSERT_TRUE(close) << "no close frame";
  EXPECT_EQ(close->payload.substr(0, 2), std::string("\x03\xeb", 2));
  ASSERT_TRUE(answers->Write(ClientFrame(kOpClose, close->payload.substr(0, 2))));
  EXPECT_TRUE(MetricBecomes(this->metrics_port(), "kollega_connections", 0, kLetGo));
}

// SIGTERM with the same two peers: the relay exits within its drain grace
// (5 s) without giving up on any connection.
TYPED_TEST(LingerTest, ShutdownDoesNotWaitForPeersThatNeverClose) {
  this->StartTlsRelay();
  auto answers = this->Open();
  auto silent = this->Open();
  ASSERT_TRUE(answers && silent);
  ASSERT_TRUE(MetricBecomes(this->metrics_port(), "kollega_connections", 2));
  auto stopped = std::async(std::launch::async, [&] { return this->relay_->Stop(); });
  auto close = this->ReadUntilClose(*answers);
  ASSERT_TRUE(close) << "no close frame";
  EXPECT_EQ(close->payload.substr(0, 2), std::string("\x03\xe9", 2));
  ASSERT_TRUE(answers->Write(ClientFrame(kOpClose, close->payload.substr(0, 2))));
  EXPECT_EQ(stopped.get(), 0);
  EXPECT_EQ(this->relay_->ReadLog().find("did not close in time"), std::string::npos)
      << this->relay_->ReadLog();
}

}  // namespace
}  // namespace kollega::testing
