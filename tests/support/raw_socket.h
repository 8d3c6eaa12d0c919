// RawSocket: a blocking loopback TCP socket with a deadline on every read and
// send, for tests that write bytes the WebSocket client would never send.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace kollega::testing {

class RawSocket {
 public:
  // Sends give up after 3 s: a relay that neither reads nor closes must
  // fail the test, not hang it. Null if nothing listens on `port`.
  static std::unique_ptr<RawSocket> Connect(uint16_t port);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  // False if the relay already closed (EPIPE/ECONNRESET are answers too).
  bool Write(const std::string& bytes);

  // Reads until `marker` has arrived (true) or EOF/timeout (false); all
  // bytes read so far stay in received().
  bool ReadUntil(const std::string& marker, std::chrono::milliseconds timeout);

  // True if the relay ends the connection (EOF or reset) within timeout.
  bool WaitEof(std::chrono::milliseconds timeout);

  const std::string& received() const { return received_; }

 private:
  explicit RawSocket(int fd) : fd_(fd) {}

  // One read; false on EOF, error or deadline.
  bool ReadSome(std::chrono::steady_clock::time_point deadline);

  int fd_;
  bool eof_ = false;
  std::string received_;
};

}  // namespace kollega::testing
