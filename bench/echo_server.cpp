// Beast echo server (see echo_server.h). Written for this bench; the Beast
// "websocket_server_async" example is only the structural model.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "echo_server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace kollega::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// A bare socket on a concrete strand type, as the relay's plain sessions
// use: the baseline must not pay for a type-erased executor that the relay
// no longer pays for.
using Strand = asio::strand<asio::io_context::executor_type>;
using Socket = asio::basic_stream_socket<tcp, Strand>;
// TLS the way the relay serves it: Beast's ssl_stream over the same socket.
using TlsSocket = beast::ssl_stream<Socket>;

template <class Stream>
class EchoSession : public std::enable_shared_from_this<EchoSession<Stream>> {
 public:
  explicit EchoSession(Stream stream) : ws_(std::move(stream)) {}

  void Start() {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).set_option(tcp::no_delay(true), ec);
    ws_.read_message_max(1 << 20);
    if constexpr (std::is_same_v<Stream, TlsSocket>) {
      ws_.next_layer().async_handshake(asio::ssl::stream_base::server,
                                       [self = this->shared_from_this()](beast::error_code ec) {
                                         if (!ec) self->Accept();
                                       });
    } else {
      Accept();
    }
  }

 private:
  void Accept() {
    ws_.async_accept([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->ReadNext();
    });
  }

  // Strictly read, write, read: one buffer per connection, no queue. Clients
  // pipeline several frames; TCP buffers hold them until the next read.
  void ReadNext() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;  // closed or failed: the session just ends
      self->ws_.binary(self->ws_.got_binary());
      self->ws_.async_write(self->buffer_.data(), [self](beast::error_code ec, size_t) {
        if (ec) return;
        self->buffer_.consume(self->buffer_.size());
        self->ReadNext();
      });
    });
  }

  websocket::stream<Stream> ws_;
  beast::flat_buffer buffer_;
};

}  // namespace

struct EchoServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::optional<asio::ssl::context> tls;
  std::vector<std::thread> threads;

  void AcceptNext() {
    // Each session gets its own strand so a multi-threaded io_context never
    // runs two handlers of one connection at once.
    auto socket = std::make_shared<Socket>(asio::make_strand(io));
    acceptor.async_accept(*socket, [this, socket](beast::error_code ec) {
      if (ec) {
        if (ec == asio::error::operation_aborted) return;
      } else {
        if (tls) {
          std::make_shared<EchoSession<TlsSocket>>(TlsSocket(std::move(*socket), *tls))->Start();
        } else {
          std::make_shared<EchoSession<Socket>>(std::move(*socket))->Start();
        }
      }
      AcceptNext();
    });
  }
};

EchoServer::EchoServer() : impl_(std::make_unique<Impl>()) {}
EchoServer::~EchoServer() { Stop(); }

uint16_t EchoServer::Start(uint16_t port, int threads, const TlsFiles& tls, std::string* error) {
  beast::error_code ec;
  if (!tls.cert.empty()) {
    impl_->tls.emplace(asio::ssl::context::tls_server);
    impl_->tls->use_certificate_chain_file(tls.cert, ec);
    if (!ec) impl_->tls->use_private_key_file(tls.key, asio::ssl::context::pem, ec);
    if (ec) {
      *error = "echo server TLS: " + ec.message();
      return 0;
    }
  }
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "echo server listen: " + ec.message();
    return 0;
  }
  uint16_t bound = impl_->acceptor.local_endpoint().port();
  impl_->AcceptNext();
  for (int i = 0; i < threads; ++i) impl_->threads.emplace_back([this] { impl_->io.run(); });
  return bound;
}

void EchoServer::Stop() {
  if (impl_->threads.empty()) return;
  impl_->io.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

}  // namespace kollega::bench
