// SPDX-License-Identifier: GPL-3.0-or-later
#include "attack_edge.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <vector>

namespace kollega::bench {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

enum class Kind { kFlood, kTrickle, kOversize };

struct Socket {
  int fd = -1;
  Kind kind = Kind::kFlood;
  bool upgraded = false;
  bool header_sent = false;  // trickle: the frame header is out
  std::string in;
  Clock::time_point opened, next_byte;
  ~Socket() {
    if (fd >= 0) ::close(fd);
  }
};

// A client frame must be masked (RFC 6455 §5.3); the key may be anything.
std::string FrameHeader(size_t length) {
  std::string h;
  h.push_back(static_cast<char>(0x82));  // FIN, binary
  if (length < 126) {
    h.push_back(static_cast<char>(0x80 | length));
  } else if (length < 65536) {
    h.push_back(static_cast<char>(0x80 | 126));
    h.push_back(static_cast<char>(length >> 8));
    h.push_back(static_cast<char>(length & 0xff));
  } else {
    h.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) h.push_back(static_cast<char>(length >> shift));
  }
  h.append("\x11\x22\x33\x44", 4);
  return h;
}

bool SendAll(int fd, const std::string& bytes, uint64_t* counter) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  *counter += bytes.size();
  return true;
}

// Parses one server frame (unmasked) from the front of `in`: its opcode
// and, for a close frame, its code. False while the frame is incomplete.
bool TakeFrame(std::string& in, int* opcode, int* close_code) {
  if (in.size() < 2) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(in.data());
  size_t length = b[1] & 0x7f, at = 2;
  if (length == 126) {
    if (in.size() < 4) return false;
    length = (size_t{b[2]} << 8) | b[3];
    at = 4;
  } else if (length == 127) {
    if (in.size() < 10) return false;
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | b[i];
    at = 10;
  }
  if (in.size() < at + length) return false;
  *opcode = b[0] & 0x0f;
  *close_code = length >= 2 ? (b[at] << 8) | b[at + 1] : 0;
  in.erase(0, at + length);
  return true;
}

}  // namespace

std::string DescribeEnds(const std::map<int, uint64_t>& ended_by_code) {
  std::string out;
  for (const auto& [code, n] : ended_by_code) {
    if (!out.empty()) out += ", ";
    out += (code == 0 ? std::string("no close frame") : "close " + std::to_string(code)) + " x" +
           std::to_string(n);
  }
  return out.empty() ? "none" : out;
}

