// Signed device lists, unlinking and device caps (docs/trust.md §2-3,
// docs/protocol.md §4.7 and §4.13-4.15).
//
// The relay cannot check a list's signature (it holds no identity keys and
// no libsignal); clients do. It parses the body only to stay consistent
// with honest clients: the listed devices are the ones a Send must cover.
// A hostile relay gains nothing by skipping these checks, since clients
// refuse a list that does not verify.
//
// PublishDeviceList and UnlinkDevice check, in this order, each with its own
// answer (docs/protocol.md §4.13):
//   1. the SignedDeviceList is there, its signature is 64 bytes, its body
//      at most kMaxListBytes and parses          INVALID_ARGUMENT
//   2. body.account_id is the caller's account   INVALID_ARGUMENT
//   3. version >= 1, device ids ascending, unique, at least one, each
//      auth key 32 bytes                         INVALID_ARGUMENT
//   4. the caller is listed (UnlinkDevice: the removed device is not, and
//      the caller is unless it removes itself)   INVALID_ARGUMENT
//   5. version above the stored one              STALE_DEVICES + stored list
//   6. every listed device is registered with
//      the listed auth key                       INVALID_ARGUMENT
// (5 and 6 are checked by the store, in the same step as the write.)
//
// Checks 1-4 run on the strand; the write, and the answer's store reads,
// on the account worker (Connection::OffThread), as do the last-seen
// record of a login and, from relay_server.cpp, the unlisted-device sweep.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "account_budget.h"
#include "connection.h"
#include "devices.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"

