// RawSocket: a blocking loopback TCP socket with a deadline on every read and
// send, for tests that write bytes the WebSocket client would never send.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace kollega::testing {

class RawSocket {
 public:
  // Sends give up after 3 s: a relay that neither reads nor closes must
  // fail the test, not hang it. `rcvbuf` > 0 sets SO_RCVBUF before
  // connecting, so that the window the relay sees is small from the start.
  // Null if nothing listens on `port`.
  static std::unique_ptr<RawSocket> Connect(uint16_t port, int rcvbuf = 0);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  // False if the relay already closed (EPIPE/ECONNRESET are answers too)
  // or `timeout` passed first (what was not sent is dropped).
  bool Write(const std::string& bytes,
             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

  // Reads until `marker` has arrived (true) or EOF/timeout (false); all
  // bytes read so far stay in received().
  bool ReadUntil(const std::string& marker, std::chrono::milliseconds timeout);

  // Reads until received() holds at least `count` bytes.
  bool ReadAtLeast(size_t count, std::chrono::milliseconds timeout);

  // True if the relay ends the connection (EOF or reset) within timeout.
  bool WaitEof(std::chrono::milliseconds timeout);

  // True if the relay closes or resets the connection within `timeout`,
  // found without reading: what it sent stays unread in the socket, so a
  // client that stopped reading stays stopped.
  bool WaitClosedWithoutReading(std::chrono::milliseconds timeout);

  const std::string& received() const { return received_; }
  // Drops the first `count` received bytes.
  void Consume(size_t count) { received_.erase(0, count); }

 private:
  explicit RawSocket(int fd) : fd_(fd) {}

  // One read; false on EOF, error or deadline.
  bool ReadSome(std::chrono::steady_clock::time_point deadline);

  int fd_;
  bool eof_ = false;
  std::string received_;
};

}  // namespace kollega::testing
