// Client: each call becomes a task on the worker thread, where the Kernel
// and the components live; its result completes the Async the caller holds.
// Events are delivered to the app's callback or kept in a bounded queue.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/client-core/client.h"

#include <condition_variable>
#include <deque>
#include <mutex>

#include "components/cases.h"
#include "components/conversations.h"
#include "components/organisations.h"
#include "components/receipts.h"
#include "kernel/device_list_manager.h"
#include "kernel/kernel.h"
#include "kernel/keys.h"
#include "kernel/link_manager.h"
#include "kernel/outbox.h"
#include "kollega/base/hex.h"
#include "kollega/crypto/device_key.h"

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
  explicit Impl(Options o) : kernel(std::move(o), runner, [this](EventPtr e) { Deliver(e); }) {}

  // Runs `fn` on the worker; its result (a Status or a Result<T>) completes
  // the returned Async. After Close() every call completes Unavailable.
  template <typename R, typename F>
  Async<R> Run(F fn) {
    Async<R> result;
    result.SetWorker(runner.thread_id());
    const bool posted = runner.Post([this, result, fn = std::move(fn)]() mutable {
      if (closed) {
        result.Complete(R(Unavailable("the client is closed")));
        return;
      }
      result.Complete(fn());
    });
    if (!posted) result.Complete(R(Unavailable("the client is closed")));
    return result;
  }

  // A case call queues its messages inside its own transaction; they go
  // out once it has committed.
  template <typename R>
  R Flushed(R result) {
    kernel.RequestFlush();
    return result;
  }

  template <typename T>
  T* Find() {
    return static_cast<T*>(kernel.ComponentNamed(T::kName));
  }

  void Deliver(EventPtr e) {
    std::function<void(const Event&)> cb;
    {
      std::lock_guard lock(mu);
      cb = callback;
      if (!cb) {
        if (events.size() >= kMaxQueuedEvents) events.pop_front();
        events.push_back(std::move(e));
        cv.notify_all();
        return;
      }
    }
    cb(*e);
  }

  void Close() {
    kernel.RequestStop();
    Run<Status>([this] {
      kernel.Shutdown();
      closed = true;
      return Status::Ok();
    });
    runner.Stop();
  }

  // Declared before the kernel, which posts to the runner and emits into
  // the event queue until it is destroyed.
  TaskRunner runner;
  std::mutex mu;
  std::condition_variable cv;
  std::function<void(const Event&)> callback;
  std::deque<EventPtr> events;

  Kernel kernel;
  bool closed = false;  // worker thread only
};

