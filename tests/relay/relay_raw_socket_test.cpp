// Bad input below the relay protocol, written byte by byte on a plain TCP
// socket: garbage instead of HTTP, oversized headers, a broken WebSocket
// handshake, and WebSocket framing that RFC 6455 forbids. Each connection
// must end promptly (well before the 15 s HTTP deadline), a framing error
// with a close frame that names it, and the relay must keep serving others.
// Slow clients: one that stops mid-request is cut at --http-timeout, and
// the deadline ends at the upgrade.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <optional>
#include <random>
#include <thread>

#include "relay_fixture.h"
#include "support/raw_socket.h"

namespace kollega::testing {
namespace {

constexpr milliseconds kPrompt{3000};

std::string UpgradeRequest(bool with_key = true) {
  std::string r =
      "GET /v1/websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n";
  if (with_key) r += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  return r + "\r\n";
}

// A client frame: `head` is the first byte (FIN, RSV bits, opcode). Masked
// unless told otherwise, as RFC 6455 requires of clients. `declared`
// overrides the length field (the payload sent stays `payload`).
std::string ClientFrame(uint8_t head, const std::string& payload, bool masked = true,
                        std::optional<uint64_t> declared = std::nullopt) {
  const uint64_t len = declared.value_or(payload.size());
  std::string f(1, static_cast<char>(head));
  const char mask_bit = masked ? '\x80' : '\x00';
  if (len < 126) {
    f += static_cast<char>(mask_bit | static_cast<char>(len));
  } else if (len <= 0xffff) {
    f += static_cast<char>(mask_bit | 126);
    f += static_cast<char>(len >> 8);
    f += static_cast<char>(len & 0xff);
  } else {
    f += static_cast<char>(mask_bit | 127);
    for (int shift = 56; shift >= 0; shift -= 8) f += static_cast<char>((len >> shift) & 0xff);
  }
  const char key[4] = {0x11, 0x22, 0x33, 0x44};
  if (masked) f.append(key, 4);
  for (size_t i = 0; i < payload.size(); ++i) {
    f += masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i];
  }
  return f;
}

// The status code of the first close frame among the server's frames in
// `bytes` (which start at a frame boundary), or 0 if there is none.
uint16_t CloseCode(const std::string& bytes) {
  auto at = [&](size_t i) { return static_cast<uint8_t>(bytes[i]); };
  size_t i = 0;
  while (i + 2 <= bytes.size()) {
    const uint8_t opcode = at(i) & 0x0f;
    uint64_t len = at(i + 1) & 0x7f;
    size_t header = 2;
    if (len == 126) {
      if (i + 4 > bytes.size()) break;
      len = (uint64_t{at(i + 2)} << 8) | at(i + 3);
      header = 4;
    } else if (len == 127) {
      if (i + 10 > bytes.size()) break;
      len = 0;
      for (size_t k = 0; k < 8; ++k) len = (len << 8) | at(i + 2 + k);
      header = 10;
    }
    if (i + header + len > bytes.size()) break;
    if (opcode == 0x8 && len >= 2)
      return static_cast<uint16_t>((at(i + header) << 8) | at(i + header + 1));
    i += header + len;
  }
  return 0;
}

class RawSocketTest : public RelayTest {
 protected:
  // The relay still serves a well-behaved client.
  void ExpectServing() {
    auto c = TestClient::Connect(port());
    ASSERT_TRUE(c);
    auto r = c->Call(PingRequest());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->code(), wire::OK);
  }

  // Connects and completes the WebSocket handshake; the relay's frames
  // (its first Challenge) follow the returned offset in received().
  std::unique_ptr<RawSocket> Upgraded(size_t* frames_at) {
    auto s = RawSocket::Connect(port());
    if (!s || !s->Write(UpgradeRequest()) || !s->ReadUntil("\r\n\r\n", kPrompt)) return nullptr;
    EXPECT_EQ(s->received().rfind("HTTP/1.1 101", 0), 0u) << s->received();
    *frames_at = s->received().find("\r\n\r\n") + 4;
    return s;
  }
};

TEST_F(RawSocketTest, GarbageInsteadOfHttpIsDroppedAtOnce) {
  std::mt19937 rng(7);
  for (size_t size : {1, 16, 300, 5000, 70000}) {
    SCOPED_TRACE("garbage of " + std::to_string(size) + " bytes");
    std::string garbage(size, '\0');
    for (char& c : garbage) c = static_cast<char>(rng());
    garbage[0] = '\x01';  // not a TLS ClientHello, not a letter of a method
    auto s = RawSocket::Connect(port());
    ASSERT_TRUE(s);
    s->Write(garbage);
    EXPECT_TRUE(s->WaitEof(kPrompt));
  }
  ExpectServing();
}

TEST_F(RawSocketTest, OversizeHttpHeadersAreRefused) {
  auto s = RawSocket::Connect(port());
  ASSERT_TRUE(s);
  s->Write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(s->WaitEof(kPrompt));
  EXPECT_EQ(s->received().find("200 OK"), std::string::npos) << s->received();
  ExpectServing();
}

