// Challenge and ping, accounts, authentication and device linking.
//
// CreateAccount, Authenticate and RegisterDevice consume the connection's
// nonce before checking anything else, so a nonce is good for exactly one
// attempt: a replay or a second try with the same challenge is AUTH_FAILED.
//
// Their checks run on the strand; the writes (CreateAccount, the token and
// AddDevice of RegisterDevice, PutLinkToken) run on the account worker
// (Connection::OffThread), off the io thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include "account_budget.h"
#include "connection.h"
#include "kollega/base/log.h"
#include "kollega/base/origin.h"
#include "kollega/crypto/device_key.h"

namespace kollega::server {
namespace {

constexpr char kLog[] = "auth";
// A single connection may create this many accounts; beyond that it has to
// reconnect (and solve fresh proofs of work), on top of the relay-wide rate.
constexpr uint32_t kAccountsPerConnection = 3;
constexpr int64_t kLinkTokenLifetimeMs = 10 * 60 * 1000;
constexpr size_t kLinkTokenSize = 32;
constexpr size_t kMaxPowSolutionSize = 64;
constexpr size_t kMaxSealedProvisioningSize = 4096;  // as relay.proto promises

// Field checks shared by CreateAccount and RegisterDevice.
bool ValidNewDevice(const wire::NewDevice& d) {
  return d.auth_public_key().size() == crypto::kEd25519PublicKeySize &&
         d.proof().size() == crypto::kEd25519SignatureSize && d.registration_id() >= 1 &&
         d.registration_id() <= 16380;
}

// The creator proves it holds the private half of the key it registers.
bool ProofVerifies(const wire::NewDevice& d, const std::string& nonce) {
  return crypto::VerifySignature(d.auth_public_key(), crypto::DeviceAuthMessage(nonce, "", 0),
                                 d.proof());
}

// Longer than any URL an operator would publish; bounds the work per login.
constexpr size_t kMaxOriginSize = 256;

// Whether a login signed for `origin` was meant for this relay
// (docs/trust.md §5): one of its --public-url origins, or, with none
// configured, a loopback origin on the port the client reached, with the
// scheme of this connection.
bool OriginIsOurs(const RelayConfig& config, const Transport::Channel& channel,
                  std::string_view origin) {
  if (!config.public_urls.empty()) {
    return std::find(config.public_urls.begin(), config.public_urls.end(), origin) !=
           config.public_urls.end();
  }
  for (std::string_view host : {"127.0.0.1", "[::1]", "localhost"}) {
    if (origin == FormatOrigin(channel.tls, host, channel.local_port)) return true;
  }
  return false;
}

storage::DeviceRecord ToRecord(const wire::NewDevice& d, int64_t now_ms) {
  storage::DeviceRecord record;
  record.auth_public_key = d.auth_public_key();
  record.registration_id = d.registration_id();
  record.created_ms = now_ms;
  return record;
}

}  // namespace

void Connection::HandleGetChallenge(uint64_t id, const wire::Request& /*request*/) {
  wire::Response response;
  *response.mutable_challenge() = FreshChallenge();
  ReplyOk(id, response);
}

void Connection::HandlePing(uint64_t id, const wire::Request& /*request*/) {
  wire::Response response;
  ReplyOk(id, response);
}

void Connection::HandleCreateAccount(uint64_t id, const wire::Request& request) {
  const wire::CreateAccount& req = request.create_account();
  if (!req.has_device() || !ValidNewDevice(req.device()) ||
      req.pow_solution().size() > kMaxPowSolutionSize) {
    return Reply(id, wire::INVALID_ARGUMENT, "device keys or proof of work malformed");
  }
  const uint32_t pow_bits = nonce_pow_bits_;
  std::optional<std::string> nonce = TakeNonce();
  if (!nonce) return Reply(id, wire::AUTH_FAILED, "no unused challenge; request a new one");
  if (!crypto::CheckProofOfWork(*nonce, req.pow_solution(), pow_bits)) {
    return Reply(id, wire::BAD_PROOF_OF_WORK, "proof of work does not meet the difficulty");
  }
  if (!ProofVerifies(req.device(), *nonce)) {
    return Reply(id, wire::AUTH_FAILED, "device key proof does not verify");
  }
  // Rate limits last: only a correct proof of work spends relay-wide tokens,
  // so nobody can block sign-ups with cheap garbage. The source's own
  // allowance first, so one source cannot take every relay-wide slot
  // (docs/abuse-limits.md, "Sign-up").
  ctx_.signup.RecordAttempt();
  if (accounts_created_ >= kAccountsPerConnection) {
    return Reply(id, wire::RATE_LIMITED, "too many new accounts on this connection");
  }
  int64_t retry_after_ms = 0;
  if (!ctx_.signup.SourceAllows(transport_.channel().source, &retry_after_ms)) {
    wire::Response response;
    response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
    return Reply(id, wire::RATE_LIMITED, "too many new accounts from this address; retry later",
                 response);
  }
  if (!ctx_.account_limiter.TryTake()) {
    return Reply(id, wire::RATE_LIMITED, "too many new accounts; try again later");
  }
  // Counted when it starts, so that pipelined requests cannot pass the cap.
  ++accounts_created_;
  OffThread(id, [ctx = &ctx_, record = ToRecord(req.device(), ctx_.clock->NowMs())] {
    Status status;
    std::string account;
    // A collision of 128 random bits will not happen; one retry is cheap insurance.
    for (int attempt = 0; attempt < 2; ++attempt) {
      account = crypto::RandomBytes(storage::kAccountIdSize);
      status = ctx->store->CreateAccount(account, record);
      if (status.code() != StatusCode::kAlreadyExists) break;
    }
    StoreAnswer answer;
    if (!status.ok()) {
      log::Warn(kLog, "account creation failed: " + std::string(StatusCodeName(status.code())));
      answer.code = StoreErrorCode(status);
      answer.message = "could not create the account";
      return answer;
    }
    ctx->metrics.Add(ctx->metrics.accounts_created, 1);
    answer.response.mutable_account_created()->set_account_id(account);
    answer.response.mutable_account_created()->set_device_id(1);
    return answer;
  });
}

void Connection::HandleAuthenticate(uint64_t id, const wire::Request& request) {
  const wire::Authenticate& req = request.authenticate();
  if (Authenticated()) return Reply(id, wire::ALREADY_AUTHENTICATED, "already authenticated");
  std::optional<std::string> nonce = TakeNonce();
  if (!nonce) return Reply(id, wire::AUTH_FAILED, "no unused challenge; request a new one");
  // One answer for every failure below, so the reply does not reveal which
  // accounts or devices exist.
  constexpr std::string_view kFailed = "authentication failed";
  if (req.account_id().size() != storage::kAccountIdSize || req.device_id() == 0 ||
      req.signature().size() != crypto::kEd25519SignatureSize ||
      req.origin().size() > kMaxOriginSize ||
      (!req.tls_exporter().empty() && req.tls_exporter().size() != crypto::kAuthExporterSize)) {
    return Reply(id, wire::AUTH_FAILED, kFailed);
  }
  // The channel checks come before the store is read, and say what is
  // wrong: they depend on the connection only, so they reveal nothing about
  // accounts, and a client behind a look-alike relay learns why.
  const Transport::Channel& channel = transport_.channel();
  if (!OriginIsOurs(ctx_.config, channel, req.origin())) {
    ctx_.metrics.Add(ctx_.metrics.auth_channel_refusals, 1);
    return Reply(id, wire::AUTH_FAILED, "login signed for another origin than this relay's");
  }
  if (channel.tls && (channel.tls_exporter.empty() ||
                      !crypto::ConstantTimeEqual(req.tls_exporter(), channel.tls_exporter))) {
    ctx_.metrics.Add(ctx_.metrics.auth_channel_refusals, 1);
    return Reply(id, wire::AUTH_FAILED, "login signed for another TLS session than this one");
  }
  DeviceAddress address{req.account_id(), req.device_id()};
  Result<storage::DeviceRecord> device = ctx_.store->GetDevice(address);
  if (!device.ok()) {
    if (device.status().code() == StatusCode::kNotFound) {
      return Reply(id, wire::AUTH_FAILED, kFailed);
    }
    return Reply(id, StoreErrorCode(device.status()), "could not read the device");
  }
  // Only the v2 message: accepting v1 would let a man in the middle that
  // strips "auth.bound" from the Challenge downgrade the login.
  const std::string message = crypto::DeviceAuthMessageV2(*nonce, address.account, address.device,
                                                          req.origin(), req.tls_exporter());
  if (!crypto::VerifySignature(device->auth_public_key, message, req.signature())) {
    return Reply(id, wire::AUTH_FAILED, kFailed);
  }
  address_ = address;
  RecordSeen();
  ctx_.metrics.authenticated_connections.fetch_add(1, std::memory_order_relaxed);
  // Registering before the first mailbox read closes the race with senders:
  // anything stored after this point is also notified to us (and de-duplicated
  // by seq), anything stored before it is found by the drain.
  ctx_.registry.Register(address, std::weak_ptr<DeliveryTarget>(weak_self_), this);
  Result<uint32_t> queued = ctx_.store->QueueDepth(address);
  wire::Response response;
  response.mutable_authenticated()->set_queued(queued.ok() ? *queued : 0);
  ReplyOk(id, response);
  log::Debug(kLog, "device authenticated");
  CheckOwnPrekeys();
  StartDelivery();
}

void Connection::HandleRegisterDevice(uint64_t id, const wire::Request& request) {
  const wire::RegisterDevice& req = request.register_device();
  if (req.account_id().size() != storage::kAccountIdSize || req.link_token().empty() ||
      req.link_token().size() > 64 || !req.has_device() || !ValidNewDevice(req.device())) {
    return Reply(id, wire::INVALID_ARGUMENT, "account, token or device keys malformed");
  }
  std::optional<std::string> nonce = TakeNonce();
  if (!nonce) return Reply(id, wire::AUTH_FAILED, "no unused challenge; request a new one");
  // The proof is checked before the token is spent, so a broken client does
  // not burn its link token.
  if (!ProofVerifies(req.device(), *nonce)) {
    return Reply(id, wire::AUTH_FAILED, "device key proof does not verify");
  }
  if (!CheckDeviceCap(id, req.account_id())) return;
  OffThread(id, [ctx = &ctx_, account = req.account_id(),
                 token_hash = crypto::Sha256(req.link_token()),
                 record = ToRecord(req.device(), ctx_.clock->NowMs())] {
    StoreAnswer answer;
    // Before the token is taken, so a refused device does not burn it.
    if (auto refusal = OverBudget(*ctx, account, kDeviceBytes)) return *std::move(refusal);
    // Taking the token also hands over the sealed provisioning blob the
    // linking device parked with it (opaque to the relay).
    Result<std::string> sealed = ctx->store->TakeLinkToken(account, token_hash);
    if (!sealed.ok()) {
      const bool invalid = sealed.status().code() == StatusCode::kNotFound;
      answer.code = invalid ? wire::AUTH_FAILED : StoreErrorCode(sealed.status());
      answer.message = invalid ? "link token is not valid" : "could not check the token";
      return answer;
    }
    Result<uint32_t> device = ctx->store->AddDevice(account, record);
    if (!device.ok()) {
      const bool gone = device.status().code() == StatusCode::kNotFound;
      answer.code = gone ? wire::UNKNOWN_ACCOUNT : StoreErrorCode(device.status());
      answer.message = gone ? "no such account" : "could not add the device";
      return answer;
    }
    answer.response.mutable_device_registered()->set_device_id(*device);
    answer.response.mutable_device_registered()->set_sealed_provisioning(std::move(sealed).value());
    return answer;
  });
}

void Connection::HandleCreateLinkToken(uint64_t id, const wire::Request& request) {
  const wire::CreateLinkToken& req = request.create_link_token();
  if (req.sealed_provisioning().size() > kMaxSealedProvisioningSize) {
    return Reply(id, wire::TOO_LARGE, "provisioning blob too large");
  }
  if (!CheckDeviceCap(id, address_->account)) return;
  // Each token is a synced write of up to a few KiB: bounded per account
  // (docs/abuse-limits.md, "Link tokens"). The store keeps only the newest.
  int64_t retry_after_ms = 0;
  if (!ctx_.link_token_limiter.TryTake(address_->account, &retry_after_ms)) {
    wire::Response response;
    response.set_retry_after_ms(static_cast<uint32_t>(std::max<int64_t>(1, retry_after_ms)));
    return Reply(id, wire::RATE_LIMITED, "too many link tokens; retry later", response);
  }
  // No byte budget check: room for one token is always set aside
  // (account_budget.h), and a new one replaces the old.
  OffThread(id, [ctx = &ctx_, account = address_->account, sealed = req.sealed_provisioning(),
                 expires = ctx_.clock->NowMs() + kLinkTokenLifetimeMs] {
    StoreAnswer answer;
    std::string token = crypto::RandomBytes(kLinkTokenSize);
    Status status = ctx->store->PutLinkToken(account, crypto::Sha256(token), expires, sealed);
    if (!status.ok()) {
      crypto::Wipe(token);
      answer.code = StoreErrorCode(status);
      answer.message = "could not store the token";
      return answer;
    }
    answer.response.mutable_link_token()->set_token(token);
    answer.response.mutable_link_token()->set_expires_at_ms(static_cast<uint64_t>(expires));
    crypto::Wipe(token);
    return answer;
  });
}

}  // namespace kollega::server
