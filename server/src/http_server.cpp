// Listener -> Detector -> HttpSession: the stages before a WebSocket.
//
// HTTP is deliberately tiny: GET /healthz, GET /metrics, and a WebSocket
// upgrade on any path. Requests have no body worth reading, so the parser's
// limits are small, and every read has a deadline so a slow client cannot
// hold a socket open.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <optional>
#include <type_traits>

#include "kollega/base/log.h"
#include "listener.h"
#include "ws_session.h"

namespace kollega::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr uint32_t kMaxHeaderBytes = 8 * 1024;
constexpr uint64_t kMaxBodyBytes = 1024;
constexpr char kLog[] = "http";

using DeadlineTimer =
    asio::basic_waitable_timer<std::chrono::steady_clock,
                               asio::wait_traits<std::chrono::steady_clock>, Strand>;

// Gives the step about to start (TLS detection or handshake, reading a
// request, writing a response, TLS shutdown) --http-timeout seconds; then
// `owner->OnDeadline()` cuts the socket, the pending operation fails and the
// session ends. Re-arming replaces the previous wait. The wait holds its
// owner weakly, so an owner that ended early is not kept alive by it.
template <class Owner>
void ArmDeadline(DeadlineTimer& timer, const ServerContext& ctx, std::weak_ptr<Owner> owner) {
  timer.expires_after(std::chrono::seconds(ctx.config.http_timeout_seconds));
  timer.async_wait([owner = std::move(owner)](beast::error_code ec) {
    if (ec) return;  // re-armed, cancelled or destroyed
    if (auto self = owner.lock()) self->OnDeadline();
  });
}

void CutForTimeout(ServerContext& ctx, PlainStream& socket) {
  ctx.metrics.http_timeouts.fetch_add(1, std::memory_order_relaxed);
  beast::error_code ignored;
  socket.close(ignored);
}

template <class Stream>
class HttpSession final : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(ServerContext& ctx, Stream&& stream, beast::flat_buffer buffer)
      : ctx_(ctx),
        stream_(std::move(stream)),
        buffer_(std::move(buffer)),
        deadline_(stream_.get_executor()) {}

  // TLS first needs its handshake (the detector only peeked).
  void RunTls() {
    ArmDeadline(deadline_, ctx_, this->weak_from_this());
    stream_.async_handshake([self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->DoRead();
    });
  }

  void DoRead() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxBodyBytes);
    ArmDeadline(deadline_, ctx_, this->weak_from_this());
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::OnRead, this->shared_from_this()));
  }

  void OnDeadline() {
    if (handed_off_) return;  // the WebSocket session owns the stream now
    CutForTimeout(ctx_, beast::get_lowest_layer(stream_));
  }

 private:
  void OnRead(beast::error_code ec, size_t) {
    if (ec == http::error::end_of_stream) return DoShutdown();
    if (ec) return;  // timeout, reset or garbage: drop the socket
    if (beast::websocket::is_upgrade(parser_->get())) {
      // Beast's websocket timeouts take over from here.
      handed_off_ = true;
      deadline_.cancel();
      RunWebSocketSession(ctx_, std::move(stream_), parser_->release());
      return;
    }
    Respond(parser_->release());
  }

  void Respond(const http::request<http::string_body>& req) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(req.version());
    res->keep_alive(req.keep_alive());
    res->set(http::field::server, "kollega-relay");
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      res->result(http::status::method_not_allowed);
      res->body() = "method not allowed\n";
    } else if (req.target() == "/healthz") {
      res->result(http::status::ok);
      res->body() = "ok\n";
    } else if (req.target() == "/metrics") {
      res->result(http::status::ok);
      res->set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      res->body() = ctx_.metrics.Render(ctx_.store->Stats());
    } else {
      res->result(http::status::not_found);
      res->body() = "not found\n";
    }
    res->prepare_payload();
    if (req.method() == http::verb::head) res->body().clear();
    ArmDeadline(deadline_, ctx_, this->weak_from_this());
    http::async_write(stream_, *res,
                      [self = this->shared_from_this(), res](beast::error_code ec, size_t) {
                        if (ec) return;
                        if (res->need_eof()) return self->DoShutdown();
                        self->DoRead();
                      });
  }

  void DoShutdown() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      ArmDeadline(deadline_, ctx_, this->weak_from_this());
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ec;
      stream_.shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  ServerContext& ctx_;
  Stream stream_;
  beast::flat_buffer buffer_;
  DeadlineTimer deadline_;
  bool handed_off_ = false;
  std::optional<http::request_parser<http::string_body>> parser_;
};

