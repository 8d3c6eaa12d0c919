// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/raw_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "support/relay_process.h"

namespace kollega::testing {

using std::chrono::milliseconds;

std::unique_ptr<RawSocket> RawSocket::Connect(uint16_t port, int rcvbuf) {
  int fd = ConnectLoopback(port, 3, rcvbuf);
  if (fd < 0) return nullptr;
  return std::unique_ptr<RawSocket>(new RawSocket(fd));
}

RawSocket::~RawSocket() { ::close(fd_); }

bool RawSocket::Write(const std::string& bytes, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n == 0 || (errno != EAGAIN && errno != EINTR)) return false;  // reset or closed
    auto left =
        std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLOUT, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  }
  return true;
}

bool RawSocket::ReadUntil(const std::string& marker, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (received_.find(marker) == std::string::npos) {
    if (!ReadSome(deadline)) return false;
  }
  return true;
}

bool RawSocket::ReadAtLeast(size_t count, milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (received_.size() < count) {
    if (!ReadSome(deadline)) return false;
  }
  return true;
}

bool RawSocket::WaitEof(milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ReadSome(deadline)) {
  }
  return eof_;
}

bool RawSocket::WaitClosedWithoutReading(milliseconds timeout) {
  // Without POLLIN, unread data does not end the wait; a FIN shows as
  // POLLRDHUP, a reset as POLLERR/POLLHUP (always reported).
  pollfd p{fd_, POLLRDHUP, 0};
  return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

bool RawSocket::ReadSome(std::chrono::steady_clock::time_point deadline) {
  if (eof_) return false;
  auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
  char buf[4096];
  ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  received_.append(buf, static_cast<size_t>(n));
  return true;
}

}  // namespace kollega::testing
