// Beast implementation of the load tool's client side (see ws_client.h).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ws_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <deque>
#include <optional>
#include <type_traits>

#include "kollega/crypto/device_key.h"

namespace kollega::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct Loop::Impl {
  asio::io_context io{1};  // one thread per Loop: lets Asio skip locking
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
};

Loop::Loop() : impl_(std::make_unique<Impl>()) { impl_->work.emplace(impl_->io.get_executor()); }
Loop::~Loop() = default;

void Loop::Run() { impl_->io.run(); }
void Loop::Stop() { impl_->io.stop(); }
void Loop::Post(std::function<void()> fn) { asio::post(impl_->io, std::move(fn)); }

struct Timer::Impl {
  explicit Impl(asio::io_context& io) : timer(io) {}
  asio::steady_timer timer;
};

Timer::Timer(Loop& loop) : impl_(std::make_unique<Impl>(loop.impl().io)) {}
Timer::~Timer() = default;

void Timer::At(SteadyTime when, std::function<void()> fn) {
  impl_->timer.expires_at(when);
  impl_->timer.async_wait([fn = std::move(fn)](beast::error_code ec) {
    if (!ec) fn();
  });
}

void Timer::Cancel() { impl_->timer.cancel(); }

namespace {

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One client context for every TLS connection of the process. It verifies
// nothing: the servers are this run's own, on loopback, with a throwaway
// certificate (tls_cert.h).
asio::ssl::context& ClientTlsContext() {
  static asio::ssl::context ctx = [] {
    asio::ssl::context c(asio::ssl::context::tls_client);
    c.set_verify_mode(asio::ssl::verify_none);
    return c;
  }();
  return ctx;
}

template <class Stream>
class BeastClient final : public WsClient {
 public:
  explicit BeastClient(Loop& loop) : ws_(MakeStream(loop)) {}

  void Connect(const std::string& host, uint16_t port, const std::string& target,
               std::function<void(bool, const std::string&)> done) override {
    beast::error_code ec;
    auto address = asio::ip::make_address(host, ec);
    if (ec) return done(false, "bad address: " + ec.message());
    host_ = host + ":" + std::to_string(port);
    target_ = target;
    if (!local_address_.empty()) {
      auto local = asio::ip::make_address(local_address_, ec);
      if (ec) return done(false, "bad local address: " + ec.message());
      tcp::socket& socket = beast::get_lowest_layer(ws_).socket();
      socket.open(address.is_v4() ? tcp::v4() : tcp::v6(), ec);
      if (!ec) socket.bind(tcp::endpoint(local, 0), ec);
      if (ec) return done(false, "bind " + local_address_ + ": " + ec.message());
    }
    auto self = this->shared_from_this();
    beast::get_lowest_layer(ws_).async_connect(
        tcp::endpoint(address, port), [this, self, done = std::move(done)](beast::error_code ec) {
          if (ec) return done(false, "connect: " + ec.message());
          // Small frames in a request/response pattern: Nagle would add
          // delayed-ACK stalls to every round trip.
          beast::get_lowest_layer(ws_).socket().set_option(tcp::no_delay(true), ec);
          if constexpr (std::is_same_v<Stream, TlsStream>) {
            ws_.next_layer().async_handshake(
                asio::ssl::stream_base::client,
                [this, self, done = std::move(done)](beast::error_code ec) mutable {
                  if (ec) return done(false, "TLS handshake: " + ec.message());
                  tls_exporter_.resize(crypto::kAuthExporterSize);
                  const std::string_view label = crypto::kAuthExporterLabel;
                  if (SSL_export_keying_material(
                          ws_.next_layer().native_handle(),
                          reinterpret_cast<unsigned char*>(tls_exporter_.data()),
                          tls_exporter_.size(), label.data(), label.size(), nullptr, 0, 0) != 1) {
                    return done(false, "TLS exporter failed");
                  }
                  Upgrade(std::move(done));
                });
          } else {
            Upgrade(std::move(done));
          }
        });
  }

  void Send(std::string frame) override {
    if (!open_ || closing_) return;
    queue_.push_back(std::move(frame));
    if (queue_.size() == 1) WriteNext();
  }

  void Close() override {
    if (!open_ || closing_) return;
    closing_ = true;
    if (queue_.empty()) DoClose();
  }

  size_t QueuedFrames() const override { return queue_.size(); }
  std::string TlsExporter() const override { return tls_exporter_; }

 private:
  static Stream MakeStream(Loop& loop) {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      return Stream(loop.impl().io, ClientTlsContext());
    } else {
      return Stream(loop.impl().io);
    }
  }

  void Upgrade(std::function<void(bool, const std::string&)> done) {
    ws_.binary(true);
    ws_.read_message_max(1 << 20);
    ws_.async_handshake(
        host_, target_,
        [this, self = this->shared_from_this(), done = std::move(done)](beast::error_code ec) {
          if (ec) return done(false, "handshake: " + ec.message());
          open_ = true;
          done(true, "");
          ReadNext();
        });
  }

  void ReadNext() {
    auto self = this->shared_from_this();
    ws_.async_read(buffer_, [this, self](beast::error_code ec, size_t) {
      if (ec == websocket::error::closed) {
        return Finish("closed by peer (" + std::to_string(ws_.reason().code) + ")");
      }
      if (ec) return Finish(ec.message());
      if (on_message_) {
        auto data = buffer_.cdata();
        on_message_(std::string_view(static_cast<const char*>(data.data()), data.size()));
      }
      buffer_.consume(buffer_.size());
      ReadNext();
    });
  }

  void WriteNext() {
    auto self = this->shared_from_this();
    ws_.async_write(asio::buffer(queue_.front()), [this, self](beast::error_code ec, size_t) {
      if (ec) return Finish("write: " + ec.message());
      queue_.pop_front();
      if (!queue_.empty()) return WriteNext();
      if (closing_) DoClose();
    });
  }

  void DoClose() {
    auto self = this->shared_from_this();
    ws_.async_close(websocket::close_code::normal, [self](beast::error_code) {});
  }

  void Finish(const std::string& why) {
    if (!open_) return;
    open_ = false;
    // queue_ is left alone: a write in flight still points into its front.
    if (on_closed_) on_closed_(why);
    // Break the cycle callbacks -> captured owners -> this client.
    on_message_ = nullptr;
    on_closed_ = nullptr;
  }

  websocket::stream<Stream> ws_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  std::string host_;
  std::string tls_exporter_;  // TLS only: set after the handshake
  std::string target_;
  bool open_ = false;
  bool closing_ = false;
};

}  // namespace

std::shared_ptr<WsClient> WsClient::Create(Loop& loop, bool tls) {
  if (tls) return std::make_shared<BeastClient<TlsStream>>(loop);
  return std::make_shared<BeastClient<PlainStream>>(loop);
}

}  // namespace kollega::bench
