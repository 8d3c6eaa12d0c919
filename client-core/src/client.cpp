// Client: forwards each call to the Core on the worker thread, and keeps the
// event queue and the "queue drained" signal that callers wait on.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/client-core/client.h"

#include <condition_variable>
#include <deque>
#include <mutex>

#include "core.h"

namespace kollega::client {
namespace {
// Apps that never read events must not grow memory without bound.
constexpr size_t kMaxQueuedEvents = 10000;
}  // namespace

std::string_view MessageStatusName(MessageStatus status) {
  switch (status) {
    case MessageStatus::kQueued:
      return "queued";
    case MessageStatus::kSent:
      return "sent";
    case MessageStatus::kDelivered:
      return "delivered";
    case MessageStatus::kRead:
      return "read";
    case MessageStatus::kReceived:
      return "received";
  }
  return "unknown";
}

struct Client::Impl {
  explicit Impl(Options o)
      : options(o),
        core(o, runner,
             Core::Hooks{[this](Event e) { Deliver(std::move(e)); },
                         [this](uint64_t g) { Drained(g); }}) {}

  void Deliver(Event e) {
    std::function<void(const Event&)> callback;
    {
      std::lock_guard lock(mu);
      callback = this->callback;
      if (!callback) {
        if (events.size() >= kMaxQueuedEvents) events.pop_front();
        events.push_back(std::move(e));
        cv.notify_all();
        return;
      }
    }
    callback(e);
  }

  void Drained(uint64_t generation) {
    std::lock_guard lock(mu);
    drained_generation = std::max(drained_generation, generation);
    cv.notify_all();
  }

  // Waits (off the worker) until the relay has pushed everything queued for
  // connection `generation` and the worker has processed it.
  void WaitDrained(uint64_t generation) {
    if (runner.OnRunnerThread()) return;
    std::unique_lock lock(mu);
    cv.wait_for(lock, options.request_timeout, [&] { return drained_generation >= generation; });
  }

  Status ConnectAndDrain(bool keep_alive) {
    auto generation = runner.RunSync([&] { return core.Connect(keep_alive); });
    if (!generation.ok()) return generation.status();
    WaitDrained(*generation);
    return Status::Ok();
  }

  Options options;
  TaskRunner runner;  // declared before core: core's hooks post to it
  Core core;

  std::mutex mu;
  std::condition_variable cv;
  std::function<void(const Event&)> callback;
  std::deque<Event> events;
  uint64_t drained_generation = 0;
};

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() {
  impl_->runner
      .RunSync([&] {
        impl_->core.Shutdown();
        return Status::Ok();
      })
      .IgnoreError();
  impl_->runner.Stop();
}

Result<std::unique_ptr<Client>> Client::Open(const std::string& data_dir) {
  return Open(data_dir, Options());
}

Result<std::unique_ptr<Client>> Client::Open(const std::string& data_dir, Options options) {
  auto impl = std::make_unique<Impl>(options);
  Status s = impl->runner.RunSync([&] { return impl->core.Open(data_dir); });
  if (!s.ok()) {
    impl->runner
        .RunSync([&] {
          impl->core.Shutdown();
          return Status::Ok();
        })
        .IgnoreError();
    return s;
  }
  return std::unique_ptr<Client>(new Client(std::move(impl)));
}

Status Client::CreateAccount(const std::string& relay_url) {
  Status s = impl_->runner.RunSync([&] { return impl_->core.CreateAccount(relay_url); });
  if (!s.ok()) return s;
  return impl_->ConnectAndDrain(false);
}

Result<std::string> Client::StartLinking() {
  return impl_->runner.RunSync([&] { return impl_->core.StartLinking(); });
}

Status Client::LinkDevice(const std::string& relay_url, const std::string& code) {
  Status s = impl_->runner.RunSync([&] { return impl_->core.LinkDevice(relay_url, code); });
  if (!s.ok()) return s;
  return impl_->ConnectAndDrain(false);
}

bool Client::HasAccount() {
  return impl_->runner.RunSync([&] { return Result<bool>(impl_->core.HasAccount()); }).value();
}

Result<WhoAmIInfo> Client::WhoAmI() {
  return impl_->runner.RunSync([&] { return impl_->core.WhoAmI(); });
}

Status Client::Connect() { return impl_->ConnectAndDrain(false); }

Status Client::StartListening() { return impl_->ConnectAndDrain(true); }

void Client::Disconnect() {
  impl_->runner
      .RunSync([&] {
        impl_->core.Disconnect();
        return Status::Ok();
      })
      .IgnoreError();
}

ConnectionState Client::connection_state() {
  auto r = impl_->runner.RunSync([&] { return Result<ConnectionState>(impl_->core.state()); });
  return r.ok() ? *r : ConnectionState::kOffline;
}

Result<std::string> Client::Send(const std::string& peer, const std::string& text) {
  return impl_->runner.RunSync([&] { return impl_->core.Send(peer, text); });
}

Status Client::FlushOutbound() {
  return impl_->runner.RunSync([&] { return impl_->core.FlushOutbound(); });
}

Status Client::MarkRead(const std::string& peer) {
  return impl_->runner.RunSync([&] { return impl_->core.MarkRead(peer); });
}

Result<std::vector<Message>> Client::History(const std::string& peer, size_t limit) {
  return impl_->runner.RunSync([&] { return impl_->core.History(peer, limit); });
}

Result<std::vector<Conversation>> Client::Conversations() {
  return impl_->runner.RunSync([&] { return impl_->core.Conversations(); });
}

Result<std::string> Client::SafetyNumber(const std::string& peer) {
  return impl_->runner.RunSync([&] { return impl_->core.SafetyNumber(peer); });
}

Result<std::vector<IdentityChange>> Client::PendingIdentityChanges() {
  return impl_->runner.RunSync([&] { return impl_->core.PendingIdentityChanges(); });
}

Status Client::AcceptIdentityChange(const std::string& peer) {
  return impl_->runner.RunSync([&] { return impl_->core.AcceptIdentityChange(peer); });
}

void Client::SetEventCallback(std::function<void(const Event&)> callback) {
  std::lock_guard lock(impl_->mu);
  impl_->callback = std::move(callback);
}

std::optional<Event> Client::NextEvent(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mu);
  if (!impl_->cv.wait_for(lock, timeout, [&] { return !impl_->events.empty(); })) {
    return std::nullopt;
  }
  Event e = std::move(impl_->events.front());
  impl_->events.pop_front();
  return e;
}

std::vector<Event> Client::PollEvents() {
  std::lock_guard lock(impl_->mu);
  std::vector<Event> out(std::make_move_iterator(impl_->events.begin()),
                         std::make_move_iterator(impl_->events.end()));
  impl_->events.clear();
  return out;
}

}  // namespace kollega::client
