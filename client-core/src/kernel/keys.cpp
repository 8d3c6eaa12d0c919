// SPDX-License-Identifier: GPL-3.0-or-later
#include "keys.h"

#include <algorithm>
#include <chrono>

#include "content.pb.h"
#include "device_list_manager.h"
#include "fanout.h"
#include "kernel.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/proof_of_work.h"
#include "kollega/crypto/signal_keys.h"
#include "link_manager.h"
#include "provisioning.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kAccountSecretSize = 32;

// The keys of a device being created, with the proof that it holds the
// private half: a signature over the link's current nonce.
Status FillNewDevice(const crypto::DeviceKey& key, uint32_t registration_id,
                     const std::string& nonce, wire::NewDevice* device) {
  device->set_auth_public_key(key.public_key());
  device->set_registration_id(registration_id);
  KOLLEGA_ASSIGN_OR_RETURN(std::string proof, key.Sign(crypto::DeviceAuthMessage(nonce, "", 0)));
  device->set_proof(proof);
  return Status::Ok();
}

}  // namespace

Result<std::string> Keys::SolveSignUpPuzzle(const wire::Challenge& challenge) {
  constexpr auto kProgressEvery = std::chrono::milliseconds(250);
  const uint32_t bits = challenge.pow_bits();
  auto next_report = std::chrono::steady_clock::now() + kProgressEvery;
  auto progress = [&](uint64_t tried) {
    if (kernel_.stop_requested()) return false;
    const auto now = std::chrono::steady_clock::now();
    if (now >= next_report) {
      next_report = now + kProgressEvery;
      auto event = std::make_shared<SignUpProgress>();
      event->bits = bits;
      event->tried = tried;
      event->expected = crypto::ExpectedProofOfWorkHashes(bits);
      kernel_.Emit(std::move(event));
    }
    return true;
  };
  std::optional<std::string> solution = crypto::SolveProofOfWork(challenge.nonce(), bits, progress);
  if (!solution) return Unavailable("the client is closing");
  return std::move(*solution);
}

Status Keys::CreateAccount(const std::string& relay_url) {
  if (kernel_.has_account()) return AlreadyExists("this data directory already has an account");
  RelayLinkManager& link = kernel_.link();
  KOLLEGA_RETURN_IF_ERROR(link.Open(relay_url));
  KOLLEGA_ASSIGN_OR_RETURN(wire::Challenge challenge, link.FreshChallenge());

  KOLLEGA_ASSIGN_OR_RETURN(auto device_key, crypto::DeviceKey::Generate());
  KOLLEGA_ASSIGN_OR_RETURN(auto identity,
                           crypto::GenerateIdentityKeyPair(kernel_.signal_context()));
  KOLLEGA_ASSIGN_OR_RETURN(uint32_t registration_id,
                           crypto::GenerateRegistrationId(kernel_.signal_context()));

  KOLLEGA_ASSIGN_OR_RETURN(std::string solution, SolveSignUpPuzzle(challenge));
  wire::Request request;
  auto* create = request.mutable_create_account();
  create->set_pow_solution(std::move(solution));
  KOLLEGA_RETURN_IF_ERROR(
      FillNewDevice(device_key, registration_id, challenge.nonce(), create->mutable_device()));
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(link.CallOk(std::move(request), &response));
  if (!response.has_account_created()) return Internal("relay answered without an account");

  LocalAccount account;
  account.relay_url = relay_url;
  account.account_id = response.account_created().account_id();
  account.device_id = response.account_created().device_id();
  account.device_auth_seed = device_key.PrivateSeed();
  account.registration_id = registration_id;
  account.account_secret = crypto::RandomBytes(kAccountSecretSize);
  KOLLEGA_RETURN_IF_ERROR(kernel_.store().SaveLocalIdentity(identity, registration_id));
  KOLLEGA_RETURN_IF_ERROR(kernel_.AdoptAccount(std::move(account)));
  log::Info(kLog, "account created");
  KOLLEGA_RETURN_IF_ERROR(link.Authenticate());
  KOLLEGA_RETURN_IF_ERROR(UploadInitialKeys());
  // docs/trust.md §2: version 1 of the list, once the keys are up.
  return kernel_.device_lists().AfterLogin();
}