Client::Client(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Client::~Client() { impl_->Close(); }

Result<std::unique_ptr<Client>> Client::Open(const std::string& data_dir) {
  return Open(data_dir, Options());
}

Result<std::unique_ptr<Client>> Client::Open(const std::string& data_dir, Options options) {
  // A copy: the kernel wipes its store key once the store is open, and this
  // one is wiped here rather than left behind in a moved-from string.
  auto impl = std::make_unique<Impl>(options);
  crypto::Wipe(options.store_key.passphrase);
  crypto::Wipe(options.store_key.raw_key);
  Status s = impl->Run<Status>([&] { return impl->kernel.Open(data_dir); }).Get();
  if (!s.ok()) {
    impl->Close();
    return s;
  }
  return std::unique_ptr<Client>(new Client(std::move(impl)));
}

Async<Status> Client::CreateAccount(const std::string& relay_url) {
  return impl_->Run<Status>([this, relay_url] {
    KOLLEGA_RETURN_IF_ERROR(impl_->kernel.keys().CreateAccount(relay_url));
    return impl_->kernel.link().Connect(false);
  });
}

Async<Result<std::string>> Client::StartLinking() {
  return impl_->Run<Result<std::string>>([this] { return impl_->kernel.keys().StartLinking(); });
}

Async<Status> Client::LinkDevice(const std::string& relay_url, const std::string& code) {
  return impl_->Run<Status>([this, relay_url, code] {
    KOLLEGA_RETURN_IF_ERROR(impl_->kernel.keys().LinkDevice(relay_url, code));
    return impl_->kernel.link().Connect(false);
  });
}

Async<Result<WhoAmIInfo>> Client::WhoAmI() {
  return impl_->Run<Result<WhoAmIInfo>>([this]() -> Result<WhoAmIInfo> {
    Kernel& k = impl_->kernel;
    if (!k.has_account())
      return FailedPrecondition("no account yet: create one or link this device");
    KOLLEGA_ASSIGN_OR_RETURN(auto identity, k.store().LoadLocalIdentity());
    crypto::Wipe(identity.private_key);
    return WhoAmIInfo{ToHex(k.account().account_id), k.account().device_id, k.account().relay_url,
                      ToHex(identity.public_key)};
  });
}

Async<Status> Client::Connect() {
  return impl_->Run<Status>([this] { return impl_->kernel.link().Connect(false); });
}

Async<Status> Client::StartListening() {
  return impl_->Run<Status>([this] { return impl_->kernel.link().Connect(true); });
}

Async<Status> Client::Disconnect() {
  return impl_->Run<Status>([this] {
    impl_->kernel.link().Disconnect();
    return Status::Ok();
  });
}

Async<Result<ConnectionState>> Client::GetConnectionState() {
  return impl_->Run<Result<ConnectionState>>(
      [this] { return Result<ConnectionState>(impl_->kernel.link().state()); });
}

Async<Result<std::string>> Client::Send(const std::string& peer, const std::string& text) {
  return impl_->Run<Result<std::string>>(
      [this, peer, text] { return impl_->Find<client::Conversations>()->Send(peer, text); });
}

Async<Result<std::vector<Message>>> Client::History(const std::string& peer, size_t limit,
                                                    const std::string& before) {
  return impl_->Run<Result<std::vector<Message>>>([this, peer, limit, before] {
    return impl_->Find<client::Conversations>()->History(peer, limit, before);
  });
}

Async<Result<std::vector<Message>>> Client::HistoryAfter(const std::string& peer,
                                                         const std::string& after, size_t limit) {
  return impl_->Run<Result<std::vector<Message>>>([this, peer, after, limit] {
    return impl_->Find<client::Conversations>()->HistoryAfter(peer, after, limit);
  });
}

Async<Result<std::vector<Conversation>>> Client::Conversations() {
  return impl_->Run<Result<std::vector<Conversation>>>(
      [this] { return impl_->Find<client::Conversations>()->List(); });
}

Async<Status> Client::MarkRead(const std::string& peer) {
  return impl_->Run<Status>(
      [this, peer] { return impl_->Find<client::Conversations>()->MarkRead(peer); });
}

Async<Status> Client::FlushOutbound() {
  return impl_->Run<Status>([this] { return impl_->kernel.outbox().Flush(); });
}

Async<Result<std::string>> Client::SafetyNumber(const std::string& peer) {
  return impl_->Run<Result<std::string>>([this, peer] { return impl_->kernel.SafetyNumber(peer); });
}

Async<Result<std::vector<IdentityChange>>> Client::PendingIdentityChanges() {
  return impl_->Run<Result<std::vector<IdentityChange>>>(
      [this] { return impl_->kernel.PendingIdentityChanges(); });
}

Async<Status> Client::AcceptIdentityChange(const std::string& peer) {
  return impl_->Run<Status>([this, peer] { return impl_->kernel.AcceptIdentityChange(peer); });
}

Async<Result<std::vector<DeviceInfo>>> Client::Devices() {
  return impl_->Run<Result<std::vector<DeviceInfo>>>([this]() -> Result<std::vector<DeviceInfo>> {
    if (!impl_->kernel.has_account()) return FailedPrecondition("no account yet");
    return impl_->kernel.device_lists().Devices();
  });
}

Async<Status> Client::UnlinkDevice(uint32_t device_id) {
  return impl_->Run<Status>([this, device_id]() -> Status {
    if (!impl_->kernel.has_account()) return FailedPrecondition("no account yet");
    if (!impl_->kernel.online()) return Unavailable("connect first");
    return impl_->kernel.device_lists().Unlink(device_id);
  });
}

Async<Result<OrganisationInfo>> Client::JoinOrganisation(const std::string& card) {
  return impl_->Run<Result<OrganisationInfo>>(
      [this, card] { return impl_->Find<class Organisations>()->Join(card); });
}

Async<Result<OrganisationInfo>> Client::RefreshOrganisation(const std::string& org_id) {
  return impl_->Run<Result<OrganisationInfo>>(
      [this, org_id] { return impl_->Find<class Organisations>()->Refresh(org_id); });
}

Async<Result<std::vector<OrganisationInfo>>> Client::Organisations() {
  return impl_->Run<Result<std::vector<OrganisationInfo>>>(
      [this] { return impl_->Find<class Organisations>()->List(); });
}

Async<Result<std::vector<HelperInfo>>> Client::Helpers(HelperFilter filter) {
  return impl_->Run<Result<std::vector<HelperInfo>>>([this, filter = std::move(filter)] {
    return impl_->Find<class Organisations>()->Helpers(filter);
  });
}

Async<Result<std::vector<ContactInfo>>> Client::SafetyContacts(const std::string& org_id,
                                                               const std::string& country) {
  return impl_->Run<Result<std::vector<ContactInfo>>>(
      [=, this] { return impl_->Find<class Organisations>()->SafetyContacts(org_id, country); });
}

Async<Result<std::vector<ContactInfo>>> Client::Resources(const std::string& org_id,
                                                          const std::string& language) {
  return impl_->Run<Result<std::vector<ContactInfo>>>(
      [=, this] { return impl_->Find<class Organisations>()->Resources(org_id, language); });
}

Async<Status> Client::SetAvailability(Availability state, int64_t back_at_ms) {
  return impl_->Run<Status>([this, state, back_at_ms] {
    return impl_->Find<class Organisations>()->PublishAvailability(state, back_at_ms);
  });
}

Async<Result<std::string>> Client::OpenCase(const std::string& org_id, const std::string& helper,
                                            const std::string& category, const std::string& text) {
  return impl_->Run<Result<std::string>>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->Open(org_id, helper, category, text));
  });
}

