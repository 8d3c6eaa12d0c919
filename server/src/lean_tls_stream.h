// LeanTlsStream: TLS over the relay's bare socket, with OpenSSL reading and
// writing the non-blocking socket itself (SSL_set_fd); a WANT_READ or
// WANT_WRITE becomes an async_wait on the socket.
//
// Why not Asio's ssl::stream: it holds four 17 KiB buffers (two record
// buffers, a BIO pair) for each connection's whole life, so an idle TLS
// connection cost ~71 KiB against ~7 KiB plain (docs/performance.md, session
// 17). Here an idle connection holds only OpenSSL's SSL object:
// SSL_MODE_RELEASE_BUFFERS gives its record buffers back whenever they are
// empty.
//
// Reads and writes may be outstanding at the same time (Beast's websocket
// does); both run on the socket's strand, so OpenSSL is never entered twice
// at once. A write that has to wait is retried with the same buffer. Do not
// move the stream while an operation is outstanding (operations point at
// it); the HTTP session hands it to the WebSocket session between
// operations.
//
// Server side only. Needs SIGPIPE ignored (main.cpp does): OpenSSL writes
// with write(2), not send(..., MSG_NOSIGNAL). Thread-safety: use from the
// socket's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <boost/system/error_code.hpp>
#include <cerrno>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace kollega::server {

template <class NextLayer>
class LeanTlsStream {
 public:
  using next_layer_type = NextLayer;
  using executor_type = typename NextLayer::executor_type;
  using error_code = boost::system::error_code;

  LeanTlsStream(NextLayer&& next, SSL_CTX* ctx) : next_(std::move(next)), ssl_(::SSL_new(ctx)) {
    if (!ssl_) return;
    error_code ignored;
    next_.non_blocking(true, ignored);
    ::SSL_set_fd(ssl_.get(), next_.native_handle());
    ::SSL_set_mode(ssl_.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                                   SSL_MODE_RELEASE_BUFFERS);
    // Read whatever has arrived in one read(2), not each record's header
    // and body apart.
    ::SSL_set_read_ahead(ssl_.get(), 1);
    ::SSL_set_accept_state(ssl_.get());
  }

  executor_type get_executor() noexcept { return next_.get_executor(); }
  NextLayer& next_layer() noexcept { return next_; }
  const NextLayer& next_layer() const noexcept { return next_; }

  template <class Handler>
  auto async_handshake(Handler&& handler) {
    return Run<false>([](SSL* ssl, size_t*) { return ::SSL_do_handshake(ssl); },
                      std::forward<Handler>(handler));
  }

  // Sends close_notify; does not wait for the peer's (the socket is closed
  // next anyway).
  template <class Handler>
  auto async_shutdown(Handler&& handler) {
    return Run<false>(
        [](SSL* ssl, size_t*) {
          const int r = ::SSL_shutdown(ssl);
          return r >= 0 ? 1 : r;
        },
        std::forward<Handler>(handler));
  }

