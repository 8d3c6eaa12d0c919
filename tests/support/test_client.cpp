// TestClient over Beast: all socket work runs on one io thread; the test
// thread posts writes and waits on futures or on the inbox's condition
// variable, always with a deadline.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/test_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace kollega::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

}  // namespace

struct TestClient::Impl {
  asio::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::thread thread;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{
      asio::make_work_guard(ioc)};

  mutable std::mutex mu;
  std::condition_variable cv;
  std::deque<std::string> inbox;  // raw messages, oldest first
  bool closed = false;
  bool broken = false;  // a write timed out; no more writes
  CloseInfo close_info;
  std::deque<wire::Frame> kept;  // parsed but not yet consumed (test thread only)
  bool pause_reading = false;    // guarded by mu
  bool reading = false;          // io thread only: a read is outstanding

  void StartReading() {
    reading = true;
    ws.async_read(buffer, [this](beast::error_code ec, size_t) {
      std::lock_guard lock(mu);
      reading = false;
      if (ec) {
        closed = true;
        close_info.code = ws.reason().code;
        close_info.reason = std::string(ws.reason().reason.c_str());
        cv.notify_all();
        return;
      }
      inbox.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
      cv.notify_all();
      if (!pause_reading) StartReading();
    });
  }

  // Runs `op` (which must call the given completion) on the io thread and
  // waits for it.
  bool RunOnIo(std::function<void(std::function<void(beast::error_code)>)> op,
               milliseconds timeout) {
    auto done = std::make_shared<std::promise<beast::error_code>>();
    auto future = done->get_future();
    asio::post(ioc, [op = std::move(op), done] {
      op([done](beast::error_code ec) { done->set_value(ec); });
    });
    if (future.wait_for(timeout) != std::future_status::ready) return false;
    return !future.get();
  }
};

TestClient::TestClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TestClient::~TestClient() {
  if (!closed()) Close();
  impl_->work.reset();
  asio::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ec;
    beast::get_lowest_layer(impl->ws).socket().close(ec);
  });
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::unique_ptr<TestClient> TestClient::Connect(uint16_t port, milliseconds timeout,
                                                const std::string& path) {
  auto impl = std::make_unique<Impl>();
  Impl* raw = impl.get();
  raw->thread = std::thread([raw] { raw->ioc.run(); });
  std::unique_ptr<TestClient> client(new TestClient(std::move(impl)));
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  bool ok = raw->RunOnIo(
      [raw, endpoint, path](std::function<void(beast::error_code)> done) {
        beast::get_lowest_layer(raw->ws).expires_after(std::chrono::seconds(5));
        beast::get_lowest_layer(raw->ws).async_connect(endpoint, [raw, path,
                                                                  done](beast::error_code ec) {
          if (ec) return done(ec);
          beast::get_lowest_layer(raw->ws).expires_never();
          raw->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
          raw->ws.read_message_max(64u << 20);
          raw->ws.binary(true);
          raw->ws.async_handshake("127.0.0.1", path, [raw, done](beast::error_code ec) {
            if (!ec) raw->StartReading();
            done(ec);
          });
        });
      },
      timeout);
  if (!ok) return nullptr;
  client->origin_ = "ws://127.0.0.1:" + std::to_string(port);
  return client;
}

std::unique_ptr<TestClient> TestClient::ConnectFrom(const std::string& source, uint16_t port,
                                                    milliseconds timeout) {
  auto impl = std::make_unique<Impl>();
  Impl* raw = impl.get();
  raw->thread = std::thread([raw] { raw->ioc.run(); });
  std::unique_ptr<TestClient> client(new TestClient(std::move(impl)));
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  boost::system::error_code ec;
  tcp::socket& socket = beast::get_lowest_layer(raw->ws).socket();
  socket.open(tcp::v4(), ec);
  if (!ec) socket.bind(tcp::endpoint(asio::ip::make_address(source, ec), 0), ec);
  if (ec) return nullptr;
  bool ok = raw->RunOnIo(
      [raw, endpoint](std::function<void(beast::error_code)> done) {
        beast::get_lowest_layer(raw->ws).expires_after(std::chrono::seconds(5));
        beast::get_lowest_layer(raw->ws).socket().async_connect(
            endpoint, [raw, done](beast::error_code ec) {
              if (ec) return done(ec);
              beast::get_lowest_layer(raw->ws).expires_never();
              raw->ws.set_option(
                  websocket::stream_base::timeout::suggested(beast::role_type::client));
              raw->ws.read_message_max(64u << 20);
              raw->ws.binary(true);
              raw->ws.async_handshake("127.0.0.1", "/v1/websocket",
                                      [raw, done](beast::error_code ec) {
                                        if (!ec) raw->StartReading();
                                        done(ec);
                                      });
            });
      },
      timeout);
  if (!ok) return nullptr;
  client->origin_ = "ws://127.0.0.1:" + std::to_string(port);
  return client;
}