// Tells a TLS ClientHello from plain HTTP by peeking at the first byte
// without reading it: 0x16 opens a TLS handshake record, a request line
// opens with a letter. OpenSSL then reads the whole ClientHello itself.
class Detector final : public std::enable_shared_from_this<Detector> {
 public:
  Detector(ServerContext& ctx, asio::ssl::context* tls, PlainStream&& socket)
      : ctx_(ctx), tls_(tls), socket_(std::move(socket)), deadline_(socket_.get_executor()) {}

  void Run() {
    if (tls_ == nullptr) {
      return std::make_shared<HttpSession<PlainStream>>(ctx_, std::move(socket_),
                                                        beast::flat_buffer())
          ->DoRead();
    }
    ArmDeadline(deadline_, ctx_, weak_from_this());
    WaitReadable();
  }

  void OnDeadline() {
    if (detected_) return;
    CutForTimeout(ctx_, socket_);
  }

 private:
  // A peeking receive, not an async_wait: Asio tries a receive at once, so
  // a ClientHello that arrived before the wait was queued is not missed
  // (lean_tls_stream.h says why a blind wait can miss it).
  void WaitReadable() {
    socket_.async_receive(asio::buffer(&first_, 1), tcp::socket::message_peek,
                          beast::bind_front_handler(&Detector::OnReadable, shared_from_this()));
  }

  void OnReadable(beast::error_code ec, size_t n) {
    detected_ = true;
    deadline_.cancel();
    if (ec || n == 0) return;  // closed before saying anything, reset, or cut at the deadline
    if (first_ == 0x16) {
      std::make_shared<HttpSession<TlsStream>>(
          ctx_, TlsStream(std::move(socket_), tls_->native_handle()), beast::flat_buffer())
          ->RunTls();
    } else {
      std::make_shared<HttpSession<PlainStream>>(ctx_, std::move(socket_), beast::flat_buffer())
          ->DoRead();
    }
  }

  ServerContext& ctx_;
  asio::ssl::context* tls_;
  PlainStream socket_;
  DeadlineTimer deadline_;
  bool detected_ = false;
  unsigned char first_ = 0;  // peeked, not consumed
};

class ListenerImpl final : public Listener, public std::enable_shared_from_this<ListenerImpl> {
 public:
  ListenerImpl(asio::io_context& ioc, asio::ssl::context* tls, ServerContext& ctx)
      : ioc_(ioc), tls_(tls), ctx_(ctx), acceptor_(asio::make_strand(ioc)) {}

  Status Bind(const std::string& address, uint16_t port) {
    beast::error_code ec;
    auto ip = asio::ip::make_address(address, ec);
    if (ec) return InvalidArgument("--listen is not an IP address");
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
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  // Accepts straight into a socket on a strand of its own, typed as such
  // (PlainStream): see ws_session.h for why no tcp_stream.
  void DoAccept() {
    accepted_.emplace(asio::make_strand(ioc_));
    acceptor_.async_accept(*accepted_,
                           beast::bind_front_handler(&ListenerImpl::OnAccept, shared_from_this()));
  }

  void OnAccept(beast::error_code ec) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // E.g. out of file descriptors: keep serving the connections we have,
      // and back off instead of spinning (the pending connection stays in
      // the kernel's backlog until a descriptor frees up). Log once per
      // streak, not once per attempt.
      if (accept_failures_++ == 0) log::Warn(kLog, "accept failed: " + ec.message());
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
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
    beast::error_code nodelay_ec;
    socket.set_option(tcp::no_delay(true), nodelay_ec);
    std::make_shared<Detector>(ctx_, tls_, std::move(socket))->Run();
    DoAccept();
  }

  asio::io_context& ioc_;
  asio::ssl::context* tls_;
  ServerContext& ctx_;
  tcp::acceptor acceptor_;
  std::optional<PlainStream> accepted_;  // the pending accept's socket
  asio::steady_timer retry_timer_{acceptor_.get_executor()};
  uint64_t accept_failures_ = 0;  // consecutive; touched only by the accept chain
  uint16_t port_ = 0;
};

}  // namespace

Result<std::shared_ptr<Listener>> Listener::Open(asio::io_context& ioc, asio::ssl::context* tls,
                                                 ServerContext& ctx, const std::string& address,
                                                 uint16_t port) {
  auto listener = std::make_shared<ListenerImpl>(ioc, tls, ctx);
  Status status = listener->Bind(address, port);
  if (!status.ok()) return status;
  return std::shared_ptr<Listener>(std::move(listener));
}

}  // namespace kollega::server