void EdgeAttackers::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void EdgeAttackers::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void EdgeAttackers::Run() {
  if (options_.nice) setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
  std::vector<std::unique_ptr<Socket>> sockets;
  auto counts_of = [this](Kind kind) -> EdgeAttackerCounts& {
    return kind == Kind::kFlood     ? counts_.flood
           : kind == Kind::kTrickle ? counts_.trickle
                                    : counts_.oversize;
  };
  const std::string request =
      "GET /v1/websocket HTTP/1.1\r\nHost: " + options_.host + ":" + std::to_string(options_.port) +
      "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  sockaddr_in relay{}, local{};
  relay.sin_family = local.sin_family = AF_INET;
  relay.sin_port = htons(options_.port);
  inet_pton(AF_INET, options_.host.c_str(), &relay.sin_addr);
  inet_pton(AF_INET, options_.source.c_str(), &local.sin_addr);

  auto open = [&](Kind kind) -> bool {
    EdgeAttackerCounts& c = counts_of(kind);
    auto s = std::make_unique<Socket>();
    s->kind = kind;
    s->fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (s->fd < 0) return false;
    if (::bind(s->fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
        ::connect(s->fd, reinterpret_cast<sockaddr*>(&relay), sizeof relay) != 0) {
      ++c.closed_before_upgrade;
      return false;
    }
    ++c.opened;
    if (!SendAll(s->fd, request, &c.bytes_sent)) {
      ++c.closed_before_upgrade;
      return false;
    }
    s->opened = Clock::now();
    sockets.push_back(std::move(s));
    return true;
  };
  auto live = [&](Kind kind) {
    return static_cast<int>(std::count_if(sockets.begin(), sockets.end(),
                                          [kind](const auto& s) { return s && s->kind == kind; }));
  };
  auto open_now = [&](Kind kind) {
    return static_cast<int>(std::count_if(sockets.begin(), sockets.end(), [kind](const auto& s) {
      return s && s->kind == kind && s->upgraded;
    }));
  };
  // After a refusal an attacker waits a little before the next attempt:
  // hammering a cap that refuses at once costs both sides CPU for nothing.
  Clock::time_point retry_at[3] = {};
  Clock::time_point next_oversize = Clock::now();

  while (!stop_) {
    const auto now = Clock::now();
    for (Kind kind : {Kind::kFlood, Kind::kTrickle}) {
      const int want = kind == Kind::kFlood ? options_.flood_target : options_.trickle_sockets;
      for (int n = 0; n < 32 && live(kind) < want && now >= retry_at[static_cast<int>(kind)]; ++n) {
        if (!open(kind)) retry_at[static_cast<int>(kind)] = now + 100ms;
      }
    }
    if (now >= next_oversize && live(Kind::kOversize) == 0) {
      open(Kind::kOversize);
      next_oversize = now + std::chrono::milliseconds(options_.oversize_interval_ms);
    }
    // Trickle one byte a second into the announced frame.
    for (auto& s : sockets) {
      if (s->kind != Kind::kTrickle || !s->upgraded || now < s->next_byte) continue;
      EdgeAttackerCounts& c = counts_.trickle;
      if (!s->header_sent) {
        s->header_sent = SendAll(s->fd, FrameHeader(options_.trickle_frame), &c.bytes_sent);
      } else {
        SendAll(s->fd, std::string(1, 'x'), &c.bytes_sent);
      }
      s->next_byte = now + 1s;
    }

    std::vector<pollfd> fds;
    for (auto& s : sockets) fds.push_back({s->fd, POLLIN, 0});
    ::poll(fds.data(), fds.size(), 20);
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      Socket& s = *sockets[i];
      EdgeAttackerCounts& c = counts_of(s.kind);
      char buffer[4096];
      ssize_t n = ::recv(s.fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
      bool ended = n <= 0;
      int close_code = 0;
      if (n > 0) s.in.append(buffer, static_cast<size_t>(n));
      if (!s.upgraded) {
        const size_t end = s.in.find("\r\n\r\n");
        if (end != std::string::npos) {
          if (s.in.rfind("HTTP/1.1 101", 0) == 0) {
            s.upgraded = true;
            ++c.upgraded;
            s.in.erase(0, end + 4);
            c.peak_open = std::max(c.peak_open, open_now(s.kind));
            if (s.kind == Kind::kOversize) {
              std::string frame = FrameHeader(options_.oversize_frame);
              frame.append(options_.oversize_frame, 'x');  // masked or not: it is refused
              SendAll(s.fd, frame, &c.bytes_sent);
            }
          } else {
            if (s.in.find(" 503 ") != std::string::npos) {
              ++c.refused;
              retry_at[static_cast<int>(s.kind)] = Clock::now() + 100ms;
            } else {
              ++c.closed_before_upgrade;
            }
            ended = true;
            s.upgraded = false;
            s.in.clear();
            s.fd = (::close(s.fd), -1);
          }
        } else if (ended) {
          ++c.closed_before_upgrade;
          s.fd = (::close(s.fd), -1);
        }
      }
      if (s.upgraded) {
        int opcode = 0, code = 0;
        while (TakeFrame(s.in, &opcode, &code)) {
          if (opcode == 8) {
            close_code = code;
            ended = true;
          }
        }
        if (ended) {
          ++c.ended_by_code[close_code];
          c.longest_s =
              std::max(c.longest_s, std::chrono::duration<double>(Clock::now() - s.opened).count());
        }
      }
      if (ended) sockets[i].reset();
    }
    sockets.erase(std::remove(sockets.begin(), sockets.end(), nullptr), sockets.end());
  }
  sockets.clear();
}

}  // namespace kollega::bench
