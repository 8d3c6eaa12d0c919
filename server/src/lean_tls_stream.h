// LeanTlsStream: TLS over the relay's bare socket that holds no record
// buffers while a connection is idle.
//
// Why not Asio's ssl::stream: it keeps four 17 KiB buffers (two record
// buffers and a BIO pair) for each connection's whole life, so an idle TLS
// connection cost ~71 KiB against ~7 KiB plain (docs/performance.md,
// sessions 17 and 18). Here OpenSSL gives its record buffers back whenever
// they are empty (SSL_MODE_RELEASE_BUFFERS), and an idle connection holds
// only OpenSSL's SSL object.
//
// How bytes move:
// - In: OpenSSL reads the non-blocking socket itself (a socket BIO, with
//   read-ahead so a record's header and body come in one read(2)). When it
//   wants more, we wait with a 1-byte MSG_PEEK receive, not async_wait:
//   Asio tries a receive at once, under the reactor's lock, whereas an
//   async_wait is queued blind, and with edge-triggered epoll readiness
//   that arrived just before it would be lost.
// - Out: OpenSSL writes into an outbox (a BIO of our own, which never
//   blocks), and ordinary async_writes send it. At most one operation sends
//   at a time (the "flusher") and it sends until the outbox is empty, so
//   bytes leave in the order OpenSSL made them, whichever operation made
//   them (a read may make a KeyUpdate reply or an alert).
//
// A write, the handshake and the shutdown complete only once their bytes
// are on the socket; if another operation is sending, they wait for it
// (`flushed_`, a timer that never expires and is cancelled whenever a flush
// ends). A read that made output leaves it to a running flusher.
//
// Reads and writes may be outstanding at the same time (Beast's websocket
// does); everything runs on the socket's strand, so OpenSSL is never
// entered twice at once. The stream may be moved between operations (the
// HTTP session hands it to the WebSocket session); what the BIO and pending
// operations point at lives on the heap. Server side only. Thread-safety:
// use from the socket's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <boost/system/error_code.hpp>
#include <cerrno>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "tls_outbox.h"

namespace kollega::server {

template <class NextLayer>
class LeanTlsStream {
 public:
  using next_layer_type = NextLayer;
  using executor_type = typename NextLayer::executor_type;
  using error_code = boost::system::error_code;

  // On failure (no memory) every operation completes with no_memory.
  LeanTlsStream(NextLayer&& next, SSL_CTX* ctx)
      : next_(std::move(next)),
        io_(std::make_unique<Io>(next_.get_executor())),
        ssl_(::SSL_new(ctx)) {
    if (!ssl_) return;
    BIO* in = ::BIO_new_socket(static_cast<int>(next_.native_handle()), BIO_NOCLOSE);
    BIO* out = NewOutboxBio(&io_->outbox);
    if (in == nullptr || out == nullptr) {
      ::BIO_free(in);
      ::BIO_free(out);
      ssl_.reset();
      return;
    }
    error_code ignored;
    next_.non_blocking(true, ignored);
    ::SSL_set_bio(ssl_.get(), in, out);  // the SSL owns both from here
    ::SSL_set_mode(ssl_.get(), SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_RELEASE_BUFFERS);
    ::SSL_set_read_ahead(ssl_.get(), 1);
    ::SSL_set_accept_state(ssl_.get());
  }

  LeanTlsStream(LeanTlsStream&&) = default;
  LeanTlsStream& operator=(LeanTlsStream&&) = delete;

  executor_type get_executor() noexcept { return next_.get_executor(); }
  NextLayer& next_layer() noexcept { return next_; }
  const NextLayer& next_layer() const noexcept { return next_; }

  // `size` bytes of the finished handshake's exporter (RFC 8446 §7.5) under
  // `label`, with no context; empty before the handshake or on failure, and
  // for a TLS 1.2 session without the extended master secret, whose
  // exporter a man in the middle can make equal on two sessions (RFC 7627).
  std::string ExportKeyingMaterial(std::string_view label, size_t size) const {
    std::string out(size, '\0');
    if (!ssl_ || !::SSL_is_init_finished(ssl_.get()) ||
        (::SSL_version(ssl_.get()) < TLS1_3_VERSION && ::SSL_get_extms_support(ssl_.get()) != 1) ||
        ::SSL_export_keying_material(ssl_.get(), reinterpret_cast<unsigned char*>(out.data()),
                                     out.size(), label.data(), label.size(), nullptr, 0, 0) != 1) {
      return {};
    }
    return out;
  }

