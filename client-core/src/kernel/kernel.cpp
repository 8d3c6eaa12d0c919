// SPDX-License-Identifier: GPL-3.0-or-later
#include "kernel.h"

#include <filesystem>

#include "components/conversations.h"
#include "components/receipts.h"
#include "components/cases.h"
#include "components/organisations.h"
#include "components/repair.h"
#include "components/sync.h"
#include "device_list_manager.h"
#include "fanout.h"
#include "inbox.h"
#include "keys.h"
#include "kollega/base/hex.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "link_manager.h"
#include "outbox.h"
#include "provisioning.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kMessageIdSize = 16;

// A component's records, kept apart under its name (store/client_store.h).
class StoreTable final : public ComponentTable {
 public:
  StoreTable(ClientStore& store, std::string name) : store_(store), name_(std::move(name)) {}
  Result<std::optional<std::string>> Get(std::string_view key) override {
    return store_.GetRecord(name_, key);
  }
  Status Put(std::string_view key, std::string_view value) override {
    return store_.PutRecord(name_, key, value);
  }
  Status Delete(std::string_view key) override { return store_.DeleteRecord(name_, key); }
  Status Erase(std::string_view key) override { return store_.DeleteRecord(name_, key, true); }
  Status Scan(std::string_view prefix, bool newest_first, const Visitor& visit) override {
    return store_.ScanRecords(name_, prefix, newest_first, visit);
  }

 private:
  ClientStore& store_;
  std::string name_;
};

// The dispatch key of a Content: its body field's name, or a component
// message's own type.
std::string_view ContentType(const content::Content& content) {
  if (content.has_component()) return content.component().type();
  if (content.body_case() == content::Content::BODY_NOT_SET) return {};
  const auto* field = content::Content::descriptor()->FindFieldByNumber(content.body_case());
  return field ? std::string_view(field->name()) : std::string_view();
}

}  // namespace

Result<std::string> AccountFromHex(const std::string& hex) {
  auto raw = FromHex(hex);
  if (!raw || raw->size() != kAccountIdSize) {
    return InvalidArgument("an account id is 32 hex digits");
  }
  return *raw;
}

Kernel::Kernel(Client::Options options, TaskRunner& runner, std::function<void(EventPtr)> emit)
    : options_(std::move(options)),
      clock_(options_.clock ? *options_.clock : SystemClock()),
      runner_(runner),
      emit_(std::move(emit)) {
  link_ = std::make_unique<RelayLinkManager>(*this);
  fanout_ = std::make_unique<Fanout>(*this);
  outbox_ = std::make_unique<Outbox>(*this);
  inbox_ = std::make_unique<Inbox>(*this);
  keys_ = std::make_unique<Keys>(*this);
  device_lists_ = std::make_unique<DeviceLists>(*this);
}

Kernel::~Kernel() { Shutdown(); }

void Kernel::Shutdown() {
  if (link_) link_->Disconnect();
  components_.clear();
  by_type_.clear();
  tables_.clear();
  sessions_.reset();
  context_.reset();
  store_.reset();
}

Status Kernel::Open(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return InvalidArgument("cannot create the data directory");
  std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  auto store = OpenRocksClientStore((std::filesystem::path(data_dir) / "store").string(),
                                    options_.store_key);
  // The data key now lives in the store's Env; the passphrase is not needed again.
  crypto::Wipe(options_.store_key.passphrase);
  crypto::Wipe(options_.store_key.raw_key);
  KOLLEGA_ASSIGN_OR_RETURN(store_, std::move(store));
  KOLLEGA_ASSIGN_OR_RETURN(context_, crypto::SignalContext::Create());
  KOLLEGA_ASSIGN_OR_RETURN(account_, store_->LoadAccount());
  KOLLEGA_RETURN_IF_ERROR(store_->MigrateIdentityPins());
  if (account_) {
    KOLLEGA_RETURN_IF_ERROR(PinOwnIdentity());
    sessions_ = std::make_unique<crypto::SignalSessions>(*context_, *store_);
  }

  auto receipts = std::make_unique<Receipts>(*this);
  auto sync = std::make_unique<Sync>(*this);
  Receipts& receipts_ref = *receipts;  // registered below; lives as long as the kernel
  auto conversations = std::make_unique<Conversations>(*this, *receipts, *sync);
  Register(std::move(conversations));
  Register(std::move(receipts));
  Register(std::move(sync));
  Register(std::make_unique<Repair>(*this));
  auto organisations = std::make_unique<Organisations>(*this);
  auto cases = std::make_unique<Cases>(*this, *organisations, receipts_ref);
  Register(std::move(organisations));
  Register(std::move(cases));
  for (const auto& make : options_.extra_components) {
    if (make) Register(make());
  }
  return Status::Ok();
}