Result<std::string> Keys::StartLinking() {
  if (!kernel_.has_account()) return FailedPrecondition("no account yet");
  if (!kernel_.link().authenticated()) return Unavailable("connect first");
  const LocalAccount& account = kernel_.account();
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, kernel_.store().LoadLocalIdentity());
  content::ProvisioningMessage message;
  message.set_account_id(account.account_id);
  message.set_identity_public_key(identity.public_key);
  message.set_identity_private_key(identity.private_key);
  message.set_account_secret(account.account_secret);
  std::string plain = message.SerializeAsString();
  message.mutable_identity_private_key()->assign(crypto::kSignalPrivateKeySize, '\0');
  message.mutable_account_secret()->assign(kAccountSecretSize, '\0');
  crypto::Wipe(identity.private_key);

  ProvisioningCode code;
  code.account_id = account.account_id;
  code.key = crypto::RandomBytes(kProvisioningKeySize);
  auto sealed = SealProvisioning(code.key, code.account_id, plain);
  crypto::Wipe(plain);
  if (!sealed.ok()) return sealed.status();

  wire::Request request;
  request.mutable_create_link_token()->set_sealed_provisioning(*sealed);
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
  if (!response.has_link_token() || response.link_token().token().empty() ||
      response.link_token().token().size() > 255) {
    return Internal("relay answered without a usable link token");
  }
  code.link_token = response.link_token().token();
  // A device is about to join: the cached device list is about to be stale.
  kernel_.fanout().ForgetOwnDevices();
  return EncodeProvisioningCode(code);
}

Status Keys::LinkDevice(const std::string& relay_url, const std::string& code_text) {
  if (kernel_.has_account()) return AlreadyExists("this data directory already has an account");
  KOLLEGA_ASSIGN_OR_RETURN(ProvisioningCode code, DecodeProvisioningCode(code_text));
  RelayLinkManager& link = kernel_.link();
  KOLLEGA_RETURN_IF_ERROR(link.Open(relay_url));
  KOLLEGA_ASSIGN_OR_RETURN(wire::Challenge challenge, link.FreshChallenge());
  KOLLEGA_ASSIGN_OR_RETURN(auto device_key, crypto::DeviceKey::Generate());
  KOLLEGA_ASSIGN_OR_RETURN(uint32_t registration_id,
                           crypto::GenerateRegistrationId(kernel_.signal_context()));

  wire::Request request;
  auto* reg = request.mutable_register_device();
  reg->set_account_id(code.account_id);
  reg->set_link_token(code.link_token);
  KOLLEGA_RETURN_IF_ERROR(
      FillNewDevice(device_key, registration_id, challenge.nonce(), reg->mutable_device()));
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(link.CallOk(std::move(request), &response));
  if (!response.has_device_registered()) return Internal("relay answered without a device id");
  const auto& registered = response.device_registered();
  if (registered.sealed_provisioning().empty()) {
    return FailedPrecondition(
        "the relay returned no provisioning data with the link token (relay too old?)");
  }
  KOLLEGA_ASSIGN_OR_RETURN(std::string plain, OpenProvisioning(code.key, code.account_id,
                                                               registered.sealed_provisioning()));
  content::ProvisioningMessage message;
  const bool parsed = message.ParseFromString(plain);
  crypto::Wipe(plain);
  if (!parsed || message.account_id() != code.account_id ||
      message.identity_public_key().size() != crypto::kSignalPublicKeySize ||
      message.identity_private_key().size() != crypto::kSignalPrivateKeySize) {
    return DataLoss("the provisioning data is malformed");
  }
  crypto::IdentityKeyPair identity;
  identity.public_key = message.identity_public_key();
  identity.private_key = message.identity_private_key();
  message.mutable_identity_private_key()->assign(crypto::kSignalPrivateKeySize, '\0');

  LocalAccount account;
  account.relay_url = relay_url;
  account.account_id = code.account_id;
  account.device_id = registered.device_id();
  account.device_auth_seed = device_key.PrivateSeed();
  account.registration_id = registration_id;
  account.account_secret = message.account_secret();
  message.mutable_account_secret()->assign(message.account_secret().size(), '\0');
  Status saved = kernel_.store().SaveLocalIdentity(identity, registration_id);
  crypto::Wipe(identity.private_key);
  KOLLEGA_RETURN_IF_ERROR(saved);
  KOLLEGA_RETURN_IF_ERROR(kernel_.AdoptAccount(std::move(account)));
  log::Info(kLog, "device linked");
  KOLLEGA_RETURN_IF_ERROR(link.Authenticate());
  KOLLEGA_RETURN_IF_ERROR(UploadInitialKeys());
  // docs/trust.md §2: the new device adds itself to the account's list.
  return kernel_.device_lists().AfterLogin();
}

