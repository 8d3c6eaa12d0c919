// Transport: what the protocol logic (Connection) needs from the WebSocket
// session that carries it. Keeping Beast behind this interface means the
// request handlers compile without Beast or Asio, and could run over another
// transport unchanged.
//
// Thread-safety: Post() from any thread; everything else only on the
// connection's strand (i.e. inside a handler that Post() or the session ran).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace kollega::server {

class Transport {
 public:
  // What a login is bound to (docs/trust.md §5): whether the relay itself
  // terminates TLS on this connection, that session's exporter value
  // (crypto::kAuthExporterLabel; empty over cleartext), and the local port
  // the client reached.
  struct Channel {
    bool tls = false;
    std::string tls_exporter;
    uint16_t local_port = 0;
    // The peer's address as raw bytes (IPv4: 4 bytes; IPv6: its /64, 8
    // bytes), for per-source limits held in memory only; never logged or
    // stored. Empty if unknown.
    std::string source;
  };

  virtual ~Transport() = default;

  // Fixed for the connection's life: the handshake is over before the
  // WebSocket session starts.
  virtual const Channel& channel() const = 0;

  // Runs `fn` on the connection's strand, keeping the session alive until it
  // has run.
  virtual void Post(std::function<void()> fn) = 0;

  // Queues one binary WebSocket message. Queued messages are written in
  // order, back to back, by a single write loop.
  virtual void SendFrame(std::string bytes) = 0;

  // True when the write queue is past its soft limit: the caller should stop
  // pushing optional traffic (live deliveries) and let the mailbox hold it.
  // The session calls Connection::OnWritable() when the queue has drained.
  virtual bool Backlogged() const = 0;

  // The session reads no further message while the connection says it
  // awaits the store (Connection::AwaitingStore); this starts reading
  // again once it no longer does. Reading also stays paused while the
  // write queue is full, whichever ends last.
  virtual void ResumeReading() {}

  // Sends a close frame with `code` and `reason` once the queued messages
  // are written, then ends the session. Later calls are ignored.
  virtual void Close(uint16_t code, std::string reason) = 0;
};

}  // namespace kollega::server
