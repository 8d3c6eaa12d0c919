// The relay's TLS stream under traffic a browser would rarely produce: key
// updates in the middle of a conversation, records cut short by a reset or
// by silence, a peer that stops reading, many peers at once, and the ways a
// TLS WebSocket ends. A WebSocket ping before authentication is answered
// with a pong by the relay's WebSocket layer, which makes it the simplest
// echo through both directions of the stream.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/tls_socket.h"
#include "tls_fixture.h"
#include "ws_wire.h"

namespace kollega::testing {
namespace {

using std::chrono::steady_clock;

// The protocol's own Ping request, which the relay answers through its write
// queue (WebSocket pongs bypass it).
std::string PingRequestFrame(uint64_t id) {
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  *frame.mutable_request() = PingRequest();
  frame.mutable_request()->set_id(id);
  return ClientFrame(kOpBinary, frame.SerializeAsString());
}

// Pongs for `payloads`, in that order and nothing in between.
::testing::AssertionResult GotPongs(TlsSocket& s, const std::vector<std::string>& payloads,
                                    milliseconds timeout = kWait) {
  for (size_t i = 0; i < payloads.size(); ++i) {
    auto frame = NextFrame(s, timeout);
    if (!frame) return ::testing::AssertionFailure() << "pong " << i << " never arrived";
    if (frame->opcode != kOpPong || frame->payload != payloads[i]) {
      return ::testing::AssertionFailure()
             << "frame " << i << ": opcode " << int{frame->opcode} << " payload \""
             << frame->payload << "\", expected the pong \"" << payloads[i] << "\"";
    }
  }
  return ::testing::AssertionSuccess();
}

// One ping, one pong.
::testing::AssertionResult Echoes(TlsSocket& s, const std::string& payload,
                                  milliseconds timeout = kWait) {
  if (!s.Write(Ping(payload))) return ::testing::AssertionFailure() << "cannot send a ping";
  return GotPongs(s, {payload}, timeout);
}

// A TLS connection upgraded to a WebSocket, with the relay's greeting (a
// Challenge push) already read; null (and a test failure) otherwise.
std::unique_ptr<TlsSocket> OpenWebSocket(uint16_t port, int rcvbuf = 0) {
  return Upgrade(TlsSocket::Connect(port, rcvbuf));
}

class TlsStreamTest : public TlsTest {};

// TLS 1.3 lets either side change its keys at any time. A client that does,
// and asks the relay to follow, keeps talking: single pings and bursts of
// pings in one write are all answered, in order, under the new keys.
// Alternately the KeyUpdate travels alone and in front of the next pings.
TEST_F(TlsStreamTest, KeyUpdatesMidConversationKeepTheStreamIntact) {
  StartTlsRelay();
  auto c = OpenWebSocket(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(Echoes(*c, "before any update"));
  for (int round = 1; round <= 5; ++round) {
    SCOPED_TRACE(round);
    const bool alone = round % 2 == 1;
    ASSERT_TRUE(c->KeyUpdate(/*request_peer_update=*/true, /*send_now=*/alone));
    ASSERT_TRUE(Echoes(*c, "after update " + std::to_string(round)));
    // The relay answered the request with a KeyUpdate of its own before
    // the pong, so the pong was sent under its new keys.
    EXPECT_EQ(c->peer_key_updates(), round);

    std::vector<std::string> payloads;
    std::string burst;
    for (int i = 0; i < 8; ++i) {
      payloads.push_back("round " + std::to_string(round) + " ping " + std::to_string(i));
      burst += Ping(payloads.back());
    }
    ASSERT_TRUE(c->Write(burst));
    ASSERT_TRUE(GotPongs(*c, payloads));
  }
  // An update the relay is not asked to follow changes only our keys.
  ASSERT_TRUE(c->KeyUpdate(/*request_peer_update=*/false));
  ASSERT_TRUE(Echoes(*c, "one-sided update"));
  EXPECT_EQ(c->peer_key_updates(), 5);
}

// A client that dies halfway through a record (half of it sent, then RST)
// and one that sends all of a record but its last byte and then goes quiet:
// the first is dropped, the second merely waits, and the relay goes on
// serving everyone else over TLS.
TEST_F(TlsStreamTest, RecordsCutShortByAResetOrBySilenceLeaveTheRelayServing) {
  StartTlsRelay();
  auto keeper = OpenWebSocket(port());
  auto resetter = OpenWebSocket(port());
  auto silent = OpenWebSocket(port());
  ASSERT_TRUE(keeper && resetter && silent);
  ASSERT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 3));

