// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/tls_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace kollega::testing {

using std::chrono::milliseconds;

namespace {

// Milliseconds left until `deadline` for poll(): 0 once it has passed.
int MsLeft(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

int ConnectTcp(uint16_t port, int rcvbuf) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (rcvbuf > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  // Pings and their pongs are small: without this, Nagle's algorithm and
  // the relay's delayed ACK would add 40 ms here and there.
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // On loopback connect() completes at once; non-blocking from here on, so
  // every wait goes through poll() with a deadline.
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

std::unique_ptr<TlsSocket> TlsSocket::Connect(uint16_t port, int rcvbuf, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  int fd = ConnectTcp(port, rcvbuf);
  if (fd < 0) return nullptr;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (ctx == nullptr) {
    ::close(fd);
    return nullptr;
  }
  SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  SSL* ssl = SSL_new(ctx);
  SSL_CTX_free(ctx);  // the SSL keeps its own reference
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  if (ssl == nullptr || in == nullptr || out == nullptr) {
    SSL_free(ssl);
    BIO_free(in);
    BIO_free(out);
    ::close(fd);
    return nullptr;
  }
  // An empty input buffer means "wait for more", not end of stream.
  BIO_set_mem_eof_return(in, -1);
  SSL_set_bio(ssl, in, out);
  SSL_set_connect_state(ssl);
  std::unique_ptr<TlsSocket> socket(new TlsSocket(fd, ssl, in, out));
  if (!socket->Handshake(deadline)) return nullptr;
  return socket;
}

TlsSocket::TlsSocket(int fd, ssl_st* ssl, bio_st* in, bio_st* out)
    : fd_(fd), ssl_(ssl), in_(in), out_(out) {
  SSL_set_msg_callback(ssl_, &TlsSocket::OnTlsMessage);
  SSL_set_msg_callback_arg(ssl_, this);
}

TlsSocket::~TlsSocket() {
  SSL_free(ssl_);
  if (fd_ >= 0) ::close(fd_);
}

void TlsSocket::OnTlsMessage(int write_p, int, int content_type, const void* buf, size_t len,
                             ssl_st*, void* arg) {
  if (write_p == 0 && content_type == SSL3_RT_HANDSHAKE && len > 0 &&
      static_cast<const unsigned char*>(buf)[0] == SSL3_MT_KEY_UPDATE) {
    ++static_cast<TlsSocket*>(arg)->peer_key_updates_;
  }
}

bool TlsSocket::Handshake(Clock::time_point deadline) {
  for (;;) {
    int r = SSL_do_handshake(ssl_);
    CollectOutput();
    if (!Flush(deadline)) return false;
    if (r == 1) return true;
    if (SSL_get_error(ssl_, r) != SSL_ERROR_WANT_READ) return false;
    if (!Receive(deadline)) return false;
  }
}

void TlsSocket::CollectOutput() {
  char buf[16384];
  int n;
  while ((n = BIO_read(out_, buf, sizeof buf)) > 0)
    pending_out_.append(buf, static_cast<size_t>(n));
}

bool TlsSocket::Flush(Clock::time_point deadline) {
  if (fd_ < 0) return pending_out_.empty();
  size_t done = 0;
  while (done < pending_out_.size()) {
    size_t size = pending_out_.size() - done;
    if (send_chunk_ > 0) size = std::min(size, send_chunk_);
    ssize_t n = ::send(fd_, pending_out_.data() + done, size, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) break;  // reset or closed
    pollfd p{fd_, POLLOUT, 0};
    if (::poll(&p, 1, MsLeft(deadline)) <= 0) break;
  }
  pending_out_.erase(0, done);
  return pending_out_.empty();
}

bool TlsSocket::Receive(Clock::time_point deadline) {
  if (eof_ || fd_ < 0) return false;
  for (;;) {
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      BIO_write(in_, buf, static_cast<int>(n));
      return true;
    }
    if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      eof_ = true;
      return false;
    }
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, MsLeft(deadline)) <= 0) return false;
  }
}

bool TlsSocket::ReadSome(Clock::time_point deadline) {
  if (!Receive(deadline)) return false;
  const size_t before = received_.size();
  for (;;) {
    char buf[16384];
    int n = SSL_read(ssl_, buf, sizeof buf);
    if (n > 0) {
      received_.append(buf, static_cast<size_t>(n));
      continue;
    }
    int error = SSL_get_error(ssl_, n);
    if (error == SSL_ERROR_WANT_READ) break;
    if (error == SSL_ERROR_ZERO_RETURN) close_notify_ = true;
    eof_ = true;  // close_notify, or a record that does not decrypt
    break;
  }
  // Reading may have produced output (e.g. the answer to a KeyUpdate the
  // relay requested); queue it for the next write without waiting here.
  CollectOutput();
  // What arrived just before the end still counts.
  return !eof_ || received_.size() > before;
}

bool TlsSocket::Write(const std::string& bytes, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  size_t done = 0;
  while (done < bytes.size()) {
    // The output is a memory buffer, so SSL_write takes everything at once.
    int n = SSL_write(ssl_, bytes.data() + done,
                      static_cast<int>(std::min<size_t>(bytes.size() - done, INT_MAX)));
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  CollectOutput();
  return Flush(deadline);
}

bool TlsSocket::ReadUntil(const std::string& marker, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (received_.find(marker) == std::string::npos) {
    if (!ReadSome(deadline)) return false;
  }
  return true;
}

bool TlsSocket::ReadAtLeast(size_t count, milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (received_.size() < count) {
    if (!ReadSome(deadline)) return false;
  }
  return true;
}

bool TlsSocket::WaitEof(milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (ReadSome(deadline)) {
  }
  return eof_;
}

bool TlsSocket::WaitClosedWithoutReading(milliseconds timeout) {
  if (fd_ < 0) return true;
  // Without POLLIN, unread data does not end the wait; a FIN shows as
  // POLLRDHUP, a reset as POLLERR/POLLHUP (always reported).
  pollfd p{fd_, POLLRDHUP, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

bool TlsSocket::KeyUpdate(bool request_peer_update, bool send_now) {
  if (SSL_key_update(ssl_, request_peer_update ? SSL_KEY_UPDATE_REQUESTED
                                               : SSL_KEY_UPDATE_NOT_REQUESTED) != 1) {
    return false;
  }
  if (!send_now) return true;
  if (SSL_do_handshake(ssl_) != 1) return false;
  CollectOutput();
  return Flush(Clock::now() + milliseconds(3000));
}

bool TlsSocket::WriteTruncated(const std::string& bytes, size_t keep) {
  const auto deadline = Clock::now() + milliseconds(3000);
  if (!Flush(deadline)) return false;
  if (SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size())) <= 0) return false;
  CollectOutput();
  if (keep >= pending_out_.size()) return false;
  pending_out_.resize(keep);
  return Flush(deadline);
}

bool TlsSocket::SendCloseNotify() {
  SSL_shutdown(ssl_);  // 0: sent, the relay's answer not awaited
  CollectOutput();
  return Flush(Clock::now() + milliseconds(3000));
}

void TlsSocket::Reset() {
  if (fd_ < 0) return;
  linger hard{1, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ::close(fd_);
  fd_ = -1;
  eof_ = true;
}

}  // namespace kollega::testing
