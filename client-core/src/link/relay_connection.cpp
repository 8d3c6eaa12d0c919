// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/client-core/relay_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "kollega/base/log.h"
#include "kollega/base/origin.h"
#include "kollega/crypto/device_key.h"

namespace kollega::client {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

// What both transports share: the request/response bookkeeping, the push
// dispatch and failure handling. The stream itself lives in StreamImpl.
struct RelayConnection::Impl : std::enable_shared_from_this<Impl> {
  Impl(Options o, std::unique_ptr<ssl::context> tls_context)
      : options(std::move(o)), tls(std::move(tls_context)) {}
  virtual ~Impl() = default;

  Options options;
  std::unique_ptr<ssl::context> tls;  // wss:// only; outlives the stream
  net::io_context ioc;
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  tcp::resolver resolver{ioc};
  std::thread thread;

  std::mutex mu;  // guards everything below
  std::condition_variable cv;
  std::unordered_map<uint64_t, std::promise<Result<wire::Response>>> pending;
  uint64_t next_id = 1;
  wire::Challenge challenge;
  bool has_challenge = false;
  std::string origin;        // set before connecting, then fixed
  std::string tls_exporter;  // set by the TLS handshake, then fixed
  bool open = false;
  bool closing = false;

  // I/O thread only, from here on.
  // Resolve, connect, (TLS,) WebSocket handshake; then reading starts.
  virtual void StartConnect(const RelayEndpoint& endpoint, std::function<void(Status)> done) = 0;
  virtual void Write(std::string bytes) = 0;
  // A close handshake, bounded by a timeout; `done` runs either way.
  virtual void CloseGracefully(std::function<void()> done) = 0;
  virtual void CloseSocket() = 0;

  // One received frame; false if it did not parse (the connection fails).
  bool Dispatch(const void* data, size_t size) {
    wire::Frame frame;
    if (!frame.ParseFromArray(data, static_cast<int>(size))) return false;
    if (frame.has_response()) {
      std::lock_guard lock(mu);
      auto it = pending.find(frame.response().id());
      if (it != pending.end()) {
        it->second.set_value(std::move(*frame.mutable_response()));
        pending.erase(it);
      } else if (frame.response().code() != wire::OK) {
        // The answer to a SendOnly request (or to one that timed out).
        log::Debug("relay",
                   "unawaited request failed: " + wire::ErrorCode_Name(frame.response().code()));
      }
    } else if (frame.has_push()) {
      if (frame.push().has_challenge()) {
        std::lock_guard lock(mu);
        challenge = frame.push().challenge();
        has_challenge = true;
        cv.notify_all();
      } else if (options.on_push) {
        options.on_push(frame.push());
      }
    }
    return true;
  }

  void MarkOpen() {
    std::lock_guard lock(mu);
    open = true;
  }

  // Any thread: frames `request` (its id already set) and queues it on the io
  // thread.
  void PostRequest(wire::Request request) {
    wire::Frame frame;
    frame.set_version(wire::PROTOCOL_VERSION_1);
    *frame.mutable_request() = std::move(request);
    net::post(ioc, [self = shared_from_this(), bytes = frame.SerializeAsString()]() mutable {
      self->Write(std::move(bytes));
    });
  }

  void Fail(const Status& status) {
    status.IgnoreError();  // with nothing pending and no close handler, nobody reads it
    bool notify = false;
    {
      std::lock_guard lock(mu);
      if (open) notify = !closing;
      open = false;
      for (auto& [id, promise] : pending) promise.set_value(status);
      pending.clear();
      cv.notify_all();
    }
    CloseSocket();
    if (notify && options.on_close) options.on_close(status);
  }
};

namespace {

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// The WebSocket over plain TCP (NextLayer = tcp_stream) or over TLS.
template <class NextLayer>
struct StreamImpl final : RelayConnection::Impl {
  static constexpr bool kTls = std::is_same_v<NextLayer, TlsStream>;

  StreamImpl(RelayConnection::Options o, std::unique_ptr<ssl::context> tls_context)
      : Impl(std::move(o), std::move(tls_context)), ws(MakeStream()) {
    ws.read_message_max(options.max_frame_bytes);
  }

  websocket::stream<NextLayer> ws;
  beast::flat_buffer read_buffer;
  std::deque<std::string> write_queue;