  template <class Handler>
  auto async_handshake(Handler&& handler) {
    return Run<false, true>([](SSL* ssl, size_t*) { return ::SSL_do_handshake(ssl); },
                            std::forward<Handler>(handler));
  }

  // Sends close_notify; does not wait for the peer's (the socket is closed
  // next anyway).
  template <class Handler>
  auto async_shutdown(Handler&& handler) {
    return Run<false, true>(
        [](SSL* ssl, size_t*) {
          const int r = ::SSL_shutdown(ssl);
          return r >= 0 ? 1 : r;
        },
        std::forward<Handler>(handler));
  }

  template <class MutableBuffers, class Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    auto buffer = FirstNonEmpty<boost::asio::mutable_buffer>(buffers);
    return Run<true, false>(
        [buffer](SSL* ssl, size_t* n) {
          return buffer.size() == 0 ? 1 : ::SSL_read_ex(ssl, buffer.data(), buffer.size(), n);
        },
        std::forward<Handler>(handler));
  }

  // Takes at most one record's worth. A WebSocket frame comes as a header
  // and a payload buffer: they are copied into one piece so that they leave
  // as one TLS record (the copy lives only as long as the operation).
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
    buffer = boost::asio::const_buffer(buffer.data(), std::min(buffer.size(), kOneRecord));
    return Run<true, true>(
        [buffer, copy = std::move(copy)](SSL* ssl, size_t* n) {
          return buffer.size() == 0 ? 1 : ::SSL_write_ex(ssl, buffer.data(), buffer.size(), n);
        },
        std::forward<Handler>(handler));
  }

  // A best-effort close_notify without waiting (Beast's synchronous
  // teardown): sent only if no flush is running, and only what the socket
  // takes at once.
  void ShutdownNow() {
    if (!ssl_ || !next_.is_open() || io_->flushing) return;
    ::SSL_shutdown(ssl_.get());
    const std::string& bytes = io_->outbox;
    if (!bytes.empty()) {
      [[maybe_unused]] const ssize_t sent =
          ::send(static_cast<int>(next_.native_handle()), bytes.data(), bytes.size(),
                 MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    io_->outbox.clear();
  }

 private:
  // What OpenSSL's output BIO and outstanding operations point at: on the
  // heap, so that moving the stream moves only a pointer.
  struct Io {
    explicit Io(const executor_type& ex) : flushed(ex) {
      flushed.expires_at(boost::asio::steady_timer::time_point::max());
    }
    std::string outbox;   // made by OpenSSL, not yet given to a write
    std::string sending;  // what the flusher's async_write is sending
    bool flushing = false;
    boost::asio::steady_timer flushed;  // waiters wake when it is cancelled
    unsigned char peeked = 0;           // target of the readiness peek
  };

  template <class Buffer, class Buffers>
  static Buffer FirstNonEmpty(const Buffers& buffers) {
    for (auto it = boost::asio::buffer_sequence_begin(buffers);
         it != boost::asio::buffer_sequence_end(buffers); ++it) {
      Buffer b(*it);
      if (b.size() != 0) return b;
    }
    return Buffer();
  }

  // Calls `step` until it succeeds (> 0) or fails: sending OpenSSL's output
  // and waiting for input whenever it asks to. Completes with (error,
  // bytes), never inside the initiating call.
  template <class Step, bool kBytes, bool kWaitsForOutput>
  struct Op {
    Op(LeanTlsStream* s, Step st) : stream(s), step(std::move(st)) {}

    enum class State { kStep, kPeeking, kSending, kWaitingForFlusher, kDone };
    enum class After { kStep, kDone };  // what follows a flush

    LeanTlsStream* stream;
    Step step;
    State state = State::kStep;
    After after = After::kStep;
    bool suspended = false;  // an asynchronous operation has run
    error_code result;
    size_t bytes = 0;

    template <class Self>
    void operator()(Self& self, error_code ec = {}, size_t /*bytes_moved*/ = 0) {
      Io& io = *stream->io_;
      switch (state) {
        case State::kStep:
          return DoStep(self);
        case State::kPeeking:
          if (ec) return Finish(self, ec);
          return DoStep(self);
        case State::kSending:
          io.sending.clear();
          io.sending.shrink_to_fit();  // idle connections hold no buffer
          if (ec) {
            EndFlush(io);
            return Finish(self, ec);
          }
          if (!io.outbox.empty()) return Send(self);
          EndFlush(io);
          return Continue(self);
        case State::kWaitingForFlusher:  // woken by the cancel: not an error
          return Flush(self);
        case State::kDone:  // the posted completion of an immediate result
          return Complete(self);
      }
    }

    template <class Self>
    void DoStep(Self& self) {
      SSL* ssl = stream->ssl_.get();
      if (ssl == nullptr) return Finish(self, boost::asio::error::no_memory);
      // OpenSSL's socket BIO holds the descriptor's number, not the socket:
      // once the socket is closed (a timeout, the write-stall timer) that
      // number may already belong to another connection.
      if (!stream->next_.is_open()) return Finish(self, boost::asio::error::bad_descriptor);
      ::ERR_clear_error();
      size_t n = 0;
      errno = 0;
      const int r = step(ssl, &n);
      const int saved_errno = errno;
      if (r > 0) {
        bytes = n;
        after = After::kDone;
        return Flush(self);
      }
      switch (::SSL_get_error(ssl, r)) {
        case SSL_ERROR_WANT_READ:
          // Whatever OpenSSL said (a handshake flight) must be out before
          // we wait for the answer.
          after = After::kStep;
          return Flush(self);
        case SSL_ERROR_ZERO_RETURN:  // the peer's close_notify
          return Finish(self, boost::asio::error::eof);
        case SSL_ERROR_SYSCALL:
          if (const unsigned long e = ::ERR_get_error(); e != 0) return Finish(self, SslError(e));
          if (saved_errno == 0) return Finish(self, boost::asio::error::eof);
          return Finish(self, error_code(saved_errno, boost::system::system_category()));
        default:  // WANT_WRITE cannot happen: the outbox takes everything
          return Finish(self, SslError(::ERR_get_error()));
      }
    }

    // Gets the outbox onto the socket, then continues with `after`.
    template <class Self>
    void Flush(Self& self) {
      Io& io = *stream->io_;
      if (io.outbox.empty() && !io.flushing) return Continue(self);
      if (io.flushing) {
        // The running flusher sends our bytes too. A read need not wait
        // for it; a write, handshake or shutdown completes only once its
        // bytes are out.
        const bool wait = kWaitsForOutput && after == After::kDone;
        if (!wait) return Continue(self);
        state = State::kWaitingForFlusher;
        suspended = true;
        return io.flushed.async_wait(std::move(self));
      }
      io.flushing = true;
      return Send(self);
    }

    template <class Self>
    void Send(Self& self) {
      Io& io = *stream->io_;
      io.sending.swap(io.outbox);
      state = State::kSending;
      suspended = true;
      boost::asio::async_write(stream->next_, boost::asio::buffer(io.sending), std::move(self));
    }

    void EndFlush(Io& io) {
      io.flushing = false;
      io.flushed.cancel();
    }

    template <class Self>
    void Continue(Self& self) {
      if (after == After::kDone) return Finish(self, {});
      // Input wanted: peek until a byte is there (or the peer is gone).
      state = State::kPeeking;
      suspended = true;
      stream->next_.async_receive(boost::asio::buffer(&stream->io_->peeked, 1),
                                  boost::asio::socket_base::message_peek, std::move(self));
    }

    // Never a success code: a read that "succeeded" with no bytes would
    // have Beast read again at once, forever.
    static error_code SslError(unsigned long e) {
      if (e == 0) return boost::asio::ssl::error::unexpected_result;
      return error_code(static_cast<int>(e), boost::asio::error::get_ssl_category());
    }

    template <class Self>
    void Finish(Self& self, error_code ec) {
      result = ec;
      if (ec) bytes = 0;
      if (suspended) return Complete(self);
      state = State::kDone;
      boost::asio::post(stream->next_.get_executor(), std::move(self));
    }

    template <class Self>
    void Complete(Self& self) {
      if constexpr (kBytes) {
        self.complete(result, bytes);
      } else {
        self.complete(result);
      }
    }
  };

  template <bool kBytes, bool kWaitsForOutput, class Step, class Handler>
  auto Run(Step step, Handler&& handler) {
    using Signature = std::conditional_t<kBytes, void(error_code, size_t), void(error_code)>;
    return boost::asio::async_compose<Handler, Signature>(
        Op<Step, kBytes, kWaitsForOutput>(this, std::move(step)), handler, next_);
  }

  struct SslFree {
    void operator()(SSL* ssl) const { ::SSL_free(ssl); }
  };

  NextLayer next_;
  std::unique_ptr<Io> io_;             // before ssl_: the outbox BIO points into it
  std::unique_ptr<SSL, SslFree> ssl_;  // last: freed first, before the socket closes
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