Status Keys::UploadInitialKeys() {
  KOLLEGA_RETURN_IF_ERROR(UploadSignedPrekey());
  return TopUp(0);
}

Status Keys::UploadSignedPrekey() {
  LocalAccount& account = kernel_.account();
  ClientStore& store = kernel_.store();
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, store.LoadLocalIdentity());
  const uint32_t signed_id = account.signed_prekey_id + 1;
  auto signed_prekey =
      crypto::GenerateSignedPreKey(kernel_.signal_context(), identity, signed_id, kernel_.NowMs());
  crypto::Wipe(identity.private_key);
  if (!signed_prekey.ok()) return signed_prekey.status();
  KOLLEGA_RETURN_IF_ERROR(store.StoreSignedPreKey(signed_id, signed_prekey->record));
  account.signed_prekey_id = signed_id;
  KOLLEGA_RETURN_IF_ERROR(store.SaveAccount(account));

  wire::Request request;
  auto* upload = request.mutable_upload_prekeys();
  upload->set_identity_key(identity.public_key);
  auto* spk = upload->mutable_signed_prekey();
  spk->set_id(signed_id);
  spk->set_public_key(signed_prekey->public_key);
  spk->set_signature(signed_prekey->signature);
  return kernel_.link().CallOk(std::move(request));
}

Status Keys::AfterLogin() {
  wire::Request request;
  request.mutable_get_prekey_count();
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request), &response));
  if (!response.prekey_count().has_signed_prekey()) {
    KOLLEGA_RETURN_IF_ERROR(UploadInitialKeys());
  } else {
    KOLLEGA_RETURN_IF_ERROR(TopUp(response.prekey_count().one_time()));
    KOLLEGA_RETURN_IF_ERROR(RotateSignedPrekeyIfDue());
  }
  return kernel_.device_lists().AfterLogin();
}

Status Keys::RotateSignedPrekeyIfDue() {
  const uint32_t current = kernel_.account().signed_prekey_id;
  KOLLEGA_ASSIGN_OR_RETURN(auto record, kernel_.store().LoadSignedPreKey(current));
  if (record.has_value()) {
    KOLLEGA_ASSIGN_OR_RETURN(uint64_t made,
                             crypto::SignedPreKeyTimestamp(kernel_.signal_context(), *record));
    const int64_t age = kernel_.NowMs() - static_cast<int64_t>(made);
    if (age < kernel_.options().signed_prekey_max_age.count()) return Status::Ok();
  }
  KOLLEGA_RETURN_IF_ERROR(UploadSignedPrekey());
  log::Info(kLog, "signed prekey rotated");
  ForgetOldSignedPrekeys(current);
  return Status::Ok();
}

