// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/raw_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/relay_process.h"

namespace kollega::testing {

using std::chrono::milliseconds;

std::unique_ptr<RawSocket> RawSocket::Connect(uint16_t port) {
  int fd = ConnectLoopback(port, 3);
  if (fd < 0) return nullptr;
  return std::unique_ptr<RawSocket>(new RawSocket(fd));
}

RawSocket::~RawSocket() { ::close(fd_); }

bool RawSocket::Write(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
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

bool RawSocket::WaitEof(milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ReadSome(deadline)) {
  }
  return eof_;
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
