// WatchedStream: the stream under Beast's websocket, which tells its owner
// (the WebSocket session) when a write to the peer starts and ends, and when
// Beast tears the connection down.
//
// Why: Beast writes frames of its own — pongs, close frames, keep-alive
// pings — that never pass through the session's write queue; a peer that
// only pings and never reads stalled one of those, and nothing but Beast's
// idle timeout (a minute) ended it. Here the session sees every write, so
// --write-timeout covers them all. And every ending of a WebSocket, whoever
// started it, goes through the teardown, which waits for the peer's FIN
// with no deadline of its own; the session gives it one.
//
// Beast writes one frame at a time (its write lock), so at most one write
// is outstanding. Cost per write: a clock read in the owner and a reference
// on it, which keeps the owner (and so this stream) alive until the write
// completes — Beast's keep-alive ping holds nothing else. Reads pass
// straight through.
//
// Owner needs OnWireWriteStarted(), OnWireWriteFinished(), OnTeardown() and
// shared_from_this(). Thread-safety: use from the stream's strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/associator.hpp>
#include <boost/asio/detail/handler_cont_helpers.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/websocket/teardown.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace kollega::server::ws_detail {

// A write's completion handler: tells the owner, then the caller.
template <class Owner, class Handler>
struct WireWriteDone {
  std::shared_ptr<Owner> owner;
  Handler handler;

  void operator()(boost::system::error_code ec, std::size_t bytes) {
    owner->OnWireWriteFinished();
    std::move(handler)(ec, bytes);
  }

  // Asio's async_write marks its later writes as continuations.
  friend bool asio_handler_is_continuation(WireWriteDone* self) {
    return boost_asio_handler_cont_helpers::is_continuation(self->handler);
  }
};

template <class Next, class Owner>
class WatchedStream {
 public:
  using next_layer_type = Next;
  using executor_type = typename Next::executor_type;

  WatchedStream(Next&& next, Owner* owner) : next_(std::move(next)), owner_(owner) {}

  executor_type get_executor() noexcept { return next_.get_executor(); }
  Next& next_layer() noexcept { return next_; }
  const Next& next_layer() const noexcept { return next_; }
  Owner& owner() noexcept { return *owner_; }

  template <class MutableBuffers, class Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    return next_.async_read_some(buffers, std::forward<Handler>(handler));
  }

  template <class ConstBuffers, class Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    owner_->OnWireWriteStarted();
    return next_.async_write_some(
        buffers, WireWriteDone<Owner, std::decay_t<Handler>>{owner_->shared_from_this(),
                                                             std::forward<Handler>(handler)});
  }

 private:
  Next next_;
  Owner* owner_;
};

// Beast ends every WebSocket through this (found by ADL).
template <class Next, class Owner, class Handler>
void async_teardown(boost::beast::role_type role, WatchedStream<Next, Owner>& stream,
                    Handler&& handler) {
  stream.owner().OnTeardown();
  using boost::beast::websocket::async_teardown;
  async_teardown(role, stream.next_layer(), std::forward<Handler>(handler));
}

}  // namespace kollega::server::ws_detail

// The caller's executor, allocator and cancellation slot stay the write's.
namespace boost::asio {
template <template <class, class> class Associator, class Owner, class Handler,
          class DefaultCandidate>
struct associator<Associator, kollega::server::ws_detail::WireWriteDone<Owner, Handler>,
                  DefaultCandidate> : Associator<Handler, DefaultCandidate> {
  using Done = kollega::server::ws_detail::WireWriteDone<Owner, Handler>;
  static typename Associator<Handler, DefaultCandidate>::type get(const Done& h) noexcept {
    return Associator<Handler, DefaultCandidate>::get(h.handler);
  }
  static auto get(const Done& h, const DefaultCandidate& c) noexcept
      -> decltype(Associator<Handler, DefaultCandidate>::get(h.handler, c)) {
    return Associator<Handler, DefaultCandidate>::get(h.handler, c);
  }
};
}  // namespace boost::asio