TEST_F(RawSocketTest, UpgradeWithoutAKeyIsABadRequest) {
  auto s = RawSocket::Connect(port());
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->Write(UpgradeRequest(/*with_key=*/false)));
  EXPECT_TRUE(s->WaitEof(kPrompt));
  EXPECT_EQ(s->received().rfind("HTTP/1.1 400", 0), 0u) << s->received();
  ExpectServing();
}

struct Violation {
  const char* name;
  std::string frame;
  uint16_t close_code;
};

TEST_F(RawSocketTest, ForbiddenWebSocketFramingIsClosedWithACode) {
  const std::vector<Violation> violations = {
      {"unmasked client frame", ClientFrame(0x82, "abc", /*masked=*/false), 1002},
      {"reserved bit without an extension", ClientFrame(0xC2, "abc"), 1002},
      {"unknown data opcode", ClientFrame(0x83, "abc"), 1002},
      {"unknown control opcode", ClientFrame(0x8B, ""), 1002},
      {"control frame over 125 bytes", ClientFrame(0x89, std::string(126, 'p')), 1002},
      {"fragmented control frame", ClientFrame(0x09, "p"), 1002},
      {"continuation without a start", ClientFrame(0x80, "abc"), 1002},
      {"close with a reserved status code", ClientFrame(0x88, std::string("\x03\xe7", 2)), 1002},
      {"close with a one-byte payload", ClientFrame(0x88, "x"), 1002},
      // RFC 6455 forbids the top bit; Beast finds the length over the cap first.
      {"length with the top bit set", ClientFrame(0x82, "", true, uint64_t{1} << 63), 1009},
      {"message over the frame cap", ClientFrame(0x82, "", true, uint64_t{1} << 40), 1009},
  };
  for (const Violation& v : violations) {
    SCOPED_TRACE(v.name);
    size_t frames_at = 0;
    auto s = Upgraded(&frames_at);
    ASSERT_TRUE(s);
    s->Write(v.frame);
    EXPECT_TRUE(s->WaitEof(kPrompt));
    EXPECT_EQ(CloseCode(s->received().substr(frames_at)), v.close_code);
  }
  ExpectServing();
}

TEST_F(RawSocketTest, AbandonedHandshakesAndHalfFramesLeaveTheRelayServing) {
  // Sockets left mid-request and mid-frame, then dropped without a close:
  // each session must end and free its socket, and none may stall others.
  std::vector<std::unique_ptr<RawSocket>> left;
  for (int i = 0; i < 20; ++i) {
    auto s = RawSocket::Connect(port());
    ASSERT_TRUE(s);
    s->Write(UpgradeRequest().substr(0, 30));
    left.push_back(std::move(s));
    size_t frames_at = 0;
    auto w = Upgraded(&frames_at);
    ASSERT_TRUE(w);
    std::string frame = ClientFrame(0x82, std::string(200, 'x'));
    w->Write(frame.substr(0, 50));
    left.push_back(std::move(w));
  }
  ExpectServing();
  left.clear();  // abrupt closes while the relay waits for the rest
  ExpectServing();
  // The sessions are gone: the relay counts no WebSocket connection but ours.
  std::string metrics;
  for (int i = 0; i < 50; ++i) {
    metrics = HttpGet(metrics_port(), "/metrics");
    if (metrics.find("kollega_connections 0\n") != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(100));
  }
  EXPECT_NE(metrics.find("kollega_connections 0\n"), std::string::npos) << metrics;
}

// A relay whose HTTP deadline is one second.
class HttpTimeoutTest : public RawSocketTest {
 protected:
  void SetUp() override { StartRelay({"--http-timeout", "1"}); }
};

TEST_F(HttpTimeoutTest, AClientThatStopsMidRequestIsCutAtTheDeadline) {
  auto s = RawSocket::Connect(port());
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  EXPECT_FALSE(s->WaitEof(milliseconds(300))) << "cut before its deadline";
  EXPECT_TRUE(s->WaitEof(kPrompt)) << "still open well past --http-timeout";
  ExpectServing();
  EXPECT_NE(HttpGet(metrics_port(), "/metrics").find("kollega_http_timeouts_total 1\n"),
            std::string::npos);
}

TEST_F(HttpTimeoutTest, AKeptAliveConnectionGetsTheDeadlineForEachRequest) {
  auto s = RawSocket::Connect(port());
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->Write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  ASSERT_TRUE(s->ReadUntil("ok\n", kPrompt)) << s->received();
  // Idle between requests counts too: the next request never comes.
  EXPECT_TRUE(s->WaitEof(kPrompt));
}

TEST_F(HttpTimeoutTest, AWebSocketOutlivesTheHttpDeadline) {
  auto c = TestClient::Connect(port());
  ASSERT_TRUE(c);
  std::this_thread::sleep_for(milliseconds(2500));
  auto r = c->Call(PingRequest());
  ASSERT_TRUE(r) << "the upgraded connection was cut by the HTTP deadline";
  EXPECT_EQ(r->code(), wire::OK);
}

}  // namespace
}  // namespace kollega::testing
