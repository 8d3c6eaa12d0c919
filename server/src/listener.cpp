// ListenerImpl: the accept loop of the public and the metrics listener, and
// the admission checks of docs/abuse.md that run on each accepted socket
// before anything is read from it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "listener.h"

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http_session.h"
#include "kollega/base/log.h"

namespace kollega::server {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;
constexpr char kLog[] = "http";

// The peer as the admission checks see it: an IPv4-mapped IPv6 address (a
// dual-stack listener's view of an IPv4 peer) as the IPv4 address.
asio::ip::address Unmapped(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  }
  return a;
}

std::string AddressBytes(const asio::ip::address& a) {
  if (a.is_v4()) {
    const auto b = a.to_v4().to_bytes();
    return std::string(b.begin(), b.end());
  }
  const auto b = a.to_v6().to_bytes();
  return std::string(b.begin(), b.end());
}

class ListenerImpl final : public Listener, public std::enable_shared_from_this<ListenerImpl> {
 public:
  ListenerImpl(asio::io_context& ioc, asio::ssl::context* tls, ServerContext& ctx,
               ListenerRole role)
      : ioc_(ioc),
        tls_(tls),
        ctx_(ctx),
        role_(role),
        acceptor_(asio::make_strand(ioc)),
        limiter_(role == ListenerRole::kPublic
                     ? std::make_shared<ConnectionLimiter>(ctx.config.max_connections,
                                                           ctx.config.max_connections_per_source)
                     : nullptr) {
    for (const std::string& proxy : ctx.config.trusted_proxies) {
      error_code ec;
      auto address = asio::ip::make_address(proxy, ec);
      if (!ec) trusted_proxies_.push_back(address);  // config.cpp checked the text
    }
  }

  Status Bind(const std::string& address, uint16_t port) {
    error_code ec;
    auto ip = asio::ip::make_address(address, ec);
    if (ec) {
      return InvalidArgument(role_ == ListenerRole::kPublic
                                 ? "--listen is not an IP address"
                                 : "--metrics-listen is not an IP address");
    }
    tcp::endpoint endpoint(ip, port);
    if (acceptor_.open(endpoint.protocol(), ec); ec) return Unavailable("socket: " + ec.message());
    if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec); ec) {
      return Unavailable("SO_REUSEADDR: " + ec.message());
    }
    if (acceptor_.bind(endpoint, ec); ec) return Unavailable("bind: " + ec.message());
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) {
      return Unavailable("listen: " + ec.message());
    }
    port_ = acceptor_.local_endpoint(ec).port();
    return Status::Ok();
  }

  uint16_t port() const override { return port_; }
  void Start() override { DoAccept(); }
  void Stop() override {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
      error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  // Accepts straight into a socket on a strand of its own, typed as such
  // (PlainStream): see ws_session.h for why no tcp_stream.
  void DoAccept() {
    accepted_.emplace(asio::make_strand(ioc_));
    acceptor_.async_accept(*accepted_,
                           [self = shared_from_this()](error_code ec) { self->OnAccept(ec); });
  }

  void OnAccept(error_code ec) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // E.g. out of file descriptors: keep serving the connections we have,
      // and back off instead of spinning (the pending connection stays in
      // the kernel's backlog until a descriptor frees up). Log once per
      // streak, not once per attempt.
      if (accept_failures_++ == 0) log::Warn(kLog, "accept failed: " + ec.message());
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([self = shared_from_this()](error_code wait_ec) {
        if (!wait_ec) self->DoAccept();
      });
      return;
    }
    if (accept_failures_ > 0) {
      log::Info(kLog,
                "accepting again after " + std::to_string(accept_failures_) + " failed attempts");
      accept_failures_ = 0;
    }
    // Each message is several small frames; without this, Nagle's algorithm
    // and the peer's delayed ACK add ~40 ms to a reply.
    PlainStream socket = std::move(*accepted_);
    accepted_.reset();
    error_code nodelay_ec;
    socket.set_option(tcp::no_delay(true), nodelay_ec);
    if (std::optional<Admission> admission = Admit(socket)) {
      ServeHttp(ctx_, tls_, std::move(socket), *std::move(admission));
    }
    DoAccept();
  }

  // The connection caps and the cleartext rule (docs/abuse.md). The
  // peer's address is used here and kept only in the limiter's memory.
  // Nullopt when refused; the socket has then been answered or closed.
  std::optional<Admission> Admit(PlainStream& socket) {
    Admission admission;
    admission.role = role_;
    if (role_ == ListenerRole::kMetrics) return admission;
    error_code ec;
    const tcp::endpoint peer = socket.remote_endpoint(ec);
    if (ec) return std::nullopt;  // gone already; the socket closes with it
    const asio::ip::address address = Unmapped(peer.address());
    const bool trusted_proxy =
        ctx_.config.behind_proxy && std::find(trusted_proxies_.begin(), trusted_proxies_.end(),
                                              address) != trusted_proxies_.end();
    admission.cleartext_ok = address.is_loopback() || trusted_proxy;
    // Behind a proxy every client shares the proxy's address: only the
    // total cap applies to it; the proxy limits per client.
    const ConnectionLimiter::Verdict verdict =
        limiter_->TryAdmit(trusted_proxy ? std::string() : AddressBytes(address), &admission.slot);
    if (verdict == ConnectionLimiter::Verdict::kAdmitted) return admission;
    ctx_.metrics.Add(verdict == ConnectionLimiter::Verdict::kTotalFull
                         ? ctx_.metrics.connection_refusals_total_cap
                         : ctx_.metrics.connection_refusals_source_cap,
                     1);
    if (tls_ != nullptr) {
      // No HTTP before a TLS handshake, and no handshake for a refused peer.
      socket.close(ec);
    } else {
      RefuseOverCap(std::move(socket));
    }
    return std::nullopt;
  }

  asio::io_context& ioc_;
  asio::ssl::context* tls_;
  ServerContext& ctx_;
  const ListenerRole role_;
  tcp::acceptor acceptor_;
  std::shared_ptr<ConnectionLimiter> limiter_;  // public listener only
  std::vector<asio::ip::address> trusted_proxies_;
  std::optional<PlainStream> accepted_;  // the pending accept's socket
  asio::steady_timer retry_timer_{acceptor_.get_executor()};
  uint64_t accept_failures_ = 0;  // consecutive; touched only by the accept chain
  uint16_t port_ = 0;
};

}  // namespace

Result<std::shared_ptr<Listener>> Listener::Open(asio::io_context& ioc, asio::ssl::context* tls,
                                                 ServerContext& ctx, const std::string& address,
                                                 uint16_t port, ListenerRole role) {
  auto listener = std::make_shared<ListenerImpl>(ioc, tls, ctx, role);
  Status status = listener->Bind(address, port);
  if (!status.ok()) return status;
  return std::shared_ptr<Listener>(std::move(listener));
}

}  // namespace kollega::server
