// A bare Boost.Beast WebSocket echo server: the baseline the relay is
// measured against. It does the least a WebSocket server can do per message
// (read one binary frame, write it back) on a multi-threaded io_context with
// one strand per connection, the same shape the relay uses; any gap between
// the two is the relay's own per-message work.
//
// Thread-safety: Start/Stop from one controlling thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace kollega::bench {

class EchoServer {
 public:
  EchoServer();
  ~EchoServer();

  // PEM files; TLS (wss://) when `cert` is set, plain ws:// otherwise.
  struct TlsFiles {
    std::string cert;
    std::string key;
  };

  // Binds 127.0.0.1:port (0 = ephemeral) and serves on `threads` threads.
  // Returns the bound port, or 0 with *error set.
  uint16_t Start(uint16_t port, int threads, const TlsFiles& tls, std::string* error);
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kollega::bench
