// WebSocket bytes by hand, for tests that drive the relay from a bare
// socket (TlsSocket, RawSocket): the upgrade, client frames, reading the
// relay's frames, and polling /metrics. Any socket with ReadAtLeast(),
// received() and Consume() will do.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "support/relay_process.h"
#include "support/test_client.h"

namespace kollega::testing {

inline constexpr char kUpgrade[] =
    "GET /v1/websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
    "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

inline constexpr uint8_t kOpText = 0x1, kOpBinary = 0x2, kOpClose = 0x8, kOpPing = 0x9,
                         kOpPong = 0xa;

// A client's masked frame; the zero mask key leaves the payload as is.
// Payloads here stay under 126 bytes (control frames may not be longer).
inline std::string ClientFrame(uint8_t opcode, const std::string& payload) {
  std::string frame = {
      static_cast<char>(0x80 | opcode), static_cast<char>(0x80 | payload.size()), 0, 0, 0, 0};
  return frame + payload;
}
inline std::string Ping(const std::string& payload) { return ClientFrame(kOpPing, payload); }

struct WsFrame {
  uint8_t opcode = 0;
  std::string payload;
};

// The next frame from the relay (unmasked, as a server's are), taken out of
// s.received(); nullopt if it does not arrive whole within `timeout`.
template <class Socket>
std::optional<WsFrame> NextFrame(Socket& s, milliseconds timeout = kWait) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto left = [&] {
    return std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  };
  auto byte = [&](size_t i) { return static_cast<uint8_t>(s.received()[i]); };
  if (!s.ReadAtLeast(2, left())) return std::nullopt;
  size_t header = 2;
  uint64_t length = byte(1) & 0x7f;
  if (length >= 126) {
    header = length == 126 ? 4 : 10;
    if (!s.ReadAtLeast(header, left())) return std::nullopt;
    length = 0;
    for (size_t i = 2; i < header; ++i) length = (length << 8) | byte(i);
  }
  if (!s.ReadAtLeast(header + length, left())) return std::nullopt;
  WsFrame frame{static_cast<uint8_t>(byte(0) & 0x0f), s.received().substr(header, length)};
  s.Consume(header + length);
  return frame;
}

// Upgrades a connected socket to a WebSocket and reads the relay's greeting
// (a Challenge push); null (and a test failure) otherwise.
template <class Socket>
std::unique_ptr<Socket> Upgrade(std::unique_ptr<Socket> s) {
  if (!s) {
    ADD_FAILURE() << "cannot connect";
    return nullptr;
  }
  if (!s->Write(kUpgrade) || !s->ReadUntil("\r\n\r\n", kWait)) {
    ADD_FAILURE() << "no answer to the upgrade: " << s->received();
    return nullptr;
  }
  const size_t end = s->received().find("\r\n\r\n") + 4;
  if (s->received().find("101 Switching Protocols") > end) {
    ADD_FAILURE() << "upgrade refused: " << s->received();
    return nullptr;
  }
  s->Consume(end);
  auto greeting = NextFrame(*s);
  if (!greeting || greeting->opcode != kOpBinary) {
    ADD_FAILURE() << "no Challenge push after the upgrade";
    return nullptr;
  }
  return s;
}

// The value of the metric `name` on /metrics, or -1 if it is missing.
inline int64_t Metric(uint16_t port, const std::string& name) {
  const std::string metrics = HttpGet(port, "/metrics");
  const size_t at = metrics.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(metrics.substr(at + name.size() + 2));
}

// Polls /metrics until `name` is `want`: the relay notices a vanished peer
// a moment after the test made it vanish.
inline ::testing::AssertionResult MetricBecomes(uint16_t port, const std::string& name,
                                                int64_t want, milliseconds timeout = kWait) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  int64_t value = Metric(port, name);
  while (value != want && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(50));
    value = Metric(port, name);
  }
  if (value == want) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << name << " is " << value << ", expected " << want;
}

}  // namespace kollega::testing
