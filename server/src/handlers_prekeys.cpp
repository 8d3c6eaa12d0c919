// Prekey upload, count and bundle fetch.
//
// The relay checks shapes only (33-byte keys with libsignal's 0x05 type
// byte, 64-byte signatures, a signed prekey before any bundle can exist):
// prekey signatures are XEdDSA by the identity key and are verified by the
// fetching client, which trusts the relay with nothing. Fetches are rate
// limited per requesting account, and one-time prekeys per target device
// and per (requester, target device), so nobody can drain a helper's
// one-time prekeys (docs/abuse-limits.md, "Prekeys").
// SPDX-License-Identifier: GPL-3.0-or-later
#include "connection.h"
#include "devices.h"

namespace kollega::server {
namespace {

constexpr size_t kCurveKeySize = 33;  // 0x05 || X25519
// libsignal's type byte for a Curve25519 (DJB) public key: a key without it
// cannot be used by any client (curve_decode_point refuses it), so storing
// it would only hand out broken bundles.
constexpr char kDjbKeyType = 0x05;
constexpr size_t kSignatureSize = 64;
// Upper bound on one device's stored one-time prekeys, as a multiple of one
// upload: enough for any honest client, bounded for a hostile one.
constexpr size_t kStockUploads = 10;

bool IsCurveKey(const std::string& key) {
  return key.size() == kCurveKeySize && key[0] == kDjbKeyType;
}

void ToWire(const storage::PrekeyBundle& b, wire::DeviceBundle* out) {
  out->set_device_id(b.device_id);
  out->set_registration_id(b.registration_id);
  out->set_identity_key(b.identity_key);
  out->mutable_signed_prekey()->set_id(b.signed_prekey.id);
  out->mutable_signed_prekey()->set_public_key(b.signed_prekey.public_key);
  out->mutable_signed_prekey()->set_signature(b.signed_prekey.signature);
  if (b.one_time) {
    out->mutable_one_time_prekey()->set_id(b.one_time->id);
    out->mutable_one_time_prekey()->set_public_key(b.one_time->public_key);
  }
}

}  // namespace

void Connection::HandleUploadPrekeys(uint64_t id, const wire::Request& request) {
  const wire::UploadPrekeys& req = request.upload_prekeys();
  if (static_cast<uint32_t>(req.one_time_prekeys_size()) > ctx_.config.max_prekeys_per_upload) {
    return Reply(id, wire::TOO_MANY, "too many one-time prekeys in one upload");
  }
  if (!IsCurveKey(req.identity_key())) {
    return Reply(id, wire::INVALID_ARGUMENT, "identity key must be 33 bytes starting with 0x05");
  }
  storage::PrekeyUpload upload;
  upload.identity_key = req.identity_key();
  if (req.has_signed_prekey()) {
    const wire::SignedPrekey& s = req.signed_prekey();
    if (!IsCurveKey(s.public_key())) {
      return Reply(id, wire::INVALID_ARGUMENT, "signed prekey must be 33 bytes starting with 0x05");
    }
    if (s.signature().size() != kSignatureSize) {
      return Reply(id, wire::INVALID_ARGUMENT, "signed prekey signature must be 64 bytes");
    }
    upload.signed_prekey = storage::SignedPrekey{s.id(), s.public_key(), s.signature()};
  }
  upload.one_time.reserve(req.one_time_prekeys_size());
  for (const wire::OneTimePrekey& k : req.one_time_prekeys()) {
    if (!IsCurveKey(k.public_key())) {
      return Reply(id, wire::INVALID_ARGUMENT,
                   "one-time prekey must be 33 bytes starting with 0x05");
    }
    upload.one_time.push_back(storage::OneTimePrekey{k.id(), k.public_key()});
  }
  Status status = ctx_.store->StorePrekeys(*address_, upload,
                                           kStockUploads * ctx_.config.max_prekeys_per_upload);
  switch (status.code()) {
    case StatusCode::kOk:
      break;
    case StatusCode::kFailedPrecondition:
      return Reply(id, wire::INVALID_ARGUMENT, "identity key differs from the stored one");
    case StatusCode::kInvalidArgument:
      // The store's own check: the fields were checked above, so what is
      // left is a first upload without a signed prekey (relay_store.h).
      return Reply(id, wire::INVALID_ARGUMENT, "a device's first upload needs a signed prekey");
    case StatusCode::kResourceExhausted:
      return Reply(id, wire::TOO_MANY, "one-time prekey stock is full");
    default:
      return Reply(id, StoreErrorCode(status), "could not store the prekeys");
  }
  wire::Response response;
  ReplyOk(id, response);
}

void Connection::HandleGetPrekeyCount(uint64_t id, const wire::Request& /*request*/) {
  Result<uint32_t> count = ctx_.store->CountOneTimePrekeys(*address_);
  Result<bool> has_signed = ctx_.store->HasSignedPrekey(*address_);
  if (!count.ok() || !has_signed.ok()) {
    const Status& bad = count.ok() ? has_signed.status() : count.status();
    if (bad.code() != StatusCode::kNotFound) {
      return Reply(id, StoreErrorCode(bad), "could not count prekeys");
    }
  }
  wire::Response response;
  response.mutable_prekey_count()->set_one_time(count.ok() ? *count : 0);
  response.mutable_prekey_count()->set_has_signed_prekey(has_signed.ok() && *has_signed);
  ReplyOk(id, response);
}

void Connection::HandleFetchBundle(uint64_t id, const wire::Request& request) {
  const wire::FetchBundle& req = request.fetch_bundle();
  if (req.account_id().size() != storage::kAccountIdSize) {
    return Reply(id, wire::INVALID_ARGUMENT, "account id must be 16 bytes");
  }
  if (!ctx_.bundle_limiter.TryTake(address_->account)) {
    return Reply(id, wire::RATE_LIMITED, "too many bundle fetches; try again later");
  }
  std::optional<uint32_t> device;
  if (req.device_id() != 0) device = req.device_id();
  // docs/abuse-limits.md, "Prekeys": a device's one-time prekeys leave at
  // a bounded rate per (requester, device) and per device, however many
  // accounts ask; past either, the bundle comes without one (X3DH works
  // without it), so the limit stops a drain without locking anyone out.
  // `device 0` asks for every device, so each device counts. An account's
  // own devices are exempt.
  storage::PrekeyStore::OneTimeGate gate;
  if (req.account_id() != address_->account) {
    gate = [this, &req](uint32_t target_device) {
      std::string target = req.account_id();
      target.append(reinterpret_cast<const char*>(&target_device), sizeof target_device);
      return ctx_.bundle_pair_limiter.TryTake(address_->account + target) &&
             ctx_.bundle_target_limiter.TryTake(target);
    };
  }
  Result<std::vector<storage::PrekeyBundle>> bundles =
      ctx_.store->TakeBundles(req.account_id(), device, gate);
  if (!bundles.ok()) {
    if (bundles.status().code() != StatusCode::kNotFound) {
      return Reply(id, StoreErrorCode(bundles.status()), "could not read prekeys");
    }
    // Tell a missing account from a missing device of an existing one.
    bool account_exists = device && ctx_.store->ListDevices(req.account_id()).ok();
    return account_exists ? Reply(id, wire::UNKNOWN_DEVICE, "no such device")
                          : Reply(id, wire::UNKNOWN_ACCOUNT, "no such account");
  }
  wire::Response response;
  wire::PrekeyBundle* out = response.mutable_bundle();
  out->set_account_id(req.account_id());
  for (const storage::PrekeyBundle& b : *bundles) ToWire(b, out->add_devices());
  // The list lets the client check the bundle against what the account
  // signed (docs/trust.md §2).
  auto devices = ctx_.store->GetAccountDevices(req.account_id());
  if (devices.ok() && (*devices)->list) {
    SignedListToWire((*devices)->list->blob, out->mutable_device_list());
  }
  ReplyOk(id, response);

  // A one-time prekey was handed out: if that left the device short, tell it
  // (wherever it is connected) so it tops up before it runs dry.
  for (const storage::PrekeyBundle& b : *bundles) {
    if (!b.one_time) continue;
    DeviceAddress target{req.account_id(), b.device_id};
    Result<uint32_t> left = ctx_.store->CountOneTimePrekeys(target);
    if (left.ok() && *left < ctx_.config.prekey_low_threshold) {
      ctx_.notifier->NotifyPrekeysLow(target, *left);
    }
  }
}

void Connection::CheckOwnPrekeys() {
  Result<uint32_t> left = ctx_.store->CountOneTimePrekeys(*address_);
  uint32_t n = left.ok() ? *left : 0;
  if (n < ctx_.config.prekey_low_threshold) {
    wire::Push push;
    push.mutable_prekeys_low()->set_one_time(n);
    SendPush(push);
  }
}

}  // namespace kollega::server
