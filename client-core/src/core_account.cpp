// Account creation, device linking, authentication and prekey upkeep.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "content.pb.h"
#include "core.h"
#include "kollega/base/log.h"
#include "kollega/crypto/device_key.h"
#include "kollega/crypto/signal_keys.h"
#include "provisioning.h"

namespace kollega::client {
namespace {

constexpr std::string_view kLog = "client";
constexpr size_t kAccountSecretSize = 32;

// The keys of a device being created, with the proof that it holds the
// private half: a signature over the connection's current nonce.
Status FillNewDevice(const crypto::DeviceKey& key, uint32_t registration_id,
                     const std::string& nonce, wire::NewDevice* device) {
  device->set_auth_public_key(key.public_key());
  device->set_registration_id(registration_id);
  auto proof = key.Sign(crypto::DeviceAuthMessage(nonce, "", 0));
  if (!proof.ok()) return proof.status();
  device->set_proof(*proof);
  return Status::Ok();
}

}  // namespace

Result<wire::Response> Core::Call(wire::Request request) {
  if (!connection_) return Unavailable("not connected to the relay");
  return connection_->Call(std::move(request), options_.request_timeout);
}

Status Core::CallOk(wire::Request request, wire::Response* out) {
  auto response = Call(std::move(request));
  if (!response.ok()) return response.status();
  KOLLEGA_RETURN_IF_ERROR(ResponseStatus(*response));
  if (out) *out = std::move(*response);
  return Status::Ok();
}

Result<wire::Challenge> Core::FreshChallenge() {
  wire::Challenge challenge = connection_->TakeChallenge();
  if (!challenge.nonce().empty()) return challenge;
  wire::Request request;
  request.mutable_get_challenge();
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request)));
  challenge = connection_->TakeChallenge();
  if (challenge.nonce().empty()) return Internal("relay sent no challenge");
  return challenge;
}

Status Core::OpenConnection(const std::string& relay_url) {
  auto endpoint = RelayEndpoint::Parse(relay_url);
  if (!endpoint.ok()) return endpoint.status();
  DropConnection();
  const uint64_t generation = ++generation_;
  RelayConnection::Options o;
  o.connect_timeout = options_.request_timeout;
  o.tls_ca_file = options_.tls_ca_file;
  o.on_push = [this, generation](const wire::Push& push) {
    runner_.Post([this, generation, push] { OnPush(generation, push); });
  };
  o.on_close = [this, generation](const Status& status) {
    runner_.Post([this, generation, status] { OnClosed(generation, status); });
  };
  SetState(ConnectionState::kConnecting);
  auto connection = RelayConnection::Connect(*endpoint, std::move(o));
  if (!connection.ok()) {
    SetState(ConnectionState::kOffline);
    return connection.status();
  }
  connection_ = std::move(*connection);
  authenticated_ = false;
  return Status::Ok();
}

Status Core::CreateAccount(const std::string& relay_url) {
  if (account_) return AlreadyExists("this data directory already has an account");
  KOLLEGA_RETURN_IF_ERROR(OpenConnection(relay_url));
  auto challenge = FreshChallenge();
  if (!challenge.ok()) return challenge.status();

  auto device_key = crypto::DeviceKey::Generate();
  if (!device_key.ok()) return device_key.status();
  auto identity = crypto::GenerateIdentityKeyPair(*context_);
  if (!identity.ok()) return identity.status();
  auto registration_id = crypto::GenerateRegistrationId(*context_);
  if (!registration_id.ok()) return registration_id.status();

  wire::Request request;
  auto* create = request.mutable_create_account();
  create->set_pow_solution(crypto::SolveProofOfWork(challenge->nonce(), challenge->pow_bits()));
  KOLLEGA_RETURN_IF_ERROR(
      FillNewDevice(*device_key, *registration_id, challenge->nonce(), create->mutable_device()));
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request), &response));
  if (!response.has_account_created()) return Internal("relay answered without an account");

  storage::LocalAccount account;
  account.relay_url = relay_url;
  account.account_id = response.account_created().account_id();
  account.device_id = response.account_created().device_id();
  account.device_auth_seed = device_key->PrivateSeed();
  account.registration_id = *registration_id;
  account.account_secret = crypto::RandomBytes(kAccountSecretSize);
  KOLLEGA_RETURN_IF_ERROR(store_->SaveLocalIdentity(*identity, *registration_id));
  KOLLEGA_RETURN_IF_ERROR(store_->SaveAccount(account));
  account_ = std::move(account);
  KOLLEGA_RETURN_IF_ERROR(StartSessions());
  log::Info(kLog, "account created");
  KOLLEGA_RETURN_IF_ERROR(Authenticate());
  return UploadInitialKeys();
}

