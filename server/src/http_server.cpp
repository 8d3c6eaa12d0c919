// Listener -> Detector -> HttpSession: the stages before a WebSocket.
//
// HTTP is deliberately tiny. The public listener serves GET /healthz and a
// WebSocket upgrade on any path; the metrics listener GET /healthz and
// GET /metrics, and no WebSocket. Requests have no body worth reading, so
// the parser's limits are small, and every read has a deadline so a slow
// client cannot hold a socket open.
//
// Admission on the public listener (docs/abuse.md): the connection caps are
// checked as a socket is accepted (listener.cpp; over a cap the Refuser
// here answers 503, or the socket is closed on a TLS port), and a cleartext
// upgrade from a peer that is neither on loopback nor a trusted proxy is
// answered 403 here.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <optional>
#include <type_traits>

#include "http_session.h"

namespace kollega::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr uint32_t kMaxHeaderBytes = 8 * 1024;
constexpr uint64_t kMaxBodyBytes = 1024;
// A refused connection gets this long to take its answer and close.
constexpr std::chrono::seconds kRefusalLinger(2);
constexpr char kCapRefusal[] =
    "HTTP/1.1 503 Service Unavailable\r\nServer: kollega-relay\r\n"
    "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 34\r\n"
    "Connection: close\r\nRetry-After: 10\r\n\r\nrelay is at its connection limit\r\n";
constexpr char kCleartextRefusal[] = "cleartext WebSocket refused: connect with wss://\n";

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
  HttpSession(ServerContext& ctx, Stream&& stream, beast::flat_buffer buffer, Admission admission)
      : ctx_(ctx),
        stream_(std::move(stream)),
        buffer_(std::move(buffer)),
        deadline_(stream_.get_executor()),
        admission_(std::move(admission)) {}

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
    const bool is_public = admission_.role == ListenerRole::kPublic;
    if (is_public && beast::websocket::is_upgrade(parser_->get())) {
      if (!std::is_same_v<Stream, TlsStream> && !admission_.cleartext_ok) {
        ctx_.metrics.Add(ctx_.metrics.cleartext_refusals, 1);
        return Respond(parser_->release(), /*refuse_cleartext=*/true);
      }
      // Beast's websocket timeouts take over from here.
      handed_off_ = true;
      deadline_.cancel();
      RunWebSocketSession(ctx_, std::move(stream_), parser_->release(), std::move(admission_.slot));
      return;
    }
    Respond(parser_->release(), false);
  }

  void Respond(const http::request<http::string_body>& req, bool refuse_cleartext) {
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(req.version());
    res->keep_alive(req.keep_alive() && !refuse_cleartext);
    res->set(http::field::server, "kollega-relay");
    res->set(http::field::content_type, "text/plain; charset=utf-8");
    if (refuse_cleartext) {
      res->result(http::status::forbidden);
      res->body() = kCleartextRefusal;
    } else if (req.method() != http::verb::get && req.method() != http::verb::head) {
      res->result(http::status::method_not_allowed);
      res->body() = "method not allowed\n";
    } else if (req.target() == "/healthz") {
      res->result(http::status::ok);
      res->body() = "ok\n";
    } else if (req.target() == "/metrics" && admission_.role == ListenerRole::kMetrics) {
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
  Admission admission_;
};

// Answers a connection over a cap with a fixed 503 and closes it, without
// reading its request: the answer is written, our side shut, and whatever
// the peer sends is discarded until it closes or kRefusalLinger passes
// (closing with unread input would reset the connection, and the peer could
// lose the answer).
class Refuser final : public std::enable_shared_from_this<Refuser> {
 public:
  explicit Refuser(PlainStream&& socket)
      : socket_(std::move(socket)), deadline_(socket_.get_executor()) {}

  void Run() {
    deadline_.expires_after(kRefusalLinger);
    deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      beast::error_code ignored;
      self->socket_.close(ignored);
    });
    asio::async_write(socket_, asio::buffer(kCapRefusal, sizeof kCapRefusal - 1),
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        if (ec) return self->End();
                        beast::error_code ignored;
                        self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
                        self->Discard();
                      });
  }

 private:
  void Discard() {
    socket_.async_read_some(asio::buffer(sink_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->End();
                              self->Discard();
                            });
  }
  void End() {
    deadline_.cancel();
    beast::error_code ignored;
    socket_.close(ignored);
  }

  PlainStream socket_;
  DeadlineTimer deadline_;
  char sink_[512];
};

// Tells a TLS ClientHello from plain HTTP by peeking at the first byte
// without reading it: 0x16 opens a TLS handshake record, a request line
// opens with a letter. OpenSSL then reads the whole ClientHello itself.
class Detector final : public std::enable_shared_from_this<Detector> {
 public:
  Detector(ServerContext& ctx, asio::ssl::context* tls, PlainStream&& socket, Admission admission)
      : ctx_(ctx),
        tls_(tls),
        socket_(std::move(socket)),
        deadline_(socket_.get_executor()),
        admission_(std::move(admission)) {}

  void Run() {
    if (tls_ == nullptr) {
      return std::make_shared<HttpSession<PlainStream>>(ctx_, std::move(socket_),
                                                        beast::flat_buffer(), std::move(admission_))
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
      std::make_shared<HttpSession<TlsStream>>(ctx_,
                                               TlsStream(std::move(socket_), tls_->native_handle()),
                                               beast::flat_buffer(), std::move(admission_))
          ->RunTls();
    } else {
      std::make_shared<HttpSession<PlainStream>>(ctx_, std::move(socket_), beast::flat_buffer(),
                                                 std::move(admission_))
          ->DoRead();
    }
  }

  ServerContext& ctx_;
  asio::ssl::context* tls_;
  PlainStream socket_;
  DeadlineTimer deadline_;
  bool detected_ = false;
  unsigned char first_ = 0;  // peeked, not consumed
  Admission admission_;
};

}  // namespace

void ServeHttp(ServerContext& ctx, asio::ssl::context* tls, PlainStream socket,
               Admission admission) {
  std::make_shared<Detector>(ctx, tls, std::move(socket), std::move(admission))->Run();
}

void RefuseOverCap(PlainStream socket) { std::make_shared<Refuser>(std::move(socket))->Run(); }

}  // namespace kollega::server