void Kernel::Register(std::unique_ptr<Component> component) {
  if (!component) return;
  component->Attach(this);
  for (const std::string& type : component->content_types()) {
    auto [it, added] = by_type_.emplace(type, component.get());
    if (!added) log::Warn(kLog, "two components claim one content type; the first keeps it");
  }
  components_.push_back(std::move(component));
}

Status Kernel::AdoptAccount(LocalAccount account) {
  KOLLEGA_RETURN_IF_ERROR(store_->SaveAccount(account));
  account_ = std::move(account);
  KOLLEGA_RETURN_IF_ERROR(PinOwnIdentity());
  sessions_ = std::make_unique<crypto::SignalSessions>(*context_, *store_);
  return Status::Ok();
}

Status Kernel::PinOwnIdentity() {
  // docs/trust.md §1: one's own account is pinned to the local key, so a
  // device (or bundle, or list) claiming another key for it is refused.
  KOLLEGA_ASSIGN_OR_RETURN(auto local, store_->LoadLocalIdentity());
  crypto::Wipe(local.private_key);
  KOLLEGA_ASSIGN_OR_RETURN(auto pinned, store_->LoadPinnedIdentity(account_->account_id));
  if (pinned == local.public_key) return Status::Ok();
  return store_->PinIdentity(account_->account_id, local.public_key);
}

Component* Kernel::ComponentFor(const content::Content& content) {
  auto it = by_type_.find(ContentType(content));
  return it == by_type_.end() ? nullptr : it->second;
}

Component* Kernel::ComponentNamed(std::string_view name) {
  for (auto& c : components_) {
    if (c->name() == name) return c.get();
  }
  return nullptr;
}

void Kernel::AfterReceiveBatch() {
  for (auto& c : components_) c->OnReceiveBatchDone();
  if (flush_requested_) {
    flush_requested_ = false;
    Status s = outbox_->Flush();
    if (!s.ok()) log::Debug(kLog, "outbound queue not flushed: " + s.ToString());
  }
}

void Kernel::NotifyAccepted(const std::string& recipient, const std::string& serialized,
                            uint64_t server_time_ms) {
  for (auto& c : components_) c->OnAccepted(recipient, serialized, server_time_ms);
}

Status Kernel::NotifyUndecryptable(const Incoming& from, uint32_t envelope_type) {
  for (auto& c : components_) KOLLEGA_RETURN_IF_ERROR(c->OnUndecryptable(from, envelope_type));
  return Status::Ok();
}

const std::string& Kernel::own_account() const {
  static const std::string kNone;
  return account_ ? account_->account_id : kNone;
}

bool Kernel::online() const { return link_ && link_->authenticated(); }

std::string Kernel::NewMessageId() const { return crypto::RandomBytes(kMessageIdSize); }

Status Kernel::Enqueue(const std::string& recipient, const content::Content& content) {
  return outbox_->Enqueue(recipient, content);
}

void Kernel::RequestFlush() {
  if (inbox_->receiving()) {
    flush_requested_ = true;  // after the delivery is committed and acked
    return;
  }
  Status s = outbox_->Flush();
  if (!s.ok()) log::Debug(kLog, "message stays queued: " + s.ToString());
}

void Kernel::Emit(EventPtr event) {
  if (inbox_ && inbox_->receiving()) {
    inbox_->Stage(std::move(event));
    return;
  }
  if (emit_) emit_(std::move(event));
}

ComponentTable& Kernel::Table(std::string_view name) {
  auto it = tables_.find(name);
  if (it == tables_.end()) {
    it =
        tables_.emplace(std::string(name), std::make_unique<StoreTable>(*store_, std::string(name)))
            .first;
  }
  return *it->second;
}

Status Kernel::Transaction(const std::function<Status()>& body) { return store_->Atomically(body); }

}  // namespace kollega::client