Result<std::string> Core::StartLinking() {
  if (!account_) return FailedPrecondition("no account yet");
  if (!authenticated_) return Unavailable("connect first");
  auto identity = store_->LoadLocalIdentity();
  if (!identity.ok()) return identity.status();
  content::ProvisioningMessage message;
  message.set_account_id(account_->account_id);
  message.set_identity_public_key(identity->public_key);
  message.set_identity_private_key(identity->private_key);
  message.set_account_secret(account_->account_secret);
  std::string plain = message.SerializeAsString();
  message.mutable_identity_private_key()->assign(crypto::kSignalPrivateKeySize, '\0');
  message.mutable_account_secret()->assign(kAccountSecretSize, '\0');

  ProvisioningCode code;
  code.account_id = account_->account_id;
  code.key = crypto::RandomBytes(kProvisioningKeySize);
  auto sealed = SealProvisioning(code.key, code.account_id, plain);
  crypto::Wipe(plain);
  if (!sealed.ok()) return sealed.status();

  wire::Request request;
  request.mutable_create_link_token()->set_sealed_provisioning(*sealed);
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request), &response));
  if (!response.has_link_token() || response.link_token().token().empty() ||
      response.link_token().token().size() > 255) {
    return Internal("relay answered without a usable link token");
  }
  code.link_token = response.link_token().token();
  // A device is about to join: the cached device list is about to be stale.
  own_devices_.reset();
  return EncodeProvisioningCode(code);
}

Status Core::LinkDevice(const std::string& relay_url, const std::string& code_text) {
  if (account_) return AlreadyExists("this data directory already has an account");
  auto code = DecodeProvisioningCode(code_text);
  if (!code.ok()) return code.status();
  KOLLEGA_RETURN_IF_ERROR(OpenConnection(relay_url));
  auto challenge = FreshChallenge();
  if (!challenge.ok()) return challenge.status();
  auto device_key = crypto::DeviceKey::Generate();
  if (!device_key.ok()) return device_key.status();
  auto registration_id = crypto::GenerateRegistrationId(*context_);
  if (!registration_id.ok()) return registration_id.status();

  wire::Request request;
  auto* reg = request.mutable_register_device();
  reg->set_account_id(code->account_id);
  reg->set_link_token(code->link_token);
  KOLLEGA_RETURN_IF_ERROR(
      FillNewDevice(*device_key, *registration_id, challenge->nonce(), reg->mutable_device()));
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request), &response));
  if (!response.has_device_registered()) return Internal("relay answered without a device id");
  const auto& registered = response.device_registered();
  if (registered.sealed_provisioning().empty()) {
    return FailedPrecondition(
        "the relay returned no provisioning data with the link token (relay too old?)");
  }
  auto plain = OpenProvisioning(code->key, code->account_id, registered.sealed_provisioning());
  if (!plain.ok()) return plain.status();
  content::ProvisioningMessage message;
  const bool parsed = message.ParseFromString(*plain);
  crypto::Wipe(*plain);
  if (!parsed || message.account_id() != code->account_id ||
      message.identity_public_key().size() != crypto::kSignalPublicKeySize ||
      message.identity_private_key().size() != crypto::kSignalPrivateKeySize) {
    return DataLoss("the provisioning data is malformed");
  }
  crypto::IdentityKeyPair identity;
  identity.public_key = message.identity_public_key();
  identity.private_key = message.identity_private_key();
  message.mutable_identity_private_key()->assign(crypto::kSignalPrivateKeySize, '\0');

  storage::LocalAccount account;
  account.relay_url = relay_url;
  account.account_id = code->account_id;
  account.device_id = registered.device_id();
  account.device_auth_seed = device_key->PrivateSeed();
  account.registration_id = *registration_id;
  account.account_secret = message.account_secret();
  message.mutable_account_secret()->assign(message.account_secret().size(), '\0');
  KOLLEGA_RETURN_IF_ERROR(store_->SaveLocalIdentity(identity, *registration_id));
  KOLLEGA_RETURN_IF_ERROR(store_->SaveAccount(account));
  account_ = std::move(account);
  KOLLEGA_RETURN_IF_ERROR(StartSessions());
  log::Info(kLog, "device linked");
  KOLLEGA_RETURN_IF_ERROR(Authenticate());
  return UploadInitialKeys();
}

Status Core::Authenticate() {
  auto challenge = FreshChallenge();
  if (!challenge.ok()) return challenge.status();
  auto key = crypto::DeviceKey::FromPrivateSeed(account_->device_auth_seed);
  if (!key.ok()) return key.status();
  auto signature = key->Sign(
      crypto::DeviceAuthMessage(challenge->nonce(), account_->account_id, account_->device_id));
  if (!signature.ok()) return signature.status();
  wire::Request request;
  auto* auth = request.mutable_authenticate();
  auth->set_account_id(account_->account_id);
  auth->set_device_id(account_->device_id);
  auth->set_signature(*signature);
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request)));
  authenticated_ = true;
  own_devices_.reset();
  SetState(ConnectionState::kOnline);
  return Status::Ok();
}

Status Core::UploadInitialKeys() {
  KOLLEGA_RETURN_IF_ERROR(UploadSignedPrekey());
  return TopUpPrekeys(0);
}