  template <class MutableBuffers, class Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    auto buffer = FirstNonEmpty<boost::asio::mutable_buffer>(buffers);
    return Run<true>(
        [buffer](SSL* ssl, size_t* n) {
          return buffer.size() == 0 ? 1 : ::SSL_read_ex(ssl, buffer.data(), buffer.size(), n);
        },
        std::forward<Handler>(handler));
  }

  // A WebSocket frame comes as a header and a payload buffer: up to one
  // record's worth is copied into one piece, so that it leaves as one TLS
  // record and one write(2) (the copy lives only as long as the operation).
  template <class ConstBuffers, class Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    constexpr size_t kOneRecord = 16 * 1024;
    auto buffer = FirstNonEmpty<boost::asio::const_buffer>(buffers);
    std::shared_ptr<char[]> copy;
    const size_t total = boost::asio::buffer_size(buffers);
    if (buffer.size() < total && buffer.size() < kOneRecord) {
      const size_t n = std::min(total, kOneRecord);
      copy.reset(new char[n]);
      boost::asio::buffer_copy(boost::asio::buffer(copy.get(), n), buffers);
      buffer = boost::asio::const_buffer(copy.get(), n);
    }
    return Run<true>(
        [buffer, copy = std::move(copy)](SSL* ssl, size_t* n) {
          return buffer.size() == 0 ? 1 : ::SSL_write_ex(ssl, buffer.data(), buffer.size(), n);
        },
        std::forward<Handler>(handler));
  }

  // A best-effort close_notify without waiting (Beast's synchronous teardown).
  void ShutdownNow() {
    if (ssl_ && next_.is_open()) ::SSL_shutdown(ssl_.get());
  }

 private:
  template <class Buffer, class Buffers>
  static Buffer FirstNonEmpty(const Buffers& buffers) {
    for (auto it = boost::asio::buffer_sequence_begin(buffers);
         it != boost::asio::buffer_sequence_end(buffers); ++it) {
      Buffer b(*it);
      if (b.size() != 0) return b;
    }
    return Buffer();
  }

  // Calls `step` until it succeeds (> 0) or fails, waiting for the socket
  // whenever OpenSSL asks to; completes with (error, bytes). Never completes
  // inside the initiating call: an immediate result is posted first.
  template <class Step, bool kBytes>
  struct Op {
    Op(LeanTlsStream* s, Step st) : stream(s), step(std::move(st)) {}

    LeanTlsStream* stream;
    Step step;
    bool waited = false;
    bool finished = false;
    error_code result;
    size_t bytes = 0;

    template <class Self>
    static void Complete(Self& self, error_code ec, size_t n) {
      if constexpr (kBytes) {
        self.complete(ec, n);
      } else {
        self.complete(ec);
      }
    }

    template <class Self>
    void operator()(Self& self, error_code ec = {}) {
      if (finished) return Complete(self, result, bytes);
      if (ec) return Complete(self, ec, 0);
      SSL* ssl = stream->ssl_.get();
      if (ssl == nullptr) return Finish(self, boost::asio::error::no_memory, 0);
      // OpenSSL holds the descriptor's number, not the socket: once the
      // socket is closed (a timeout, the write-stall timer) that number may
      // already belong to another connection, so OpenSSL must not touch it.
      if (!stream->next_.is_open()) return Finish(self, boost::asio::error::bad_descriptor, 0);
      ::ERR_clear_error();
      size_t n = 0;
      errno = 0;
      const int r = step(ssl, &n);
      const int saved_errno = errno;
      if (r > 0) return Finish(self, {}, n);
      switch (::SSL_get_error(ssl, r)) {
        case SSL_ERROR_WANT_READ:
          waited = true;
          return stream->next_.async_wait(boost::asio::socket_base::wait_read, std::move(self));
        case SSL_ERROR_WANT_WRITE:
          waited = true;
          return stream->next_.async_wait(boost::asio::socket_base::wait_write, std::move(self));
        case SSL_ERROR_ZERO_RETURN:  // the peer's close_notify
          return Finish(self, boost::asio::error::eof, 0);
        case SSL_ERROR_SYSCALL:
          if (const unsigned long e = ::ERR_get_error(); e != 0) {
            return Finish(self, SslError(e), 0);
          }
          if (saved_errno == 0) return Finish(self, boost::asio::error::eof, 0);
          return Finish(self, error_code(saved_errno, boost::system::system_category()), 0);
        default:
          return Finish(self, SslError(::ERR_get_error()), 0);
      }
    }

    // Never a success code: a read that "succeeded" with no bytes would
    // have Beast read again at once, forever.
    static error_code SslError(unsigned long e) {
      if (e == 0) return boost::asio::ssl::error::unexpected_result;
      return error_code(static_cast<int>(e), boost::asio::error::get_ssl_category());
    }

    template <class Self>
    void Finish(Self& self, error_code ec, size_t n) {
      if (waited) return Complete(self, ec, n);
      finished = true;
      result = ec;
      bytes = n;
      boost::asio::post(stream->next_.get_executor(), std::move(self));
    }
  };

  template <bool kBytes, class Step, class Handler>
  auto Run(Step step, Handler&& handler) {
    using Signature = std::conditional_t<kBytes, void(error_code, size_t), void(error_code)>;
    return boost::asio::async_compose<Handler, Signature>(Op<Step, kBytes>(this, std::move(step)),
                                                          handler, next_);
  }

  struct SslFree {
    void operator()(SSL* ssl) const { ::SSL_free(ssl); }
  };

  NextLayer next_;
  std::unique_ptr<SSL, SslFree> ssl_;  // after next_: freed before the socket closes
};

// Beast's websocket closes a stream through these (found by ADL): a
// close_notify, then the socket's own teardown.
template <class NextLayer>
void teardown(boost::beast::role_type role, LeanTlsStream<NextLayer>& stream,
              boost::system::error_code& ec) {
  stream.ShutdownNow();
  using boost::beast::websocket::teardown;
  teardown(role, stream.next_layer(), ec);
}

template <class NextLayer, class TeardownHandler>
void async_teardown(boost::beast::role_type role, LeanTlsStream<NextLayer>& stream,
                    TeardownHandler&& handler) {
  auto executor = boost::asio::get_associated_executor(handler, stream.get_executor());
  stream.async_shutdown(boost::asio::bind_executor(
      executor, [role, &stream, handler = std::forward<TeardownHandler>(handler)](
                    boost::system::error_code) mutable {
        using boost::beast::websocket::async_teardown;
        async_teardown(role, stream.next_layer(), std::move(handler));
      }));
}

}  // namespace kollega::server
