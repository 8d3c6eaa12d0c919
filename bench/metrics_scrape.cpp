// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics_scrape.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace kollega::bench {

std::map<std::string, double> ScrapeMetrics(uint16_t metrics_port) {
  std::map<std::string, double> out;
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return out;
  timeval timeout{2, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(metrics_port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string response;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request =
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buffer[16384];
      ssize_t n;
      while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, n);
    }
  }
  ::close(fd);
  size_t body = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.1 200", 0) != 0 || body == std::string::npos) return out;
  // Exposition format: "name{labels} value [timestamp]"; '#' lines are
  // comments. Chunked encoding would break this; a counter page is small
  // enough that servers send it with a Content-Length.
  std::istringstream lines(response.substr(body + 4));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    if (space == std::string::npos) continue;
    std::string name = line.substr(0, space);
    std::string value = line.substr(space + 1);
    // A trailing timestamp: the value is the field before it.
    if (size_t inner = name.rfind(' '); inner != std::string::npos && name.back() != '}') {
      value = name.substr(inner + 1);
      name = name.substr(0, inner);
    }
    char* end = nullptr;
    double v = std::strtod(value.c_str(), &end);
    if (end != value.c_str()) out[name] = v;
  }
  return out;
}

std::string DescribeDeltas(const std::map<std::string, double>& before,
                           const std::map<std::string, double>& after, double per) {
  std::string out;
  for (const auto& [name, value] : after) {
    auto it = before.find(name);
    double delta = value - (it == before.end() ? 0 : it->second);
    if (delta == 0) continue;
    char line[256];
    if (per > 0) {
      std::snprintf(line, sizeof line, "    %-48s %+14.0f  %10.4f per msg\n", name.c_str(), delta,
                    delta / per);
    } else {
      std::snprintf(line, sizeof line, "    %-48s %+14.0f\n", name.c_str(), delta);
    }
    out += line;
  }
  return out;
}

}  // namespace kollega::bench