namespace kollega::server {
namespace {

constexpr char kLog[] = "devices";
constexpr size_t kMaxListBytes = 16 * 1024;
constexpr size_t kSignatureSize = 64;
// Close code after Closing{"device unlinked"}: private range, next to 4001
// ("replaced by a new connection"); a client that sees it must not
// reconnect as this device, which no longer exists.
constexpr uint16_t kCloseUnlinked = 4002;

// Checks 1-4 above. On success *out holds what the store needs.
Status ParseList(const wire::SignedDeviceList& signed_list, const std::string& account,
                 storage::DeviceList* out) {
  if (signed_list.signature().size() != kSignatureSize) {
    return InvalidArgument("device list signature must be 64 bytes");
  }
  if (signed_list.body().size() > kMaxListBytes) return InvalidArgument("device list too large");
  wire::DeviceListBody body;
  if (!body.ParseFromString(signed_list.body())) {
    return InvalidArgument("device list body does not parse");
  }
  if (body.account_id() != account) return InvalidArgument("device list names another account");
  if (body.version() == 0) return InvalidArgument("device list version must be at least 1");
  if (body.devices_size() == 0) return InvalidArgument("device list is empty");
  out->version = body.version();
  out->devices.clear();
  for (const wire::ListedDevice& d : body.devices()) {
    if (d.device_id() == 0 || d.auth_public_key().size() != crypto::kEd25519PublicKeySize) {
      return InvalidArgument("listed device id or auth key malformed");
    }
    if (!out->devices.empty() && out->devices.back().device_id >= d.device_id()) {
      return InvalidArgument("listed device ids must ascend without duplicates");
    }
    out->devices.push_back({d.device_id(), d.auth_public_key()});
  }
  out->blob = signed_list.SerializeAsString();
  return Status::Ok();
}

// Tells the account's connected devices other than `from` of its new list.
void AnnounceDeviceList(ServerContext& ctx, const DeviceAddress& from,
                        const std::string& signed_list) {
  auto devices = ctx.store->GetAccountDevices(from.account);
  if (!devices.ok()) return;
  auto shared = std::make_shared<const std::string>(signed_list);
  for (const storage::DeviceRecord& d : (*devices)->devices) {
    if (d.device_id == from.device) continue;
    ctx.notifier->NotifyDeviceListChanged({from.account, d.device_id}, shared);
  }
}

// The answer to a refused PublishDeviceList or UnlinkDevice (the store's
// code).
StoreAnswer ListRefused(ServerContext& ctx, const std::string& account, const Status& status) {
  StoreAnswer answer;
  switch (status.code()) {
    case StatusCode::kFailedPrecondition: {
      answer.code = wire::STALE_DEVICES;
      answer.message = "a newer device list is stored";
      wire::DeviceMismatch* mismatch = answer.response.mutable_device_mismatch();
      auto devices = ctx.store->GetAccountDevices(account);
      if (devices.ok() && (*devices)->list) {
        SignedListToWire((*devices)->list->blob, mismatch->mutable_device_list());
      }
      break;
    }
    case StatusCode::kInvalidArgument:
      answer.code = wire::INVALID_ARGUMENT;
      answer.message = status.message();
      break;
    case StatusCode::kNotFound:
      answer.code = wire::UNKNOWN_ACCOUNT;
      answer.message = "no such account";
      break;
    default:
      answer.code = StoreErrorCode(status);
      answer.message = "could not store the device list";
      break;
  }
  return answer;
}

// The counted bytes of the list an account stores now (0 without one).
uint64_t StoredListBytes(ServerContext& ctx, const std::string& account) {
  auto devices = ctx.store->GetAccountDevices(account);
  return devices.ok() && (*devices)->list ? ListBytes(*(*devices)->list) : 0;
}

}  // namespace

void SignedListToWire(const std::string& blob, wire::SignedDeviceList* out) {
  // The relay serialized this blob itself (ParseList), so it parses.
  if (!out->ParseFromString(blob)) out->Clear();
}

namespace {

bool SeenWithin(const storage::DeviceRecord& d, int64_t now_ms, int64_t ttl_ms) {
  return now_ms - std::max(d.last_seen_ms, d.created_ms) <= ttl_ms;
}

}  // namespace

ExpectedDevices ExpectedDevicesOf(const storage::AccountDevices& account, int64_t now_ms,
                                  int64_t ttl_ms, uint32_t except) {
  ExpectedDevices out;
  for (const storage::DeviceRecord& d : account.devices) {
    if (d.device_id == except) continue;
    if (account.list ? !account.list->Lists(d.device_id) : !d.has_keys) continue;
    out.allowed.push_back(d.device_id);
    // Without a list, today's rule: every device with keys is required.
    if (!account.list || SeenWithin(d, now_ms, ttl_ms)) out.required.push_back(d.device_id);
  }
  return out;
}

size_t CountedDevices(const storage::AccountDevices& account, int64_t now_ms,
                      int64_t unlisted_ttl_ms) {
  size_t n = 0;
  for (const storage::DeviceRecord& d : account.devices) {
    const bool settled = account.list ? account.list->Lists(d.device_id) : d.has_keys;
    if (settled || now_ms - d.created_ms < unlisted_ttl_ms) ++n;
  }
  return n;
}

size_t SweepUnlistedDevices(ServerContext& ctx) {
  const int64_t before = ctx.clock->NowMs() - ctx.config.unlisted_device_ttl_seconds * 1000;
  Result<std::vector<DeviceAddress>> pending = ctx.store->PendingDevices(before);
  if (!pending.ok()) {
    log::Warn(kLog, "sweep: " + std::string(StatusCodeName(pending.status().code())));
    return 0;
  }
  size_t removed = 0;
  for (const DeviceAddress& device : *pending) {
    // Accounts without a list keep their devices (docs/trust.md §3): skip
    // them without a write.
    auto account = ctx.store->GetAccountDevices(device.account);
    if (!account.ok() || !(*account)->list) continue;
    Status status = ctx.store->RemoveDevice(storage::DeviceRemoval{
        .device = device, .new_list = std::nullopt, .only_if_unlisted_before_ms = before});
    if (!status.ok()) continue;  // listed meanwhile, or already gone
    ++removed;
    ctx.notifier->NotifyUnlinked(device);
  }
  if (removed > 0) log::Info(kLog, "deleted " + std::to_string(removed) + " unlisted devices");
  return removed;
}

void Connection::RecordSeen() {
  // Nothing waits for it: the worker runs it before any later write of
  // this device, and the store closes only after the worker has stopped.
  const bool queued =
      ctx_.account_writes.Submit([ctx = &ctx_, device = *address_, now = ctx_.clock->NowMs()] {
        Status status = ctx->store->TouchDevice(device, now);
        if (!status.ok()) {
          log::Warn(kLog, "last seen not recorded: " + std::string(StatusCodeName(status.code())));
        }
      });
  if (!queued) log::Debug(kLog, "last seen not recorded: shutting down");
}

bool Connection::CheckDeviceCap(uint64_t id, const std::string& account) {
  auto devices = ctx_.store->GetAccountDevices(account);
  // A missing account is answered by the caller's own checks.
  if (!devices.ok()) return true;
  const size_t counted = CountedDevices(**devices, ctx_.clock->NowMs(),
                                        ctx_.config.unlisted_device_ttl_seconds * 1000);
  if (counted < ctx_.config.max_devices) return true;
  Reply(id, wire::TOO_MANY, "the account has as many devices as this relay allows");
  return false;
}

void Connection::HandleListDevices(uint64_t id, const wire::Request& /*request*/) {
  auto devices = ctx_.store->GetAccountDevices(address_->account);
  if (!devices.ok()) return Reply(id, StoreErrorCode(devices.status()), "could not list devices");
  const storage::AccountDevices& account = **devices;
  const int64_t now = ctx_.clock->NowMs();
  wire::Response response;
  for (const storage::DeviceRecord& d : account.devices) {
    wire::DeviceInfo* info = response.mutable_device_list()->add_devices();
    info->set_device_id(d.device_id);
    info->set_registration_id(d.registration_id);
    info->set_created_at_ms(static_cast<uint64_t>(d.created_ms));
    // The stored time is the last login; a device connected since then is
    // seen now, or one that stays online for weeks would look abandoned and
    // be unlinked by the others (docs/trust.md §3).
    const bool online = ctx_.notifier->Online(DeviceAddress{address_->account, d.device_id});
    info->set_last_seen_ms(static_cast<uint64_t>(online ? now : d.last_seen_ms));
    info->set_has_keys(d.has_keys);
    info->set_listed(account.list && account.list->Lists(d.device_id));
    // A client writing its account's first list takes the auth keys from
    // here, once (docs/trust.md §2, "Who publishes").
    info->set_auth_public_key(d.auth_public_key);
  }
  ReplyOk(id, response);
}

void Connection::HandlePublishDeviceList(uint64_t id, const wire::Request& request) {
  const wire::PublishDeviceList& req = request.publish_device_list();
  storage::DeviceList list;
  if (Status parsed = ParseList(req.list(), address_->account, &list); !parsed.ok()) {
    return Reply(id, wire::INVALID_ARGUMENT, parsed.message());
  }
  if (!list.Lists(address_->device)) {
    return Reply(id, wire::INVALID_ARGUMENT, "the list must include the publishing device");
  }
  OffThread(id, [ctx = &ctx_, from = *address_, list = std::move(list), signed_list = req.list()] {
    const uint64_t added = ListBytes(list);
    const uint64_t freed = StoredListBytes(*ctx, from.account);
    if (auto refusal = OverBudget(*ctx, from.account, added, freed)) return *std::move(refusal);
    Status status = ctx->store->PublishDeviceList(from.account, list);
    if (!status.ok()) return ListRefused(*ctx, from.account, status);
    StoreAnswer answer;
    *answer.response.mutable_signed_device_list() = signed_list;
    answer.then = [ctx, from, blob = list.blob] { AnnounceDeviceList(*ctx, from, blob); };
    return answer;
  });
}

void Connection::HandleUnlinkDevice(uint64_t id, const wire::Request& request) {
  const wire::UnlinkDevice& req = request.unlink_device();
  if (req.device_id() == 0) return Reply(id, wire::INVALID_ARGUMENT, "device id missing");
  storage::DeviceList list;
  if (Status parsed = ParseList(req.list(), address_->account, &list); !parsed.ok()) {
    return Reply(id, wire::INVALID_ARGUMENT, parsed.message());
  }
  const bool self = req.device_id() == address_->device;
  if (list.Lists(req.device_id())) {
    return Reply(id, wire::INVALID_ARGUMENT, "the new list still names the device");
  }
  if (!self && !list.Lists(address_->device)) {
    return Reply(id, wire::INVALID_ARGUMENT, "the list must include the unlinking device");
  }
  // No byte budget check: unlinking is how an account frees room, and the
  // list it carries is capped like any list (kMaxListBytes).
  OffThread(id, [ctx = &ctx_, from = *address_, list = std::move(list), signed_list = req.list(),
                 removed = DeviceAddress{address_->account, req.device_id()}] {
    const std::string blob = list.blob;
    Status status = ctx->store->RemoveDevice(storage::DeviceRemoval{
        .device = removed, .new_list = list, .only_if_unlisted_before_ms = {}});
    StoreAnswer answer;
    if (status.code() == StatusCode::kNotFound) {
      answer.code = wire::UNKNOWN_DEVICE;
      answer.message = "no such device";
      return answer;
    }
    if (!status.ok()) return ListRefused(*ctx, from.account, status);
    log::Info(kLog, "device unlinked");
    *answer.response.mutable_signed_device_list() = signed_list;
    // Its connection (the requester's, for a self-unlink) ends after the
    // answer: both are posted to that strand from this thread, in order.
    answer.then = [ctx, from, removed, blob] {
      ctx->notifier->NotifyUnlinked(removed);
      AnnounceDeviceList(*ctx, from, blob);
    };
    return answer;
  });
}

void Connection::HandleGetDeviceList(uint64_t id, const wire::Request& request) {
  const wire::GetDeviceList& req = request.get_device_list();
  if (req.account_id().size() != storage::kAccountIdSize) {
    return Reply(id, wire::INVALID_ARGUMENT, "account id must be 16 bytes");
  }
  // The same budget as FetchBundle: both tell who has which devices.
  if (!ctx_.bundle_limiter.TryTake(address_->account)) {
    return Reply(id, wire::RATE_LIMITED, "too many fetches; try again later");
  }
  auto devices = ctx_.store->GetAccountDevices(req.account_id());
  if (!devices.ok()) {
    if (devices.status().code() == StatusCode::kNotFound) {
      return Reply(id, wire::UNKNOWN_ACCOUNT, "no such account");
    }
    return Reply(id, StoreErrorCode(devices.status()), "could not read the device list");
  }
  wire::Response response;
  wire::SignedDeviceList* out = response.mutable_signed_device_list();
  if ((*devices)->list) SignedListToWire((*devices)->list->blob, out);
  ReplyOk(id, response);
}

void Connection::OnUnlinked() {
  transport_.Post([this] { CloseWith(kCloseUnlinked, "device unlinked", true); });
}

void Connection::OnDeviceListChanged(std::shared_ptr<const std::string> signed_list) {
  transport_.Post([this, signed_list = std::move(signed_list)] {
    if (closing_) return;
    wire::Push push;
    SignedListToWire(*signed_list, push.mutable_device_list_changed()->mutable_list());
    SendPush(push);
  });
}

}  // namespace kollega::server