  const std::string ping = Ping("never finished");
  const size_t record = ping.size() + TlsSocket::kRecordOverhead;
  ASSERT_TRUE(resetter->WriteTruncated(ping, record / 2));
  ASSERT_TRUE(silent->WriteTruncated(ping, record - 1));
  // Lets the relay read the half record before the reset, so that the reset
  // finds its TLS layer holding a partial record (without it the test would
  // pass just as well, checking less).
  std::this_thread::sleep_for(milliseconds(100));
  resetter->Reset();
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 2)) << "the reset peer was kept";

  EXPECT_TRUE(Echoes(*keeper, "still here"));
  {
    auto fresh = OpenWebSocket(port());
    ASSERT_TRUE(fresh);
    EXPECT_TRUE(Echoes(*fresh, "new client"));
    EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 3));
  }
  EXPECT_EQ(TlsHealthz(), "ok\n");
  // The fresh client closed its socket without a close_notify; the silent
  // one is still waited for.
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 2));
  silent->Reset();
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 1));
  EXPECT_TRUE(Echoes(*keeper, "still here at the end"));
}

// A client with a small receive window that sends requests and never reads
// the answers: the relay's writes to it stall, and --write-timeout cuts it.
// Another TLS client gets its pongs promptly all the while.
//
// The stalled client sends Ping requests, which the relay answers through
// its write queue (relay_linger_test.cpp stalls it with WebSocket pings).
TEST_F(TlsStreamTest, AClientThatStopsReadingIsCutWhileOthersAreServed) {
  StartTlsRelay({"--write-timeout", "2", "--request-rate", "1000000"});
  auto other = OpenWebSocket(port());
  auto stalled = OpenWebSocket(port(), /*rcvbuf=*/4096);
  ASSERT_TRUE(other && stalled);

  // Writes succeed while the relay reads; once its answers have nowhere to
  // go it stops reading, and then our writes cannot proceed either.
  uint64_t id = 0;
  int writes = 0;
  for (bool stalled_yet = false; !stalled_yet; ++writes) {
    ASSERT_LT(writes, 400) << "the relay kept reading without its answers being read";
    // Ping requests (answered through the session's write queue) with
    // full-size WebSocket pings between them: the 127-byte pongs fill the
    // relay's send buffer after a few thousand frames, so its own stall
    // comes soon after ours even in a slow (sanitizer) build; requests
    // alone, with their ~30-byte answers, left it a backlog of seconds.
    std::string burst;
    for (int i = 0; i < 1000; ++i) burst += PingRequestFrame(++id) + Ping(std::string(125, 'p'));
    stalled_yet = !stalled->Write(burst, milliseconds(1000));
  }
  const auto stalled_at = steady_clock::now();

  bool cut = false;
  for (int i = 0; !cut && steady_clock::now() < stalled_at + std::chrono::seconds(8); ++i) {
    ASSERT_TRUE(Echoes(*other, "meanwhile " + std::to_string(i), milliseconds(500)));
    cut = stalled->WaitClosedWithoutReading(milliseconds(100));
  }
  EXPECT_TRUE(cut) << "a client that stopped reading was never cut";
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_write_timeouts_total", 1));
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 1));
  EXPECT_TRUE(Echoes(*other, "after the cut"));
}

// Eight TLS clients at once, each sending 200 pings of distinct payloads and
// sizes in bursts of several frames per write: every client gets exactly its
// own pongs back, intact and in order.
TEST_F(TlsStreamTest, ManyClientsInterleaveIntact) {
  StartTlsRelay();
  constexpr int kClients = 8, kPings = 200, kBurst = 8;
  auto client = [&](int id) -> std::string {
    auto s = OpenWebSocket(port());
    if (!s) return "could not connect";
    for (int first = 0; first < kPings; first += kBurst) {
      std::vector<std::string> payloads;
      std::string burst;
      for (int i = first; i < std::min(first + kBurst, kPings); ++i) {
        std::string payload = "client " + std::to_string(id) + " ping " + std::to_string(i) + " ";
        payload.append((id * 37 + i * 11) % (125 - payload.size()),
                       static_cast<char>('a' + i % 26));
        payloads.push_back(payload);
        burst += Ping(payload);
      }
      if (!s->Write(burst)) return "write failed at ping " + std::to_string(first);
      if (auto got = GotPongs(*s, payloads); !got) return got.message();
    }
    return "";
  };
  std::vector<std::future<std::string>> results;
  for (int id = 0; id < kClients; ++id) {
    results.push_back(std::async(std::launch::async, client, id));
  }
  for (int id = 0; id < kClients; ++id) EXPECT_EQ(results[id].get(), "") << "client " << id;
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 0));
}