bool TestClient::SendBytes(const std::string& bytes, bool text) {
  if (impl_->broken) return false;
  Impl* raw = impl_.get();
  auto data = std::make_shared<std::string>(bytes);
  bool ok = raw->RunOnIo(
      [raw, data, text](std::function<void(beast::error_code)> done) {
        raw->ws.text(text);
        raw->ws.async_write(asio::buffer(*data), [raw, data, done](beast::error_code ec, size_t) {
          raw->ws.binary(true);
          done(ec);
        });
      },
      kWait);
  if (!ok) impl_->broken = true;
  return ok;
}

bool TestClient::SendFrame(const wire::Frame& frame) {
  return SendBytes(frame.SerializeAsString());
}

uint64_t TestClient::SendRequest(wire::Request request) {
  uint64_t id = next_id_++;
  request.set_id(id);
  wire::Frame frame;
  frame.set_version(wire::PROTOCOL_VERSION_1);
  *frame.mutable_request() = std::move(request);
  SendFrame(frame);
  return id;
}

std::optional<wire::Frame> TestClient::NextFrame(milliseconds timeout) {
  if (!impl_->kept.empty()) {
    wire::Frame f = std::move(impl_->kept.front());
    impl_->kept.pop_front();
    return f;
  }
  std::unique_lock lock(impl_->mu);
  if (!impl_->cv.wait_for(lock, timeout, [&] { return !impl_->inbox.empty() || impl_->closed; })) {
    return std::nullopt;
  }
  if (impl_->inbox.empty()) return std::nullopt;
  std::string bytes = std::move(impl_->inbox.front());
  impl_->inbox.pop_front();
  lock.unlock();
  wire::Frame frame;
  if (!frame.ParseFromString(bytes)) return std::nullopt;
  return frame;
}

std::optional<wire::Frame> TestClient::TakeKept(
    const std::function<bool(const wire::Frame&)>& match) {
  for (auto it = impl_->kept.begin(); it != impl_->kept.end(); ++it) {
    if (match(*it)) {
      wire::Frame f = std::move(*it);
      impl_->kept.erase(it);
      return f;
    }
  }
  return std::nullopt;
}

std::optional<wire::Frame> TestClient::WaitFrame(
    const std::function<bool(const wire::Frame&)>& match, milliseconds timeout) {
  if (auto f = TakeKept(match)) return f;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto left =
        std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    // Read from the inbox only (kept frames were checked above).
    std::unique_lock lock(impl_->mu);
    if (!impl_->cv.wait_for(lock, left, [&] { return !impl_->inbox.empty() || impl_->closed; }) ||
        impl_->inbox.empty()) {
      return std::nullopt;
    }
    std::string bytes = std::move(impl_->inbox.front());
    impl_->inbox.pop_front();
    lock.unlock();
    wire::Frame frame;
    if (!frame.ParseFromString(bytes)) continue;
    if (match(frame)) return frame;
    impl_->kept.push_back(std::move(frame));
  }
}

std::optional<wire::Response> TestClient::WaitResponse(uint64_t id, milliseconds timeout) {
  auto frame = WaitFrame(
      [id](const wire::Frame& f) { return f.has_response() && f.response().id() == id; }, timeout);
  if (!frame) return std::nullopt;
  return std::move(*frame->mutable_response());
}

std::optional<wire::Response> TestClient::Call(wire::Request request, milliseconds timeout) {
  return WaitResponse(SendRequest(std::move(request)), timeout);
}

std::optional<wire::Push> TestClient::WaitPush(const std::function<bool(const wire::Push&)>& match,
                                               milliseconds timeout) {
  auto frame =
      WaitFrame([&](const wire::Frame& f) { return f.has_push() && match(f.push()); }, timeout);
  if (!frame) return std::nullopt;
  return std::move(*frame->mutable_push());
}

void TestClient::DiscardPending() {
  impl_->kept.clear();
  std::lock_guard lock(impl_->mu);
  impl_->inbox.clear();
}

bool TestClient::WaitClosed(milliseconds timeout) {
  std::unique_lock lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->closed; });
}

void TestClient::PauseReading() {
  std::lock_guard lock(impl_->mu);
  impl_->pause_reading = true;
}

void TestClient::ResumeReading() {
  Impl* impl = impl_.get();
  asio::post(impl->ioc, [impl] {
    {
      std::lock_guard lock(impl->mu);
      impl->pause_reading = false;
      if (impl->closed) return;
    }
    if (!impl->reading) impl->StartReading();
  });
}

bool TestClient::closed() const {
  std::lock_guard lock(impl_->mu);
  return impl_->closed;
}

CloseInfo TestClient::close_info() const {
  std::lock_guard lock(impl_->mu);
  return impl_->close_info;
}

void TestClient::Close() {
  Impl* raw = impl_.get();
  raw->RunOnIo(
      [raw](std::function<void(beast::error_code)> done) {
        raw->ws.async_close(websocket::close_code::normal, done);
      },
      milliseconds(1000));
  WaitClosed(milliseconds(1000));
}

}  // namespace kollega::testing