  websocket::stream<NextLayer> MakeStream() {
    if constexpr (kTls) {
      return websocket::stream<NextLayer>(ioc, *tls);
    } else {
      return websocket::stream<NextLayer>(ioc);
    }
  }

  std::shared_ptr<StreamImpl> self() {
    return std::static_pointer_cast<StreamImpl>(shared_from_this());
  }

  void StartConnect(const RelayEndpoint& endpoint, std::function<void(Status)> done) override {
    resolver.async_resolve(
        endpoint.host, std::to_string(endpoint.port),
        [self = self(), endpoint, done](beast::error_code ec, tcp::resolver::results_type found) {
          if (ec) return done(Unavailable("cannot resolve relay host"));
          auto& tcp_layer = beast::get_lowest_layer(self->ws);
          tcp_layer.expires_after(self->options.connect_timeout);
          tcp_layer.async_connect(
              found, [self, endpoint, done](beast::error_code ec, const tcp::endpoint&) {
                if (ec) return done(Unavailable("cannot connect to relay: " + ec.message()));
                if constexpr (kTls) {
                  self->StartTls(endpoint, done);
                } else {
                  self->StartWebSocket(endpoint, done);
                }
              });
        });
  }

  void StartTls(const RelayEndpoint& endpoint, std::function<void(Status)> done) {
    TlsStream& tls_stream = ws.next_layer();
    // SNI, and the certificate must name the host we asked for.
    if (!SSL_set_tlsext_host_name(tls_stream.native_handle(), endpoint.host.c_str())) {
      return done(Internal("cannot set the TLS server name"));
    }
    tls_stream.set_verify_callback(ssl::host_name_verification(endpoint.host));
    tls_stream.async_handshake(
        ssl::stream_base::client, [self = self(), endpoint, done](beast::error_code ec) {
          if (ec) return done(Unavailable("TLS handshake with relay failed: " + ec.message()));
          Status exported = self->ExportAuthBinding();
          if (!exported.ok()) return done(exported);
          self->StartWebSocket(endpoint, done);
        });
  }

  // The value the login signs so that it is good on this TLS session only
  // (docs/protocol-recipes.md, "DeviceAuthMessageV2").
  Status ExportAuthBinding() {
    std::string out(crypto::kAuthExporterSize, '\0');
    const std::string_view label = crypto::kAuthExporterLabel;
    if (SSL_export_keying_material(ws.next_layer().native_handle(),
                                   reinterpret_cast<unsigned char*>(out.data()), out.size(),
                                   label.data(), label.size(), nullptr, 0, 0) != 1) {
      return Internal("cannot export the TLS channel binding");
    }
    std::lock_guard lock(mu);
    tls_exporter = std::move(out);
    return Status::Ok();
  }

  void StartWebSocket(const RelayEndpoint& endpoint, std::function<void(Status)> done) {
    const std::string host_header = endpoint.host + ":" + std::to_string(endpoint.port);
    ws.async_handshake(host_header, endpoint.path, [self = self(), done](beast::error_code ec) {
      beast::get_lowest_layer(self->ws).expires_never();
      if (ec) return done(Unavailable("WebSocket handshake with relay failed: " + ec.message()));
      self->MarkOpen();
      self->StartReading();
      done(Status::Ok());
    });
  }

  void StartReading() {
    ws.async_read(read_buffer, [self = self()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(Unavailable("connection to relay lost: " + ec.message()));
      const auto data = self->read_buffer.cdata();
      const bool parsed = self->Dispatch(data.data(), data.size());
      self->read_buffer.consume(self->read_buffer.size());
      if (!parsed) return self->Fail(DataLoss("relay sent a frame that does not parse"));
      self->StartReading();
    });
  }

  void Write(std::string bytes) override {
    write_queue.push_back(std::move(bytes));
    if (write_queue.size() == 1) WriteNext();
  }

  void WriteNext() {
    ws.binary(true);
    ws.async_write(net::buffer(write_queue.front()), [self = self()](beast::error_code ec, size_t) {
      if (ec) return self->Fail(Unavailable("write to relay failed: " + ec.message()));
      self->write_queue.pop_front();
      if (!self->write_queue.empty()) self->WriteNext();
    });
  }

  void CloseGracefully(std::function<void()> done) override {
    if (!ws.is_open()) return done();
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(2));
    ws.async_close(websocket::close_code::normal, [done](beast::error_code) { done(); });
  }

