// SourceSocket: a blocking TCP client socket bound to a chosen source
// address before it connects, for the admission tests (docs/abuse.md): all
// of 127.0.0.0/8 is loopback on Linux, so 127.0.0.2 is "another source",
// and a machine's own non-loopback address is a non-loopback peer.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "ws_wire.h"

namespace kollega::testing {

class SourceSocket {
 public:
  // Null if the source cannot be bound or the connection fails.
  static std::unique_ptr<SourceSocket> Connect(const std::string& source, const std::string& dest,
                                               uint16_t port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return nullptr;
    timeval tv{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in from{}, to{};
    from.sin_family = to.sin_family = AF_INET;
    to.sin_port = htons(port);
    if (inet_pton(AF_INET, source.c_str(), &from.sin_addr) != 1 ||
        inet_pton(AF_INET, dest.c_str(), &to.sin_addr) != 1 ||
        bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
      close(fd);
      return nullptr;
    }
    return std::unique_ptr<SourceSocket>(new SourceSocket(fd));
  }
  ~SourceSocket() { close(fd_); }
  SourceSocket(const SourceSocket&) = delete;
  SourceSocket& operator=(const SourceSocket&) = delete;

  bool Write(const std::string& bytes) {
    return send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }

  // Reads until the end of an HTTP head, EOF or 3 s; when the answer
  // closes the connection, its body too. Everything read.
  std::string ReadHead() {
    std::string out;
    char buf[4096];
    ssize_t n = 1;
    while (n > 0 && out.find("\r\n\r\n") == std::string::npos) {
      n = recv(fd_, buf, sizeof buf, 0);
      if (n > 0) out.append(buf, static_cast<size_t>(n));
    }
    const bool closes = out.find("Connection: close") != std::string::npos;
    while (n > 0 && closes) {
      n = recv(fd_, buf, sizeof buf, 0);
      if (n > 0) out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

  // Sends a WebSocket upgrade; the status code of the answer ("101",
  // "403", "503", ...), or "" when the relay closed without one.
  std::string UpgradeStatus(std::string* response = nullptr) {
    if (!Write(kUpgrade)) return "";
    std::string head = ReadHead();
    if (response != nullptr) *response = head;
    if (head.rfind("HTTP/1.1 ", 0) != 0 || head.size() < 12) return "";
    return head.substr(9, 3);
  }

 private:
  explicit SourceSocket(int fd) : fd_(fd) {}
  int fd_;
};

// An IPv4 address of this machine that is not loopback (e.g. eth0's), or
// nullopt if it has none.
inline std::optional<std::string> NonLoopbackIpv4() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return std::nullopt;
  std::optional<std::string> found;
  for (ifaddrs* i = list; i != nullptr && !found; i = i->ifa_next) {
    if (i->ifa_addr == nullptr || i->ifa_addr->sa_family != AF_INET) continue;
    if ((i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP)) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
    if ((ntohl(in->sin_addr.s_addr) >> 24) == 127) continue;
    if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) found = text;
  }
  freeifaddrs(list);
  return found;
}

}  // namespace kollega::testing
