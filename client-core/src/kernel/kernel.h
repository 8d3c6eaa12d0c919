// Kernel: what every feature of the client stands on. It holds the device's
// store, account and Signal sessions, and four parts that move encrypted
// messages without knowing what they mean:
//
//   RelayLinkManager (link_manager.h) connect, authenticate, reconnect, pushes
//   Fanout           (fanout.h)       encrypt for every device, stale devices
//   Outbox           (outbox.h)       the durable queue of what is to be sent
//   Inbox            (inbox.h)        decrypt -> dispatch -> commit -> ack
//
// plus Keys (keys.h: the account, linking, prekey upkeep). Meaning comes from
// components (component.h), registered by content type: the inbox hands each
// decrypted Content to the component registered for its type, and the kernel
// never names a feature. docs/life-of-a-message.md walks through all of it.
//
// Ownership: the Kernel owns the store, the Signal context and sessions, the
// parts and the components. Thread-safety: none; it lives on the client's
// worker thread (task_runner.h), like everything it owns.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content.pb.h"
#include "kollega/base/clock.h"
#include "kollega/client-core/client.h"
#include "kollega/client-core/component.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_sessions.h"
#include "store/client_store.h"
#include "task_runner.h"

namespace kollega::client {

class DeviceLists;
class Fanout;
class Inbox;
class Keys;
class Outbox;
class RelayLinkManager;

class Kernel final : public KernelServices {
 public:
  Kernel(Client::Options options, TaskRunner& runner, std::function<void(EventPtr)> emit);
  ~Kernel() override;

  // Opens the store under `data_dir` and creates the components.
  Status Open(const std::string& data_dir);
  void Shutdown();
  // From any thread: a long step on the worker (the sign-up proof of work)
  // gives up at its next check, so that closing does not wait for it.
  void RequestStop() { stop_requested_.store(true, std::memory_order_relaxed); }
  bool stop_requested() const { return stop_requested_.load(std::memory_order_relaxed); }

  // --- For the parts and the built-in components ---
  const Client::Options& options() const { return options_; }
  TaskRunner& runner() { return runner_; }
  ClientStore& store() { return *store_; }
  crypto::SignalContext& signal_context() { return *context_; }
  crypto::SignalSessions& sessions() { return *sessions_; }
  bool has_account() const { return account_.has_value(); }
  LocalAccount& account() { return *account_; }
  // Once an account is created or linked: stored, and sessions started.
  Status AdoptAccount(LocalAccount account);

  RelayLinkManager& link() { return *link_; }
  Fanout& fanout() { return *fanout_; }
  Outbox& outbox() { return *outbox_; }
  Inbox& inbox() { return *inbox_; }
  Keys& keys() { return *keys_; }
  DeviceLists& device_lists() { return *device_lists_; }

  // The component registered for `content`'s type, or nullptr.
  Component* ComponentFor(const content::Content& content);
  Component* ComponentNamed(std::string_view name);
  // After a delivery's messages are committed: components' batch hooks,
  // then the outbox if one of them queued something.
  void AfterReceiveBatch();
  // The hooks every component gets (component.h), in registration order.
  void NotifyAccepted(const std::string& recipient, const std::string& serialized,
                      uint64_t server_time_ms);
  Status NotifyUndecryptable(const Incoming& from, uint32_t envelope_type);
  // Records one identity change for the address's account (with `key`, or
  // the refused key if the library reported one) and tells the app.
  void FlagIdentity(const crypto::SignalAddress& address,
                    std::optional<std::string> key = std::nullopt);

  // --- Identity (kernel.cpp) ---
  Result<std::string> SafetyNumber(const std::string& peer);
  Result<std::vector<IdentityChange>> PendingIdentityChanges();
  Status AcceptIdentityChange(const std::string& peer);
  // True while a change of `account`'s identity waits for the user: nothing
  // is sent to it meanwhile (docs/trust.md §1).
  Result<bool> IdentityChangePending(const std::string& account);

  // --- KernelServices ---
  const std::string& own_account() const override;
  bool online() const override;
  int64_t NowMs() const override { return clock_.NowMs(); }
  std::string NewMessageId() const override;
  Status Enqueue(const std::string& recipient, const content::Content& content) override;
  void RequestFlush() override;
  void Emit(EventPtr event) override;
  ComponentTable& Table(std::string_view name) override;
  Status Transaction(const std::function<Status()>& body) override;

 private:
  void Register(std::unique_ptr<Component> component);
  Status PinOwnIdentity();

  Client::Options options_;
  const Clock& clock_;
  TaskRunner& runner_;
  std::function<void(EventPtr)> emit_;
  std::atomic<bool> stop_requested_{false};

  std::unique_ptr<ClientStore> store_;
  std::unique_ptr<crypto::SignalContext> context_;  // outlives sessions_
  std::unique_ptr<crypto::SignalSessions> sessions_;
  std::optional<LocalAccount> account_;

  std::unique_ptr<RelayLinkManager> link_;
  std::unique_ptr<Fanout> fanout_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<Inbox> inbox_;
  std::unique_ptr<Keys> keys_;
  std::unique_ptr<DeviceLists> device_lists_;

  std::vector<std::unique_ptr<Component>> components_;
  std::map<std::string, Component*, std::less<>> by_type_;
  std::map<std::string, std::unique_ptr<ComponentTable>, std::less<>> tables_;
  bool flush_requested_ = false;
};

// Hex helpers for the public API's identifiers.
Result<std::string> AccountFromHex(const std::string& hex);

}  // namespace kollega::client