  void CloseSocket() override {
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
  }
};

// Peers are verified against `ca_file`, or the system's trust store when it
// is empty; nothing older than TLS 1.2.
Result<std::unique_ptr<ssl::context>> MakeTlsContext(const std::string& ca_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  beast::error_code ec;
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    return Internal("cannot require TLS 1.2");
  }
  context->set_verify_mode(ssl::verify_peer, ec);
  if (!ec) {
    if (ca_file.empty()) {
      context->set_default_verify_paths(ec);
    } else {
      context->load_verify_file(ca_file, ec);
    }
  }
  if (ec) return InvalidArgument("cannot load the TLS trust anchors: " + ec.message());
  return context;
}

// Cleartext is for this machine only (docs/abuse.md, "Cleartext refused"):
// "localhost", 127.0.0.0/8 and ::1 (bracketed or not; also as an
// IPv4-mapped address). A name that merely resolves to loopback is not
// trusted to keep doing so.
bool IsLoopbackDialTarget(std::string host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (IsLoopbackHost(host)) return true;
  beast::error_code ec;
  net::ip::address address = net::ip::make_address(host, ec);
  if (ec) return false;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
  }
  return address.is_loopback();
}

}  // namespace

Result<RelayEndpoint> RelayEndpoint::Parse(std::string_view url) {
  constexpr std::string_view kWs = "ws://", kWss = "wss://";
  RelayEndpoint ep;
  if (url.substr(0, kWss.size()) == kWss) {
    ep.tls = true;
    url.remove_prefix(kWss.size());
  } else if (url.substr(0, kWs.size()) == kWs) {
    url.remove_prefix(kWs.size());
  } else {
    return InvalidArgument("relay URL must start with ws:// or wss://");
  }
  const size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) ep.path = std::string(url.substr(slash));
  if (ep.path.empty() || ep.path == "/") ep.path = "/v1/websocket";
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    const std::string port_text(authority.substr(colon + 1));
    char* end = nullptr;
    const long port = std::strtol(port_text.c_str(), &end, 10);
    if (port_text.empty() || *end != '\0' || port <= 0 || port > 65535) {
      return InvalidArgument("relay URL has a bad port");
    }
    ep.port = static_cast<uint16_t>(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return InvalidArgument("relay URL has no host");
  ep.host = std::string(authority);
  return ep;
}

std::string RelayEndpoint::Origin() const { return FormatOrigin(tls, host, port); }

std::string RelayEndpoint::ToString() const {
  return (tls ? "wss://" : "ws://") + host + ":" + std::to_string(port) + path;
}