void Keys::ForgetOldSignedPrekeys(uint32_t replaced) {
  // Key n was replaced when key n+1 was made. Walk down from the one below
  // `replaced` (which itself stays) to the first whose replacement is older
  // than the grace period; it and every older key still stored go.
  if (replaced <= 1) return;
  ClientStore& store = kernel_.store();
  auto successor = store.LoadSignedPreKey(replaced);
  for (uint32_t id = replaced - 1; id >= 1; --id) {
    auto record = store.LoadSignedPreKey(id);
    if (!record.ok() || !record->has_value()) return;  // older ones went earlier
    if (!successor.ok() || !successor->has_value()) return;
    auto replaced_at = crypto::SignedPreKeyTimestamp(kernel_.signal_context(), **successor);
    if (!replaced_at.ok()) return;
    const int64_t since = kernel_.NowMs() - static_cast<int64_t>(*replaced_at);
    if (since >= kernel_.options().signed_prekey_grace.count()) {
      for (uint32_t old = id; old >= 1; --old) {
        auto stored = store.LoadSignedPreKey(old);
        if (!stored.ok() || !stored->has_value()) return;
        if (Status s = store.RemoveSignedPreKey(old); !s.ok()) {
          log::Warn(kLog, "could not delete an old signed prekey: " + s.ToString());
          return;
        }
      }
      return;
    }
    successor = std::move(record);
  }
}

Status Keys::TopUp(uint32_t remaining) {
  const Client::Options& options = kernel_.options();
  if (remaining >= options.prekey_low_water || topping_up_) return Status::Ok();
  topping_up_ = true;
  struct Reset {
    bool& flag;
    ~Reset() { flag = false; }
  } reset{topping_up_};
  LocalAccount& account = kernel_.account();
  ClientStore& store = kernel_.store();
  const uint32_t start = account.next_prekey_id == 0 ? 1 : account.next_prekey_id;
  KOLLEGA_ASSIGN_OR_RETURN(
      auto prekeys, crypto::GeneratePreKeys(kernel_.signal_context(), start, options.prekey_batch));
  if (prekeys.empty()) return Internal("no prekeys generated");
  // Private halves first, then the id cursor, then the upload: a crash in
  // between wastes ids but never hands out a prekey we can't use.
  for (const auto& p : prekeys) KOLLEGA_RETURN_IF_ERROR(store.StorePreKey(p.id, p.record));
  account.next_prekey_id = crypto::NextPreKeyId(prekeys.back().id);
  KOLLEGA_RETURN_IF_ERROR(store.SaveAccount(account));
  wire::Request request;
  auto* upload = request.mutable_upload_prekeys();
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, store.LoadLocalIdentity());
  crypto::Wipe(identity.private_key);
  upload->set_identity_key(identity.public_key);
  for (const auto& p : prekeys) {
    auto* k = upload->add_one_time_prekeys();
    k->set_id(p.id);
    k->set_public_key(p.public_key);
  }
  KOLLEGA_RETURN_IF_ERROR(kernel_.link().CallOk(std::move(request)));
  log::Debug(kLog, "one-time prekeys topped up");
  // Only once the new keys are on the relay: until then the old ones are
  // all it can hand out.
  ForgetOldOneTimePrekeys(prekeys.back().id);
  return Status::Ok();
}

void Keys::ForgetOldOneTimePrekeys(uint32_t newest) {
  const Client::Options& options = kernel_.options();
  const uint32_t keep = std::max(options.max_prekey_stock, options.prekey_batch);
  if (keep >= crypto::kMaxPreKeyId) return;
  // Ids are issued in order, wrapping from kMaxPreKeyId to 1.
  auto back = [](uint32_t id, uint32_t n) {
    const uint64_t max = crypto::kMaxPreKeyId;
    return static_cast<uint32_t>((id - 1 + max - n % max) % max + 1);
  };
  // The window just below the kept ones, as wide as the stock itself: it
  // covers what earlier top-ups would have deleted had they not been cut
  // short. Keys used by a session are gone already; ContainsPreKey skips them.
  ClientStore& store = kernel_.store();
  uint32_t removed = 0;
  for (uint32_t i = 0; i < keep; ++i) {
    const uint32_t id = back(newest, keep + i);
    auto present = store.ContainsPreKey(id);
    if (!present.ok() || !*present) continue;
    if (Status s = store.RemovePreKey(id); !s.ok()) {
      log::Warn(kLog, "could not delete an old one-time prekey: " + s.ToString());
      return;
    }
    ++removed;
  }
  if (removed > 0) log::Debug(kLog, "old one-time prekeys deleted");
}

}  // namespace kollega::client
