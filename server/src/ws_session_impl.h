// WsSession: one WebSocket connection — read loop, bounded write queue,
// close — carrying one Connection (the protocol logic) over the Transport
// interface. Templated over the stream so plain and TLS share one body.
//
// Write queue: SendFrame() appends; a single write loop sends messages back
// to back until the queue is empty. Past kSoftQueue messages (or bytes) the
// queue reports Backlogged() and Connection stops live pushes (the mailbox
// holds them); at kHardQueue the session stops reading requests until the
// client drains its side, so a client that never reads cannot grow our
// memory.
//
// Stalled readers: a peer that stops reading while we write (its TCP window
// stays shut) would hold its session and queue forever. A timer cuts the
// socket once a write to the peer — ours or one of Beast's own frames, seen
// through WatchedStream — has not completed for --write-timeout; whatever
// was not acknowledged stays in the mailbox.
//
// Before login (docs/abuse.md): messages are capped at
// --prelogin-frame-bytes until the connection has logged in, then at
// --max-frame-bytes; and the same timer closes a connection that has not
// logged in within --auth-timeout of the WebSocket handshake.
//
// Lingering closes: Beast bounds a close it did not start only by the idle
// timer of the read before it (up to 30 s), one we start by its handshake
// timeout (10 s), and its teardown waits for the peer's FIN with no bound of
// its own. So a close, whoever starts it, gets kCloseTimeout on the same
// timer, and then the socket is cut.
//
// This header holds the session template for the two translation units
// that instantiate it (ws_session.cpp: plain, ws_session_tls.cpp: TLS), so
// that the two heavy instantiations compile in parallel. Include it only
// there.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <memory>

#include "connection.h"
#include "frame_queue.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "watched_stream.h"
#include "ws_session.h"

namespace kollega::server::ws_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

constexpr size_t kSoftQueue = 32;
constexpr size_t kSoftQueueBytes = 4u << 20;
constexpr size_t kHardQueue = 64;
// The read buffer grows to the largest message seen; past this it is given
// back, so that a connection that once sent a big message (a prekey upload)
// does not hold that much while idle.
constexpr size_t kKeepReadBuffer = 2048;
// Time for a close to finish (the peer's close frame, then its FIN). Below
// the drain's grace at shutdown (main.cpp), so peers that never close do not
// hold the relay until it gives up on them.
constexpr std::chrono::seconds kCloseTimeout(3);

inline uint16_t LocalPort(const PlainStream& socket) {
  boost::system::error_code ec;
  const auto local = socket.local_endpoint(ec);
  return ec ? 0 : local.port();
}
// Transport::Channel::source: the peer's IPv4 address, or the /64 of its
// IPv6 one (a v4-mapped address counts as IPv4). Empty (not limited per
// source) for a trusted proxy: every client behind it shares its address
// (docs/abuse.md, "Transport").
inline std::string SourceOf(const ServerContext& ctx, const PlainStream& socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return {};
  auto address = remote.address();
  if (ctx.config.behind_proxy) {
    for (const std::string& proxy : ctx.config.trusted_proxies) {
      boost::system::error_code parse_ec;
      if (boost::asio::ip::make_address(proxy, parse_ec) == address && !parse_ec) return {};
    }
  }
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  }
  if (address.is_v4()) {
    const auto bytes = address.to_v4().to_bytes();
    return std::string(bytes.begin(), bytes.end());
  }
  const auto bytes = address.to_v6().to_bytes();
  return std::string(bytes.begin(), bytes.begin() + 8);
}
inline Transport::Channel ChannelOf(const ServerContext& ctx, const PlainStream& stream) {
  return Transport::Channel{false, {}, LocalPort(stream), SourceOf(ctx, stream)};
}
inline Transport::Channel ChannelOf(const ServerContext& ctx, const TlsStream& stream) {
  return Transport::Channel{
      true, stream.ExportKeyingMaterial(crypto::kAuthExporterLabel, crypto::kAuthExporterSize),
      LocalPort(stream.next_layer()), SourceOf(ctx, stream.next_layer())};
}

template <class Stream>
class WsSession final : public Transport, public std::enable_shared_from_this<WsSession<Stream>> {
  using Clock = std::chrono::steady_clock;

 public:
  WsSession(ServerContext& ctx, Stream&& stream, ConnectionSlot slot)
      : ctx_(ctx),
        slot_(std::move(slot)),
        channel_(ChannelOf(ctx, stream)),
        ws_(std::move(stream), this),
        timer_(ws_.get_executor()),
        connection_(ctx, *this) {}

