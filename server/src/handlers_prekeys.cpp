// Prekey upload, count and bundle fetch.
//
// The relay checks shapes only (33-byte keys with libsignal's 0x05 type
// byte, 64-byte signatures, a signed prekey before any bundle can exist):
// prekey signatures are XEdDSA by the identity key and are verified by the
// fetching client, which trusts the relay with nothing. Fetches are rate
// limited per requesting account, and one-time prekeys per target device
// and per (requester, target device), so nobody can drain a helper's
// one-time prekeys (docs/abuse-limits.md, "Prekeys").
//
// Uploads and fetches write (a fetch deletes the one-time prekey it hands
// out), so both run on the account worker (Connection::OffThread); the
// count is a read and stays on the strand.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "account_budget.h"
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
  OffThread(id, [ctx = &ctx_, device = *address_, upload = std::move(upload)] {
    // Counted as if every key were new and the signed prekey the first: a
    // replaced id or signed prekey is counted twice for this one check.
    const uint64_t added = kOneTimePrekeyBytes * upload.one_time.size() +
                           (upload.signed_prekey ? kSignedPrekeyBytes : 0);
    if (auto refusal = OverBudget(*ctx, device.account, added)) return *std::move(refusal);
    Status status = ctx->store->StorePrekeys(device, upload,
                                             kStockUploads * ctx->config.max_prekeys_per_upload);
    StoreAnswer answer;
    switch (status.code()) {
      case StatusCode::kOk:
        break;
      case StatusCode::kFailedPrecondition:
        answer.code = wire::INVALID_ARGUMENT;
        answer.message = "identity key differs from the stored one";
        break;
      case StatusCode::kInvalidArgument:
        // The store's own check: the fields were checked above, so what is
        // left is a first upload without a signed prekey (relay_store.h).
        answer.code = wire::INVALID_ARGUMENT;
        answer.message = "a device's first upload needs a signed prekey";
        break;
      case StatusCode::kResourceExhausted:
        answer.code = wire::TOO_MANY;
        answer.message = "one-time prekey stock is full";
        break;
      default:
        answer.code = StoreErrorCode(status);
        answer.message = "could not store the prekeys";
        break;
    }
    return answer;
  });
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
  OffThread(id, [ctx = &ctx_, requester = address_->account, account = req.account_id(), device] {
    // docs/abuse-limits.md, "Prekeys": a device's one-time prekeys leave
    // at a bounded rate per (requester, device) and per device, however
    // many accounts ask; past either, the bundle comes without one (X3DH
    // works without it), so the limit stops a drain without locking anyone
    // out. `device 0` asks for every device, so each device counts. An
    // account's own devices are exempt.
    storage::PrekeyStore::OneTimeGate gate;
    if (account != requester) {
      gate = [ctx, &requester, &account](uint32_t target_device) {
        std::string target = account;
        target.append(reinterpret_cast<const char*>(&target_device), sizeof target_device);
        return ctx->bundle_pair_limiter.TryTake(requester + target) &&
               ctx->bundle_target_limiter.TryTake(target);
      };
    }
    StoreAnswer answer;
    Result<std::vector<storage::PrekeyBundle>> bundles =
        ctx->store->TakeBundles(account, device, gate);
    if (!bundles.ok()) {
      if (bundles.status().code() != StatusCode::kNotFound) {
        answer.code = StoreErrorCode(bundles.status());
        answer.message = "could not read prekeys";
        return answer;
      }
      // Tell a missing account from a missing device of an existing one.
      const bool account_exists = device && ctx->store->ListDevices(account).ok();
      answer.code = account_exists ? wire::UNKNOWN_DEVICE : wire::UNKNOWN_ACCOUNT;
      answer.message = account_exists ? "no such device" : "no such account";
      return answer;
    }
    wire::PrekeyBundle* out = answer.response.mutable_bundle();
    out->set_account_id(account);
    for (const storage::PrekeyBundle& b : *bundles) ToWire(b, out->add_devices());
    // The list lets the client check the bundle against what the account
    // signed (docs/trust.md §2).
    auto devices = ctx->store->GetAccountDevices(account);
    if (devices.ok() && (*devices)->list) {
      SignedListToWire((*devices)->list->blob, out->mutable_device_list());
    }
    // A one-time prekey was handed out: if that left the device short, tell
    // it (wherever it is connected) so it tops up before it runs dry.
    std::vector<uint32_t> took;
    for (const storage::PrekeyBundle& b : *bundles) {
      if (b.one_time) took.push_back(b.device_id);
    }
    if (!took.empty()) {
      answer.then = [ctx, account, took = std::move(took)] {
        for (uint32_t d : took) {
          DeviceAddress target{account, d};
          Result<uint32_t> left = ctx->store->CountOneTimePrekeys(target);
          if (left.ok() && *left < ctx->config.prekey_low_threshold) {
            ctx->notifier->NotifyPrekeysLow(target, *left);
          }
        }
      };
    }
    return answer;
  });
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
