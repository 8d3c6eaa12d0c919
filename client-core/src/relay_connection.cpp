// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/client-core/relay_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "kollega/base/log.h"

namespace kollega::client {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

struct RelayConnection::Impl : std::enable_shared_from_this<Impl> {
  explicit Impl(Options o) : options(std::move(o)) {}

  Options options;
  net::io_context ioc;
  net::executor_work_guard<net::io_context::executor_type> work{ioc.get_executor()};
  tcp::resolver resolver{ioc};
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer read_buffer;
  std::deque<std::string> write_queue;  // I/O thread only
  std::thread thread;

  std::mutex mu;  // guards everything below
  std::condition_variable cv;
  std::unordered_map<uint64_t, std::promise<Result<wire::Response>>> pending;
  uint64_t next_id = 1;
  wire::Challenge challenge;
  bool has_challenge = false;
  bool open = false;
  bool closing = false;

  void StartReading() {
    ws.async_read(read_buffer,
                  [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec) return Fail(Unavailable("connection to relay lost: " + ec.message()));
    wire::Frame frame;
    const auto data = read_buffer.cdata();
    const bool parsed = frame.ParseFromArray(data.data(), static_cast<int>(data.size()));
    read_buffer.consume(read_buffer.size());
    if (!parsed) return Fail(DataLoss("relay sent a frame that does not parse"));
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
    StartReading();
  }

  // I/O thread only.
  void Write(std::string bytes) {
    write_queue.push_back(std::move(bytes));
    if (write_queue.size() == 1) WriteNext();
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

  void WriteNext() {
    ws.binary(true);
    ws.async_write(net::buffer(write_queue.front()),
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     if (ec)
                       return self->Fail(Unavailable("write to relay failed: " + ec.message()));
                     self->write_queue.pop_front();
                     if (!self->write_queue.empty()) self->WriteNext();
                   });
  }

  void Fail(const Status& status) {
    bool notify = false;
    {
      std::lock_guard lock(mu);
      if (open) notify = !closing;
      open = false;
      for (auto& [id, promise] : pending) promise.set_value(status);
      pending.clear();
      cv.notify_all();
    }
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    if (notify && options.on_close) options.on_close(status);
  }
};

Result<RelayEndpoint> RelayEndpoint::Parse(std::string_view url) {
  constexpr std::string_view kWs = "ws://";
  if (url.substr(0, 6) == "wss://") {
    return InvalidArgument("wss:// is not supported by this client yet; use ws:// behind a proxy");
  }
  if (url.substr(0, kWs.size()) != kWs) return InvalidArgument("relay URL must start with ws://");
  url.remove_prefix(kWs.size());
  RelayEndpoint ep;
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

std::string RelayEndpoint::ToString() const {
  return "ws://" + host + ":" + std::to_string(port) + path;
}

RelayConnection::RelayConnection(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

RelayConnection::~RelayConnection() { Close(); }

Result<std::unique_ptr<RelayConnection>> RelayConnection::Connect(const RelayEndpoint& endpoint,
                                                                  Options options) {
  auto impl = std::make_shared<Impl>(std::move(options));
  impl->ws.read_message_max(impl->options.max_frame_bytes);
  std::promise<Status> connected;
  auto connected_future = connected.get_future();
  const std::string host_header = endpoint.host + ":" + std::to_string(endpoint.port);
  impl->resolver.async_resolve(
      endpoint.host, std::to_string(endpoint.port),
      [impl, &connected, host_header, path = endpoint.path](beast::error_code ec,
                                                            tcp::resolver::results_type results) {
        if (ec) return connected.set_value(Unavailable("cannot resolve relay host"));
        beast::get_lowest_layer(impl->ws).expires_after(impl->options.connect_timeout);
        beast::get_lowest_layer(impl->ws).async_connect(
            results,
            [impl, &connected, host_header, path](beast::error_code ec, const tcp::endpoint&) {
              if (ec)
                return connected.set_value(Unavailable("cannot connect to relay: " + ec.message()));
              impl->ws.async_handshake(host_header, path, [impl, &connected](beast::error_code ec) {
                beast::get_lowest_layer(impl->ws).expires_never();
                if (ec) {
                  return connected.set_value(
                      Unavailable("WebSocket handshake with relay failed: " + ec.message()));
                }
                {
                  std::lock_guard lock(impl->mu);
                  impl->open = true;
                }
                impl->StartReading();
                connected.set_value(Status::Ok());
              });
            });
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
  net::post(impl_->ioc, [impl = impl_, &closed] {
    if (!impl->ws.is_open()) return closed.set_value();
    beast::get_lowest_layer(impl->ws).expires_after(std::chrono::seconds(2));
    impl->ws.async_close(websocket::close_code::normal,
                         [&closed](beast::error_code) { closed.set_value(); });
  });
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

Status ResponseStatus(const wire::Response& response) {
  if (response.code() == wire::OK) return Status::Ok();
  const std::string text = wire::ErrorCode_Name(response.code()) + ": " + response.message();
  switch (response.code()) {
    case wire::RATE_LIMITED:
    case wire::MAILBOX_FULL:
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