Status Core::UploadSignedPrekey() {
  auto identity = store_->LoadLocalIdentity();
  if (!identity.ok()) return identity.status();
  const uint32_t signed_id = account_->signed_prekey_id + 1;
  auto signed_prekey = crypto::GenerateSignedPreKey(*context_, *identity, signed_id, NowMs());
  if (!signed_prekey.ok()) return signed_prekey.status();
  KOLLEGA_RETURN_IF_ERROR(store_->StoreSignedPreKey(signed_id, signed_prekey->record));
  account_->signed_prekey_id = signed_id;
  KOLLEGA_RETURN_IF_ERROR(store_->SaveAccount(*account_));

  wire::Request request;
  auto* upload = request.mutable_upload_prekeys();
  upload->set_identity_key(identity->public_key);
  auto* spk = upload->mutable_signed_prekey();
  spk->set_id(signed_id);
  spk->set_public_key(signed_prekey->public_key);
  spk->set_signature(signed_prekey->signature);
  return CallOk(std::move(request));
}

Status Core::RotateSignedPrekeyIfDue() {
  const uint32_t current = account_->signed_prekey_id;
  auto record = store_->LoadSignedPreKey(current);
  if (!record.ok()) return record.status();
  if (record->has_value()) {
    auto made = crypto::SignedPreKeyTimestamp(*context_, **record);
    if (!made.ok()) return made.status();
    const int64_t age = NowMs() - static_cast<int64_t>(*made);
    if (age < options_.signed_prekey_max_age.count()) return Status::Ok();
  }
  KOLLEGA_RETURN_IF_ERROR(UploadSignedPrekey());
  log::Info(kLog, "signed prekey rotated");
  ForgetOldSignedPrekeys(current);
  return Status::Ok();
}

void Core::ForgetOldSignedPrekeys(uint32_t replaced) {
  // Key n was replaced when key n+1 was made. Walk down from the one below
  // `replaced` (which itself stays) to the first whose replacement is older
  // than the grace period; it and every older key still stored go.
  if (replaced <= 1) return;
  auto successor = store_->LoadSignedPreKey(replaced);
  for (uint32_t id = replaced - 1; id >= 1; --id) {
    auto record = store_->LoadSignedPreKey(id);
    if (!record.ok() || !record->has_value()) return;  // older ones went earlier
    if (!successor.ok() || !successor->has_value()) return;
    auto replaced_at = crypto::SignedPreKeyTimestamp(*context_, **successor);
    if (!replaced_at.ok()) return;
    if (NowMs() - static_cast<int64_t>(*replaced_at) >= options_.signed_prekey_grace.count()) {
      for (uint32_t old = id; old >= 1; --old) {
        auto stored = store_->LoadSignedPreKey(old);
        if (!stored.ok() || !stored->has_value()) return;
        if (Status s = store_->RemoveSignedPreKey(old); !s.ok()) {
          log::Warn(kLog, "could not delete an old signed prekey: " + s.ToString());
          return;
        }
      }
      return;
    }
    successor = std::move(record);
  }
}

Status Core::TopUpPrekeys(uint32_t remaining) {
  if (remaining >= options_.prekey_low_water || topping_up_) return Status::Ok();
  topping_up_ = true;
  const uint32_t start = account_->next_prekey_id == 0 ? 1 : account_->next_prekey_id;
  auto prekeys = crypto::GeneratePreKeys(*context_, start, options_.prekey_batch);
  if (!prekeys.ok() || prekeys->empty()) {
    topping_up_ = false;
    return prekeys.ok() ? Internal("no prekeys generated") : prekeys.status();
  }
  // Private halves first, then the id cursor, then the upload: a crash in
  // between wastes ids but never hands out a prekey we can't use.
  for (const auto& p : *prekeys) {
    Status s = store_->StorePreKey(p.id, p.record);
    if (!s.ok()) {
      topping_up_ = false;
      return s;
    }
  }
  account_->next_prekey_id = crypto::NextPreKeyId(prekeys->back().id);
  Status saved = store_->SaveAccount(*account_);
  if (!saved.ok()) {
    topping_up_ = false;
    return saved;
  }
  wire::Request request;
  auto* upload = request.mutable_upload_prekeys();
  auto identity = store_->LoadLocalIdentity();
  if (identity.ok()) upload->set_identity_key(identity->public_key);
  for (const auto& p : *prekeys) {
    auto* k = upload->add_one_time_prekeys();
    k->set_id(p.id);
    k->set_public_key(p.public_key);
  }
  Status s = CallOk(std::move(request));
  topping_up_ = false;
  if (s.ok()) log::Debug(kLog, "one-time prekeys topped up");
  return s;
}

Status Core::CheckPrekeys() {
  wire::Request request;
  request.mutable_get_prekey_count();
  wire::Response response;
  KOLLEGA_RETURN_IF_ERROR(CallOk(std::move(request), &response));
  if (!response.prekey_count().has_signed_prekey()) return UploadInitialKeys();
  return TopUpPrekeys(response.prekey_count().one_time());
}

}  // namespace kollega::client
