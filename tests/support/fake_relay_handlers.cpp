// FakeRelay's answers to requests, mirroring server/src/dispatch.cpp and
// handlers_*.cpp: the same checks in the same order and the same error codes,
// with maps instead of RocksDB and no rate limits but the per-connection
// account cap. docs/protocol.md is the contract both follow.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <google/protobuf/unknown_field_set.h>

#include <algorithm>

#include "kollega/crypto/device_key.h"
#include "support/fake_relay_state.h"

namespace kollega::testing {
namespace {

constexpr size_t kAccountIdSize = 16;
constexpr size_t kCurveKeySize = 33;
constexpr char kDjbKeyType = 0x05;  // libsignal's type byte for a Curve25519 key
constexpr size_t kSignatureSize = 64;
constexpr uint32_t kAccountsPerConnection = 3;
constexpr int64_t kLinkTokenLifetimeMs = 10 * 60 * 1000;
constexpr size_t kMaxSealedProvisioningSize = 4096;
constexpr int kMaxEnvelopesPerSend = 64;
constexpr int kMaxSeqsPerAck = 1024;
constexpr size_t kStockUploads = 10;

wire::Response Error(wire::ErrorCode code, std::string message) {
  wire::Response response;
  response.set_code(code);
  response.set_message(std::move(message));
  return response;
}

bool IsCurveKey(const std::string& key) {
  return key.size() == kCurveKeySize && key[0] == kDjbKeyType;
}

bool ValidNewDevice(const wire::NewDevice& d) {
  return d.auth_public_key().size() == crypto::kEd25519PublicKeySize &&
         d.proof().size() == crypto::kEd25519SignatureSize && d.registration_id() >= 1 &&
         d.registration_id() <= 16380;
}

bool ProofVerifies(const wire::NewDevice& d, const std::string& nonce) {
  return crypto::VerifySignature(d.auth_public_key(), crypto::DeviceAuthMessage(nonce, "", 0),
                                 d.proof());
}

DeviceState NewDeviceState(const wire::NewDevice& d, int64_t now_ms) {
  DeviceState device;
  device.auth_public_key = d.auth_public_key();
  device.registration_id = d.registration_id();
  device.created_ms = now_ms;
  return device;
}

}  // namespace

std::optional<wire::Response> FakeRelay::State::HandleLocked(Session& s, const wire::Request& r,
                                                             PumpList* pump) {
  using R = wire::Request;
  ++request_counts[r.op_case()];
  switch (r.op_case()) {
    case R::kGetChallenge: {
      wire::Response response;
      *response.mutable_challenge() = FreshChallengeLocked(s);
      s.taken = response.challenge();
      return response;
    }
    case R::kPing:
      return wire::Response();
    case R::kCreateAccount:
      return CreateAccount(s, r.create_account());
    case R::kAuthenticate:
      return Authenticate(s, r.authenticate(), pump);
    case R::kRegisterDevice:
      return RegisterDevice(s, r.register_device());
    case R::OP_NOT_SET:
      // An op from a newer protocol arrives as an unknown field numbered 10
      // or more (relay.proto, "message Request").
      for (int i = 0; i < r.GetReflection()->GetUnknownFields(r).field_count(); ++i) {
        if (r.GetReflection()->GetUnknownFields(r).field(i).number() >= 10) {
          return Error(wire::UNSUPPORTED_OPERATION,
                       "unsupported operation; see the challenge's features");
        }
      }
      return Error(wire::MALFORMED, "request has no operation");
    default:
      break;
  }
  // A device removed by the test is no longer authenticated anywhere.
  if (!s.address || !FindDevice(*s.address)) {
    return Error(wire::NOT_AUTHENTICATED, "authenticate first");
  }
  switch (r.op_case()) {
    case R::kCreateLinkToken:
      return CreateLinkToken(s, r.create_link_token());
    case R::kListDevices:
      return ListDevices(s);
    case R::kPublishDeviceList:
      return PublishDeviceList(s, r.publish_device_list().list(), std::nullopt, pump);
    case R::kUnlinkDevice:
      return PublishDeviceList(s, r.unlink_device().list(), r.unlink_device().device_id(), pump);
    case R::kGetDeviceList:
      return GetDeviceList(r.get_device_list());
    case R::kUploadPrekeys:
      return UploadPrekeys(s, r.upload_prekeys());
    case R::kGetPrekeyCount:
      return GetPrekeyCount(s);
    case R::kFetchBundle:
      return FetchBundle(s, r.fetch_bundle(), pump);
    case R::kSend:
      return Send(s, r.send(), pump);
    case R::kAck:
      return Ack(s, r.ack());
    default:
      return Error(wire::UNSUPPORTED_OPERATION,
                   "unsupported operation; see the challenge's features");
  }
}

wire::Response FakeRelay::State::CreateAccount(Session& s, const wire::CreateAccount& r) {
  if (!r.has_device() || !ValidNewDevice(r.device()) || r.pow_solution().size() > 64) {
    return Error(wire::INVALID_ARGUMENT, "device keys or proof of work malformed");
  }
  std::optional<std::string> nonce = std::exchange(s.nonce, std::nullopt);
  if (!nonce) return Error(wire::AUTH_FAILED, "no unused challenge; request a new one");
  if (!crypto::CheckProofOfWork(*nonce, r.pow_solution(), options.pow_bits)) {
    return Error(wire::BAD_PROOF_OF_WORK, "proof of work does not meet the difficulty");
  }
  if (!ProofVerifies(r.device(), *nonce)) {
    return Error(wire::AUTH_FAILED, "device key proof does not verify");
  }
  if (s.accounts_created >= kAccountsPerConnection) {
    return Error(wire::RATE_LIMITED, "too many new accounts; try again later");
  }
  std::string account;
  do {
    account = crypto::RandomBytes(kAccountIdSize);
  } while (accounts.count(account) != 0);
  accounts[account].devices.emplace(1, NewDeviceState(r.device(), NowMs()));
  ++s.accounts_created;
  wire::Response response;
  response.mutable_account_created()->set_account_id(account);
  response.mutable_account_created()->set_device_id(1);
  return response;
}

wire::Response FakeRelay::State::Authenticate(Session& s, const wire::Authenticate& r,
                                              PumpList* pump) {
  if (s.address) return Error(wire::ALREADY_AUTHENTICATED, "already authenticated");
  std::optional<std::string> nonce = std::exchange(s.nonce, std::nullopt);
  if (!nonce) return Error(wire::AUTH_FAILED, "no unused challenge; request a new one");
  constexpr char kFailed[] = "authentication failed";
  if (r.account_id().size() != kAccountIdSize || r.device_id() == 0 ||
      r.signature().size() != crypto::kEd25519SignatureSize) {
    return Error(wire::AUTH_FAILED, kFailed);
  }
  Address address{r.account_id(), r.device_id()};
  DeviceState* device = FindDevice(address);
  if (!device) return Error(wire::AUTH_FAILED, kFailed);
  // As the relay: only a login signed for this link's origin (docs/trust.md §5).
  if (r.origin() != s.origin) return Error(wire::AUTH_FAILED, "login signed for another origin");
  std::string message = crypto::DeviceAuthMessageV2(*nonce, address.first, address.second,
                                                    r.origin(), r.tls_exporter());
  if (!crypto::VerifySignature(device->auth_public_key, message, r.signature())) {
    return Error(wire::AUTH_FAILED, kFailed);
  }
  // A second live connection of a device replaces the first (docs/protocol.md,
  // "Life of a connection", step 3).
  if (auto old = connected.find(address); old != connected.end()) {
    wire::Push closing;
    closing.mutable_closing()->set_reason("replaced by a new connection");
    PushLocked(*old->second, std::move(closing), pump);
    DropLocked(*old->second, Unavailable("replaced by a new connection"), pump);
  }
  s.address = address;
  device->last_seen_ms = NowMs();
  connected[address] = sessions.at(s.id);
  wire::Response response;
  response.mutable_authenticated()->set_queued(static_cast<uint32_t>(device->mailbox.size()));
  // The relay's order (handlers_account.cpp): the answer, PrekeysLow if the
  // stock is short, then the queued envelopes and QueueEmpty.
  if (device->one_time.size() < options.prekey_low_threshold) {
    wire::Push low;
    low.mutable_prekeys_low()->set_one_time(static_cast<uint32_t>(device->one_time.size()));
    PushLocked(s, std::move(low), pump);
  }
  DrainLocked(s, pump);
  return response;
}

wire::Response FakeRelay::State::RegisterDevice(Session& s, const wire::RegisterDevice& r) {
  if (r.account_id().size() != kAccountIdSize || r.link_token().empty() ||
      r.link_token().size() > 64 || !r.has_device() || !ValidNewDevice(r.device())) {
    return Error(wire::INVALID_ARGUMENT, "account, token or device keys malformed");
  }
  std::optional<std::string> nonce = std::exchange(s.nonce, std::nullopt);
  if (!nonce) return Error(wire::AUTH_FAILED, "no unused challenge; request a new one");
  if (!ProofVerifies(r.device(), *nonce)) {
    return Error(wire::AUTH_FAILED, "device key proof does not verify");
  }
  auto token = link_tokens.find(crypto::Sha256(r.link_token()));
  if (token == link_tokens.end() || token->second.account != r.account_id() ||
      token->second.expires_ms < NowMs()) {
    return Error(wire::AUTH_FAILED, "link token is not valid");
  }
  std::string sealed = std::move(token->second.sealed_provisioning);
  link_tokens.erase(token);
  auto account = accounts.find(r.account_id());
  if (account == accounts.end()) return Error(wire::UNKNOWN_ACCOUNT, "no such account");
  uint32_t device_id = account->second.next_device_id++;
  account->second.devices.emplace(device_id, NewDeviceState(r.device(), NowMs()));
  wire::Response response;
  response.mutable_device_registered()->set_device_id(device_id);
  response.mutable_device_registered()->set_sealed_provisioning(std::move(sealed));
  return response;
}

wire::Response FakeRelay::State::CreateLinkToken(Session& s, const wire::CreateLinkToken& r) {
  if (r.sealed_provisioning().size() > kMaxSealedProvisioningSize) {
    return Error(wire::TOO_LARGE, "provisioning blob too large");
  }
  std::string token = crypto::RandomBytes(32);
  const int64_t expires = NowMs() + kLinkTokenLifetimeMs;
  link_tokens[crypto::Sha256(token)] =
      LinkTokenState{s.address->first, expires, r.sealed_provisioning()};
  wire::Response response;
  response.mutable_link_token()->set_token(token);
  response.mutable_link_token()->set_expires_at_ms(static_cast<uint64_t>(expires));
  return response;
}

wire::Response FakeRelay::State::ListDevices(Session& s) {
  wire::Response response;
  wire::DeviceList* list = response.mutable_device_list();
  for (const auto& [id, d] : accounts.at(s.address->first).devices) {
    wire::DeviceInfo* info = list->add_devices();
    info->set_device_id(id);
    info->set_registration_id(d.registration_id);
    info->set_created_at_ms(static_cast<uint64_t>(d.created_ms));
    // As the relay: a device online now is seen now (docs/trust.md §3).
    const bool online = connected.count(Address{s.address->first, id}) != 0;
    info->set_last_seen_ms(static_cast<uint64_t>(online ? NowMs() : d.last_seen_ms));
    info->set_has_keys(d.signed_prekey.has_value());
    info->set_listed(accounts.at(s.address->first).listed.count(id) != 0);
    info->set_auth_public_key(d.auth_public_key);
  }
  return response;
}

wire::Response FakeRelay::State::UploadPrekeys(Session& s, const wire::UploadPrekeys& r) {
  if (static_cast<uint32_t>(r.one_time_prekeys_size()) > options.max_prekeys_per_upload) {
    return Error(wire::TOO_MANY, "too many one-time prekeys in one upload");
  }
  if (!IsCurveKey(r.identity_key())) {
    return Error(wire::INVALID_ARGUMENT, "identity key must be 33 bytes starting with 0x05");
  }
  if (r.has_signed_prekey() && !IsCurveKey(r.signed_prekey().public_key())) {
    return Error(wire::INVALID_ARGUMENT, "signed prekey must be 33 bytes starting with 0x05");
  }
  if (r.has_signed_prekey() && r.signed_prekey().signature().size() != kSignatureSize) {
    return Error(wire::INVALID_ARGUMENT, "signed prekey signature must be 64 bytes");
  }
  for (const wire::OneTimePrekey& k : r.one_time_prekeys()) {
    if (!IsCurveKey(k.public_key())) {
      return Error(wire::INVALID_ARGUMENT, "one-time prekey must be 33 bytes starting with 0x05");
    }
  }
  DeviceState& d = *FindDevice(*s.address);
  if (d.identity_key && *d.identity_key != r.identity_key()) {
    return Error(wire::INVALID_ARGUMENT, "identity key differs from the stored one");
  }
  if (!d.identity_key && !r.has_signed_prekey()) {
    return Error(wire::INVALID_ARGUMENT, "a device's first upload needs a signed prekey");
  }
  size_t stock = d.one_time.size();
  for (const wire::OneTimePrekey& k : r.one_time_prekeys()) stock += d.one_time.count(k.id()) == 0;
  if (stock > kStockUploads * options.max_prekeys_per_upload) {
    return Error(wire::TOO_MANY, "one-time prekey stock is full");
  }
  d.identity_key = r.identity_key();
  if (r.has_signed_prekey()) d.signed_prekey = r.signed_prekey();
  for (const wire::OneTimePrekey& k : r.one_time_prekeys()) d.one_time[k.id()] = k.public_key();
  return wire::Response();
}

wire::Response FakeRelay::State::GetPrekeyCount(Session& s) {
  const DeviceState& d = *FindDevice(*s.address);
  wire::Response response;
  response.mutable_prekey_count()->set_one_time(static_cast<uint32_t>(d.one_time.size()));
  response.mutable_prekey_count()->set_has_signed_prekey(d.signed_prekey.has_value());
  return response;
}

wire::Response FakeRelay::State::FetchBundle(Session& /*s*/, const wire::FetchBundle& r,
                                             PumpList* pump) {
  if (r.account_id().size() != kAccountIdSize) {
    return Error(wire::INVALID_ARGUMENT, "account id must be 16 bytes");
  }
  auto account = accounts.find(r.account_id());
  if (account == accounts.end()) return Error(wire::UNKNOWN_ACCOUNT, "no such account");
  if (r.device_id() != 0 && account->second.devices.count(r.device_id()) == 0) {
    return Error(wire::UNKNOWN_DEVICE, "no such device");
  }
  wire::Response response;
  wire::PrekeyBundle* out = response.mutable_bundle();
  out->set_account_id(r.account_id());
  std::vector<uint32_t> took_one_time;
  if (const auto* list = account->second.ServedList()) *out->mutable_device_list() = *list;
  const std::vector<uint32_t> expected = account->second.Expected();
  for (auto& [id, d] : account->second.devices) {
    if (r.device_id() != 0 && id != r.device_id()) continue;
    // A device not in the account's list is not offered (docs/trust.md §3).
    if (std::find(expected.begin(), expected.end(), id) == expected.end()) continue;
    // Without keys, or without a signed prekey, there is no bundle.
    if (!d.identity_key || !d.signed_prekey) continue;
    wire::DeviceBundle* b = out->add_devices();
    b->set_device_id(id);
    b->set_registration_id(d.registration_id);
    b->set_identity_key(*d.identity_key);
    *b->mutable_signed_prekey() = *d.signed_prekey;
    if (!d.one_time.empty()) {
      auto first = d.one_time.begin();
      b->mutable_one_time_prekey()->set_id(first->first);
      b->mutable_one_time_prekey()->set_public_key(first->second);
      d.one_time.erase(first);
      took_one_time.push_back(id);
    }
  }
  for (uint32_t id : took_one_time) {
    const size_t left = account->second.devices.at(id).one_time.size();
    auto target = connected.find(Address{r.account_id(), id});
    if (left < options.prekey_low_threshold && target != connected.end()) {
      wire::Push low;
      low.mutable_prekeys_low()->set_one_time(static_cast<uint32_t>(left));
      PushLocked(*target->second, std::move(low), pump);
    }
  }
  return response;
}

wire::Response FakeRelay::State::Send(Session& s, const wire::Send& r, PumpList* pump) {
  const std::string& recipient = r.recipient_account();
  if (recipient.size() != kAccountIdSize) {
    return Error(wire::INVALID_ARGUMENT, "recipient account must be 16 bytes");
  }
  if (r.envelopes_size() == 0) return Error(wire::INVALID_ARGUMENT, "no envelopes");
  if (r.envelopes_size() > kMaxEnvelopesPerSend) {
    return Error(wire::TOO_MANY, "too many envelopes in one send");
  }
  std::vector<uint32_t> given;
  for (const wire::OutgoingEnvelope& e : r.envelopes()) {
    if (e.content().size() > options.max_content_bytes) {
      return Error(wire::TOO_LARGE, "envelope content too large");
    }
    if (e.content().empty() || e.device_id() == 0 ||
        (e.type() != wire::ENVELOPE_TYPE_SIGNAL_MESSAGE &&
         e.type() != wire::ENVELOPE_TYPE_PREKEY_SIGNAL_MESSAGE)) {
      return Error(wire::INVALID_ARGUMENT, "envelope device, type or content missing");
    }
    given.push_back(e.device_id());
  }
  std::sort(given.begin(), given.end());
  if (std::adjacent_find(given.begin(), given.end()) != given.end()) {
    return Error(wire::INVALID_ARGUMENT, "two envelopes for the same device");
  }
  auto account = accounts.find(recipient);
  if (account == accounts.end()) return Error(wire::UNKNOWN_ACCOUNT, "no such account");
  std::vector<uint32_t> expected;
  for (uint32_t id : account->second.Expected()) {
    if (!(recipient == s.address->first && id == s.address->second)) expected.push_back(id);
  }
  if (expected != given) {
    wire::Response response =
        Error(wire::STALE_DEVICES, "device list is stale; nothing was stored");
    wire::DeviceMismatch* mismatch = response.mutable_device_mismatch();
    std::set_difference(expected.begin(), expected.end(), given.begin(), given.end(),
                        RepeatedFieldBackInserter(mismatch->mutable_missing_devices()));
    std::set_difference(given.begin(), given.end(), expected.begin(), expected.end(),
                        RepeatedFieldBackInserter(mismatch->mutable_extra_devices()));
    if (const auto* list = account->second.ServedList()) *mismatch->mutable_device_list() = *list;
    return response;
  }
  for (uint32_t id : given) {
    if (account->second.devices.at(id).mailbox.size() >= options.mailbox_max_envelopes) {
      return Error(wire::MAILBOX_FULL, "a recipient mailbox is full; nothing was stored");
    }
  }
  const int64_t now = NowMs();
  wire::Envelope envelope;
  envelope.set_sender_account(s.address->first);
  envelope.set_sender_device(s.address->second);
  envelope.set_server_time_ms(static_cast<uint64_t>(now));
  for (const wire::OutgoingEnvelope& e : r.envelopes()) {
    envelope.set_type(e.type());
    envelope.set_content(e.content());
    wire::Envelope stored = envelope;
    if (auto fake = relabel.find(Address{recipient, e.device_id()}); fake != relabel.end()) {
      stored.set_sender_account(fake->second.first);
      stored.set_sender_device(fake->second.second);
      relabel.erase(fake);
    }
    DeviceState& d = account->second.devices.at(e.device_id());
    d.mailbox[d.next_seq++] = stored.SerializeAsString();
  }
  for (const wire::OutgoingEnvelope& e : r.envelopes()) {
    auto target = connected.find(Address{recipient, e.device_id()});
    if (target != connected.end()) DrainLocked(*target->second, pump);
  }
  wire::Response response;
  response.mutable_send_accepted()->set_server_time_ms(static_cast<uint64_t>(now));
  return response;
}

std::optional<wire::Response> FakeRelay::State::Ack(Session& s, const wire::Ack& r) {
  if (r.seqs_size() == 0) return Error(wire::INVALID_ARGUMENT, "no seqs to acknowledge");
  if (r.seqs_size() > kMaxSeqsPerAck) return Error(wire::TOO_MANY, "too many seqs");
  std::vector<uint64_t> seqs(r.seqs().begin(), r.seqs().end());
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  DeviceState& d = *FindDevice(*s.address);
  wire::Response response;
  wire::AckResult* result = response.mutable_ack_result();
  for (uint64_t seq : seqs) {
    if (d.mailbox.erase(seq) == 0) result->add_unknown_seqs(seq);
  }
  result->set_removed(static_cast<uint32_t>(seqs.size()) - result->unknown_seqs_size());
  if (result->unknown_seqs_size() > 0) {
    response.set_code(wire::UNKNOWN_ENVELOPE);
    response.set_message("some seqs are not in this mailbox");
    return response;
  }
  if (r.quiet()) return std::nullopt;
  return response;
}

}  // namespace kollega::testing