RelayConnection::RelayConnection(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

RelayConnection::~RelayConnection() { Close(); }

Result<std::unique_ptr<RelayConnection>> RelayConnection::Connect(const RelayEndpoint& endpoint,
                                                                  Options options) {
  if (!endpoint.tls && !IsLoopbackDialTarget(endpoint.host)) {
    return InvalidArgument(
        "refusing cleartext ws:// to a host that is not this machine: use wss://");
  }
  std::shared_ptr<Impl> impl;
  if (endpoint.tls) {
    KOLLEGA_ASSIGN_OR_RETURN(auto context, MakeTlsContext(options.tls_ca_file));
    impl = std::make_shared<StreamImpl<TlsStream>>(std::move(options), std::move(context));
  } else {
    impl = std::make_shared<StreamImpl<beast::tcp_stream>>(std::move(options), nullptr);
  }
  impl->origin = endpoint.Origin();
  auto connected = std::make_shared<std::promise<Status>>();
  auto connected_future = connected->get_future();
  net::post(impl->ioc, [impl, endpoint, connected] {
    impl->StartConnect(endpoint, [connected](Status s) { connected->set_value(std::move(s)); });
  });
  impl->thread = std::thread([impl] { impl->ioc.run(); });
  auto conn = std::unique_ptr<RelayConnection>(new RelayConnection(impl));

  if (connected_future.wait_for(impl->options.connect_timeout + std::chrono::seconds(1)) !=
      std::future_status::ready) {
    return Unavailable("timed out connecting to relay");
  }
  Status status = connected_future.get();
  if (!status.ok()) return status;
  std::unique_lock lock(impl->mu);
  if (!impl->cv.wait_for(lock, impl->options.connect_timeout,
                         [&] { return impl->has_challenge || !impl->open; }) ||
      !impl->has_challenge) {
    return Unavailable("relay did not send a challenge");
  }
  return conn;
}

Result<wire::Response> RelayConnection::Call(wire::Request request,
                                             std::chrono::milliseconds timeout) {
  std::future<Result<wire::Response>> future;
  uint64_t id = 0;
  {
    std::lock_guard lock(impl_->mu);
    if (!impl_->open) return Unavailable("not connected to relay");
    id = impl_->next_id++;
    future = impl_->pending[id].get_future();
  }
  request.set_id(id);
  impl_->PostRequest(std::move(request));
  if (future.wait_for(timeout) != std::future_status::ready) {
    std::lock_guard lock(impl_->mu);
    impl_->pending.erase(id);
    return Unavailable("relay did not answer in time");
  }
  Result<wire::Response> response = future.get();
  if (response.ok() && response->has_challenge()) {
    std::lock_guard lock(impl_->mu);
    impl_->challenge = response->challenge();
    impl_->has_challenge = true;
  }
  return response;
}

Status RelayConnection::SendOnly(wire::Request request) {
  {
    std::lock_guard lock(impl_->mu);
    if (!impl_->open) return Unavailable("not connected to relay");
    request.set_id(impl_->next_id++);
  }
  impl_->PostRequest(std::move(request));
  return Status::Ok();
}

wire::Challenge RelayConnection::TakeChallenge() {
  std::lock_guard lock(impl_->mu);
  if (!impl_->has_challenge) return {};
  impl_->has_challenge = false;
  return std::move(impl_->challenge);
}

std::string RelayConnection::Origin() const { return impl_->origin; }

std::string RelayConnection::TlsExporter() const {
  std::lock_guard lock(impl_->mu);
  return impl_->tls_exporter;
}

bool RelayConnection::is_open() const {
  std::lock_guard lock(impl_->mu);
  return impl_->open;
}

void RelayConnection::Close() {
  if (!impl_ || !impl_->thread.joinable()) return;
  {
    std::lock_guard lock(impl_->mu);
    impl_->closing = true;
  }
  std::promise<void> closed;
  auto closed_future = closed.get_future();
  net::post(impl_->ioc,
            [impl = impl_, &closed] { impl->CloseGracefully([&closed] { closed.set_value(); }); });
  closed_future.wait_for(std::chrono::seconds(3));
  impl_->Fail(Unavailable("connection closed"));
  impl_->work.reset();
  impl_->ioc.stop();
  if (impl_->thread.get_id() == std::this_thread::get_id()) {
    impl_->thread.detach();
  } else {
    impl_->thread.join();
  }
}

Result<std::unique_ptr<RelayLink>> ConnectWebSocketLink(const std::string& relay_url,
                                                        RelayLink::Handlers handlers,
                                                        const RelayLink::Options& options) {
  KOLLEGA_ASSIGN_OR_RETURN(RelayEndpoint endpoint, RelayEndpoint::Parse(relay_url));
  RelayConnection::Options o;
  o.connect_timeout = options.connect_timeout;
  o.tls_ca_file = options.tls_ca_file;
  o.on_push = std::move(handlers.on_push);
  o.on_close = std::move(handlers.on_close);
  KOLLEGA_ASSIGN_OR_RETURN(auto connection, RelayConnection::Connect(endpoint, std::move(o)));
  return std::unique_ptr<RelayLink>(std::move(connection));
}

Status ResponseStatus(const wire::Response& response) {
  if (response.code() == wire::OK) return Status::Ok();
  const std::string text = wire::ErrorCode_Name(response.code()) + ": " + response.message();
  switch (response.code()) {
    case wire::RATE_LIMITED:
    case wire::MAILBOX_FULL:
    case wire::SENDER_QUOTA_EXCEEDED:
    case wire::ACCOUNT_QUOTA_EXCEEDED:
    case wire::STORAGE_FULL:
      return ResourceExhausted(text);
    case wire::AUTH_FAILED:
    case wire::NOT_AUTHENTICATED:
      return Unauthenticated(text);
    case wire::UNKNOWN_ACCOUNT:
    case wire::UNKNOWN_DEVICE:
    case wire::UNKNOWN_ENVELOPE:
      return NotFound(text);
    case wire::STALE_DEVICES:
      return FailedPrecondition(text);
    case wire::UNAVAILABLE:
      return Unavailable(text);
    case wire::INTERNAL:
      return Internal(text);
    default:
      return InvalidArgument(text);
  }
}

}  // namespace kollega::client