  void Run(UpgradeRequest request) {
    websocket::stream_base::timeout timeouts;
    timeouts.handshake_timeout = std::chrono::seconds(10);
    timeouts.idle_timeout = std::chrono::seconds(60);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
      res.set(beast::http::field::server, "kollega-relay");
    }));
    // Over the cap Beast fails the read and closes with 1009 (too big).
    // Until login the cap is small: a trickled partial message would
    // otherwise pin up to --max-frame-bytes of an unproven peer's buffer.
    ws_.read_message_max(ctx_.config.prelogin_frame_bytes);
    ws_.binary(true);
    ws_.async_accept(request, beast::bind_front_handler(&WsSession::OnAccept, Self()));
  }

  // Transport
  const Channel& channel() const override { return channel_; }

  void Post(std::function<void()> fn) override {
    asio::post(ws_.get_executor(), [self = Self(), fn = std::move(fn)] { fn(); });
  }

  void SendFrame(std::string bytes) override {
    if (close_started_ || failed_) return;
    queued_bytes_ += bytes.size();
    queue_.push_back(std::move(bytes));
    if (!writing_) DoWrite();
  }

  bool Backlogged() const override {
    return Queued() >= kSoftQueue || queued_bytes_ >= kSoftQueueBytes;
  }

  void ResumeReading() override {
    // A close resumes reading itself (StartClose), and a full queue is
    // resumed by OnWrite. After a failed write the read fails at once and
    // ends the session.
    if (!read_paused_ || close_pending_ || Queued() >= kHardQueue) return;
    read_paused_ = false;
    DoRead();
  }

  void Close(uint16_t code, std::string reason) override {
    if (close_pending_) return;
    close_pending_ = true;
    close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
    if (!writing_) StartClose();
  }

  // WatchedStream: every write to the peer, Beast's included, and the end.
  void OnWireWriteStarted() {
    wire_writing_ = true;
    wire_write_started_ = Clock::now();
    Watch(wire_write_started_ + WriteTimeout());
  }
  void OnWireWriteFinished() { wire_writing_ = false; }
  void OnTeardown() { StartCloseDeadline(); }

 private:
  std::shared_ptr<WsSession> Self() { return this->shared_from_this(); }
  Clock::duration WriteTimeout() const {
    return std::chrono::seconds(ctx_.config.write_timeout_seconds);
  }

  // Frames waiting or being written.
  size_t Queued() const { return queue_.size() + (writing_ ? 1 : 0); }

  void OnAccept(beast::error_code ec) {
    if (ec) {  // handshake failed or timed out: only the timer holds on
      timer_.cancel();
      return;
    }
    connection_.Bind(std::shared_ptr<Connection>(Self(), &connection_));
    connection_.OnOpen();
    auth_deadline_ = Clock::now() + std::chrono::seconds(ctx_.config.auth_timeout_seconds) +
                     connection_.ProofOfWorkAllowance();
    Watch(auth_deadline_);
    DoRead();
  }

  // A message is read in two steps: its first byte, then the rest. Beast
  // sizes the read buffer when a read starts, and a read of a whole message
  // starts with 1.5 KiB that an idle connection would hold all the time it
  // waits; a 1-byte read starts with one byte (docs/performance.md, session
  // 18).
  void DoRead() {
    ws_.async_read_some(buffer_, 1, beast::bind_front_handler(&WsSession::OnFirstByte, Self()));
  }

  void OnFirstByte(beast::error_code ec, size_t bytes) {
    if (ec || ws_.is_message_done()) return OnRead(ec, bytes);
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::OnRead, Self()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) return OnEnd(ec);
    if (ws_.got_text()) {
      Close(static_cast<uint16_t>(websocket::close_code::unknown_data), "binary frames only");
    } else {
      auto data = buffer_.cdata();
      connection_.OnMessage(std::string_view(static_cast<const char*>(data.data()), data.size()));
      if (!logged_in_ && connection_.FrameCapLifted()) {
        logged_in_ = true;
        auth_deadline_ = Clock::time_point::max();
        ws_.read_message_max(ctx_.config.max_frame_bytes);
      }
    }
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > kKeepReadBuffer) buffer_.shrink_to_fit();
    // A request whose store write runs on the account worker holds the
    // next one back (connection.h), so requests are handled in order.
    if (Queued() >= kHardQueue || connection_.AwaitingStore()) {
      read_paused_ = true;  // OnWrite or ResumeReading resumes
      return;
    }
    DoRead();
  }

  void DoWrite() {
    writing_ = true;
    writing_frame_ = queue_.TakeFront();
    ws_.async_write(asio::buffer(writing_frame_),
                    beast::bind_front_handler(&WsSession::OnWrite, Self()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    writing_ = false;
    if (ec) {
      // The peer is gone or the stream broke; the read side ends the session.
      failed_ = true;
      queue_.clear();
      writing_frame_ = std::string();
      queued_bytes_ = 0;
      return;
    }
    queued_bytes_ -= writing_frame_.size();
    writing_frame_ = std::string();
    if (!queue_.empty()) return DoWrite();
    if (close_pending_) return StartClose();
    if (read_paused_ && !connection_.AwaitingStore()) {
      read_paused_ = false;
      DoRead();
    }
    connection_.OnWritable();
  }

  // The session's one timer wakes at the earliest deadline: the current
  // write's stall, the close's end. One wait per period, not one per frame:
  // a later deadline does not re-arm, the wake-up checks again.
  void Watch(Clock::time_point at) {
    if (timer_armed_ && timer_.expiry() <= at) return;
    timer_armed_ = true;
    timer_.expires_at(at);  // a replaced wait ends with operation_aborted
    timer_.async_wait([self = Self()](beast::error_code ec) {
      if (!ec) self->OnTimer();
    });
  }

  void OnTimer() {
    timer_armed_ = false;
    if (failed_ || !beast::get_lowest_layer(ws_).is_open()) return;
    const Clock::time_point now = Clock::now();
    if (wire_writing_ && now >= wire_write_started_ + WriteTimeout()) {
      log::Info("ws", "cutting a connection that stopped reading");
      ctx_.metrics.write_timeouts.fetch_add(1, std::memory_order_relaxed);
      return Cut();
    }
    if (now >= close_deadline_) {
      log::Debug("ws", "cutting a connection that did not finish closing");
      return Cut();
    }
    if (now >= auth_deadline_) {
      auth_deadline_ = Clock::time_point::max();
      connection_.OnAuthDeadline();  // closes unless it logged in meanwhile
    }
    if (auth_deadline_ != Clock::time_point::max()) Watch(auth_deadline_);
    if (wire_writing_) Watch(wire_write_started_ + WriteTimeout());
    if (close_deadline_ != Clock::time_point::max()) Watch(close_deadline_);
  }

  // No close handshake: it would never be read. The outstanding operations
  // then fail, and the read side ends the session as for any broken
  // connection.
  void Cut() {
    failed_ = true;
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).close(ignored);
  }

  void StartCloseDeadline() {
    if (close_deadline_ != Clock::time_point::max()) return;
    close_deadline_ = Clock::now() + kCloseTimeout;
    Watch(close_deadline_);
  }

  void StartClose() {
    if (close_started_ || failed_) return;
    close_started_ = true;
    StartCloseDeadline();
    ws_.async_close(close_reason_, [self = Self()](beast::error_code) {});
    // A paused reader must run again to see the close complete.
    if (read_paused_) {
      read_paused_ = false;
      DoRead();
    }
  }

  void OnEnd(beast::error_code ec) {
    if (ec != websocket::error::closed && ec != asio::error::operation_aborted) {
      log::Debug("ws", "session ended: " + ec.message());
    }
    // The timer's handler holds the session: let it go now, not a write
    // timeout later.
    timer_.cancel();
    connection_.OnClosed();
  }

  ServerContext& ctx_;
  ConnectionSlot slot_;    // this connection's place under the connection caps
  const Channel channel_;  // before ws_: read from the stream before it moves there
  websocket::stream<WatchedStream<Stream, WsSession>> ws_;
  asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, typename Stream::executor_type>
      timer_;
  bool timer_armed_ = false;
  bool wire_writing_ = false;               // a write to the peer is outstanding
  Clock::time_point wire_write_started_{};  // when it started
  Clock::time_point close_deadline_ = Clock::time_point::max();  // max: not closing
  Clock::time_point auth_deadline_ = Clock::time_point::max();   // max: logged in, or not yet open
  bool logged_in_ = false;
  beast::flat_buffer buffer_;
  FrameQueue queue_;           // not yet written
  std::string writing_frame_;  // being written
  size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool read_paused_ = false;
  bool close_pending_ = false;
  bool close_started_ = false;
  bool failed_ = false;
  websocket::close_reason close_reason_;
  Connection connection_;  // last: it refers to this session as its Transport
};

template <class Stream>
void Launch(ServerContext& ctx, Stream stream, UpgradeRequest request, ConnectionSlot slot) {
  auto session = std::make_shared<WsSession<Stream>>(ctx, std::move(stream), std::move(slot));
  session->Run(std::move(request));
}

}  // namespace kollega::server::ws_detail