Async<Result<std::string>> Client::OfferCase(HelperFilter filter, const std::string& category,
                                             const std::string& text) {
  return impl_->Run<Result<std::string>>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->Offer(filter, category, text));
  });
}

Async<Status> Client::AcceptCase(const std::string& case_id) {
  return impl_->Run<Status>(
      [=, this] { return impl_->Flushed(impl_->Find<class Cases>()->Accept(case_id)); });
}

Async<Status> Client::SendInCase(const std::string& case_id, const std::string& text) {
  return impl_->Run<Status>(
      [=, this] { return impl_->Flushed(impl_->Find<class Cases>()->Send(case_id, text)); });
}

Async<Result<std::vector<CaseInfo>>> Client::Cases() {
  return impl_->Run<Result<std::vector<CaseInfo>>>(
      [this] { return impl_->Find<class Cases>()->List(); });
}

Async<Result<std::vector<CaseEntryInfo>>> Client::CaseEntries(const std::string& case_id) {
  return impl_->Run<Result<std::vector<CaseEntryInfo>>>(
      [=, this] { return impl_->Find<class Cases>()->Entries(case_id); });
}

Async<Status> Client::MarkCaseRead(const std::string& case_id) {
  return impl_->Run<Status>([=, this] { return impl_->Find<class Cases>()->MarkRead(case_id); });
}

Async<Result<bool>> Client::CloseCase(const std::string& case_id, bool heavy,
                                      const std::string& category) {
  return impl_->Run<Result<bool>>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->Close(case_id, heavy, category));
  });
}

Async<Result<std::vector<CaseCategory>>> Client::CaseCategories(const std::string& org_id,
                                                                const std::string& language) {
  return impl_->Run<Result<std::vector<CaseCategory>>>(
      [=, this] { return impl_->Find<class Cases>()->Categories(org_id, language); });
}

Async<Status> Client::ReferInCase(const std::string& case_id, const std::string& resource_id) {
  return impl_->Run<Status>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->Refer(case_id, resource_id));
  });
}

Async<Status> Client::AskHandover(const std::string& case_id, const std::string& helper) {
  return impl_->Run<Status>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->AskHandover(case_id, helper));
  });
}

Async<Result<std::string>> Client::AnswerHandover(const std::string& case_id, bool agreed,
                                                  const std::string& pass_on) {
  return impl_->Run<Result<std::string>>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->AnswerHandover(case_id, agreed, pass_on));
  });
}

Async<Status> Client::StartConversation(const std::string& case_id) {
  return impl_->Run<Status>(
      [=, this] { return impl_->Find<class Cases>()->StartConversation(case_id); });
}

Async<Status> Client::SetSupportMinutes(const std::string& case_id, uint32_t minutes) {
  return impl_->Run<Status>([=, this] {
    return impl_->Flushed(impl_->Find<class Cases>()->SetSupportMinutes(case_id, minutes));
  });
}

Async<Status> Client::WithComponent(std::string name, std::function<Status(Component&)> fn) {
  return impl_->Run<Status>([this, name = std::move(name), fn = std::move(fn)]() -> Status {
    Component* component = impl_->kernel.ComponentNamed(name);
    if (!component) return NotFound("no component of that name");
    return fn(*component);
  });
}

void Client::SetEventCallback(std::function<void(const Event&)> callback) {
  std::lock_guard lock(impl_->mu);
  impl_->callback = std::move(callback);
}

EventPtr Client::NextEvent(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mu);
  if (!impl_->cv.wait_for(lock, timeout, [&] { return !impl_->events.empty(); })) return nullptr;
  EventPtr e = std::move(impl_->events.front());
  impl_->events.pop_front();
  return e;
}

std::vector<EventPtr> Client::PollEvents() {
  std::lock_guard lock(impl_->mu);
  std::vector<EventPtr> out(std::make_move_iterator(impl_->events.begin()),
                            std::make_move_iterator(impl_->events.end()));
  impl_->events.clear();
  return out;
}

}  // namespace kollega::client