// A ping whose TLS records arrive one byte per TCP segment is answered all
// the same: the relay reassembles records across reads.
TEST_F(TlsStreamTest, RecordsDribbledByteByByteAreReassembled) {
  StartTlsRelay();
  auto c = OpenWebSocket(port());
  ASSERT_TRUE(c);
  c->set_send_chunk(1);
  std::string burst = Ping("dribbled") + Ping("and another");
  ASSERT_TRUE(c->Write(burst));
  EXPECT_TRUE(GotPongs(*c, {"dribbled", "and another"}));
}

// A client that ends the TLS session (close_notify) without a WebSocket
// close: the relay lets the connection go at once and closes its side,
// before the client has closed its socket.
TEST_F(TlsStreamTest, CloseNotifyEndsTheConnection) {
  StartTlsRelay();
  auto c = OpenWebSocket(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 1));
  ASSERT_TRUE(c->SendCloseNotify());
  EXPECT_TRUE(c->WaitEof(kWait)) << "the relay kept the connection open";
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 0));
}

// The WebSocket closing handshake over TLS: our close frame is answered
// with the relay's (echoing the code), then the relay ends the TLS session
// (close_notify) and, once we have answered that, the TCP connection.
//
// The relay waits for the client to close TCP before it lets the connection
// go, for at most its close timeout (3 s; relay_linger_test.cpp). A
// well-behaved client closes at once, as here.
TEST_F(TlsStreamTest, AWebSocketCloseIsAnsweredOverTls) {
  StartTlsRelay();
  auto c = OpenWebSocket(port());
  ASSERT_TRUE(c);
  ASSERT_TRUE(c->Write(ClientFrame(kOpClose, std::string("\x03\xe8", 2) + "bye")));
  auto answer = NextFrame(*c);
  ASSERT_TRUE(answer) << "no close frame back";
  EXPECT_EQ(answer->opcode, kOpClose);
  EXPECT_EQ(answer->payload.substr(0, 2), std::string("\x03\xe8", 2));
  EXPECT_TRUE(c->WaitEof(kWait));
  EXPECT_TRUE(c->got_close_notify());
  ASSERT_TRUE(c->SendCloseNotify());
  EXPECT_TRUE(c->WaitClosedWithoutReading(kWait)) << "the relay kept TCP open";
  c.reset();
  EXPECT_TRUE(MetricBecomes(metrics_port(), "kollega_connections", 0));
}

// Shutting the relay down while a TLS WebSocket is open: the client is told
// (a Closing push, then a close frame with 1001, going away) over TLS, and
// the relay exits cleanly once the client has closed its side.
TEST_F(TlsStreamTest, ShutdownClosesTlsWebSocketsWithGoingAway) {
  StartTlsRelay();
  auto c = OpenWebSocket(port());
  ASSERT_TRUE(c);
  auto stopped = std::async(std::launch::async, [&] { return relay_->Stop(); });
  std::optional<WsFrame> frame;
  do {
    frame = NextFrame(*c);
  } while (frame && frame->opcode == kOpBinary);  // the Closing push
  ASSERT_TRUE(frame) << "no close frame";
  EXPECT_EQ(frame->opcode, kOpClose);
  EXPECT_EQ(frame->payload.substr(0, 2), std::string("\x03\xe9", 2));
  EXPECT_TRUE(c->Write(ClientFrame(kOpClose, frame->payload.substr(0, 2))));
  EXPECT_TRUE(c->WaitEof(kWait));
  EXPECT_TRUE(c->got_close_notify());
  c->SendCloseNotify();
  c.reset();
  EXPECT_EQ(stopped.get(), 0) << relay_->ReadLog();
  EXPECT_EQ(relay_->ReadLog().find("did not close in time"), std::string::npos);
}

}  // namespace
}  // namespace kollega::testing
