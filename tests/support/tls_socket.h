// TlsSocket: a blocking loopback TLS 1.3 client on OpenSSL, with a deadline
// on every read and send, for tests of the relay's TLS stream. Unlike a real
// client it can misbehave on purpose: update its keys at any moment, send
// part of a record, stop reading, or reset the connection.
//
// OpenSSL reads from and writes to memory buffers; this class moves the
// bytes between them and the socket itself. That is what lets a test cut a
// record short, and keeps every wait in one poll() with a deadline.
//
// Ownership: owns its socket and OpenSSL objects. Thread-safety: none; one
// thread per socket (several sockets may run in different threads).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

struct bio_st;
struct ssl_st;

namespace kollega::testing {

class TlsSocket {
 public:
  // What TLS 1.3 adds to each record: a 5-byte header, the inner content
  // type and a 16-byte AEAD tag (OpenSSL adds no padding by default).
  static constexpr size_t kRecordOverhead = 5 + 1 + 16;

  // Connects to 127.0.0.1:port and completes a TLS 1.3 handshake within
  // `timeout`; the certificate is not checked (the relay's is self-signed).
  // `rcvbuf` > 0 sets SO_RCVBUF before connecting, so that the window the
  // relay sees is small from the start. Null on failure.
  static std::unique_ptr<TlsSocket> Connect(
      uint16_t port, int rcvbuf = 0,
      std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  ~TlsSocket();
  TlsSocket(const TlsSocket&) = delete;
  TlsSocket& operator=(const TlsSocket&) = delete;

  // Encrypts `bytes` and sends them within `timeout`. False on timeout (what
  // was not sent stays queued for the next write) or when the connection is
  // gone (a reset is an answer too).
  bool Write(const std::string& bytes,
             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

  // Reads until `marker` has arrived (true) or EOF/timeout (false). All
  // plaintext read stays in received() until Consume()d.
  bool ReadUntil(const std::string& marker, std::chrono::milliseconds timeout);
  // Reads until received() holds at least `count` bytes.
  bool ReadAtLeast(size_t count, std::chrono::milliseconds timeout);
  // True if the relay ends the connection (close_notify, EOF or reset)
  // within `timeout`; plaintext that arrives meanwhile is kept.
  bool WaitEof(std::chrono::milliseconds timeout);

  // True if the relay closes or resets the connection within `timeout`,
  // found without reading: what it sent stays unread in the socket, so a
  // client that stopped reading stays stopped.
  bool WaitClosedWithoutReading(std::chrono::milliseconds timeout);

  const std::string& received() const { return received_; }
  // Drops the first `count` received bytes.
  void Consume(size_t count) { received_.erase(0, count); }
  bool got_close_notify() const { return close_notify_; }
  // KeyUpdate messages received from the relay so far.
  int peer_key_updates() const { return peer_key_updates_; }

  // Starts using new keys for what this side sends; with
  // `request_peer_update` the relay must answer with a KeyUpdate of its own.
  // With `send_now` the KeyUpdate goes out in a send of its own; otherwise
  // it leaves in front of the next Write's data, in the same send.
  bool KeyUpdate(bool request_peer_update, bool send_now = true);

  // Encrypts `bytes` but sends only the first `keep` bytes of the resulting
  // ciphertext (anything queued is sent first). The rest is dropped, so the
  // stream is broken from here on: only silence or Reset() make sense. False
  // if sending fails or `keep` is not shorter than the ciphertext.
  bool WriteTruncated(const std::string& bytes, size_t keep);

  // From now on each send() carries at most `bytes` (0: no limit), so the
  // relay receives records split across many TCP segments.
  void set_send_chunk(size_t bytes) { send_chunk_ = bytes; }

  // Sends a close_notify alert; the socket stays open.
  bool SendCloseNotify();

  // Closes the socket with an RST instead of a FIN (SO_LINGER {1, 0}).
  void Reset();

 private:
  using Clock = std::chrono::steady_clock;

  TlsSocket(int fd, ssl_st* ssl, bio_st* in, bio_st* out);
  bool Handshake(Clock::time_point deadline);
  // Moves what OpenSSL wrote to its output buffer to pending_out_.
  void CollectOutput();
  // Sends pending_out_; false on timeout or a broken connection.
  bool Flush(Clock::time_point deadline);
  // Waits for and receives one chunk into OpenSSL's input buffer; false on
  // EOF, error or deadline.
  bool Receive(Clock::time_point deadline);
  // Receive(), then decrypts all complete records into received_; false if
  // nothing new arrived (EOF, error or deadline).
  bool ReadSome(Clock::time_point deadline);
  static void OnTlsMessage(int write_p, int version, int content_type, const void* buf, size_t len,
                           ssl_st* ssl, void* arg);

  int fd_;
  ssl_st* ssl_;
  bio_st* in_;   // owned by ssl_: ciphertext from the socket
  bio_st* out_;  // owned by ssl_: ciphertext for the socket
  std::string pending_out_;
  size_t send_chunk_ = 0;
  std::string received_;
  bool eof_ = false;
  bool close_notify_ = false;
  int peer_key_updates_ = 0;
};

}  // namespace kollega::testing
