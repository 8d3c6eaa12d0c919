// SPDX-License-Identifier: GPL-3.0-or-later
#include "kollega/crypto/signal_sessions.h"

#include "context_internal.h"
#include "signal_errors.h"
#include "signal_handles.h"
#include "store_adapter.h"

namespace kollega::crypto {

using internal::BufferPtr;
using internal::Bytes;
using internal::Ref;

namespace {

// The library keeps this pointer (not a copy) inside builders and ciphers,
// so the struct and `address` must outlive them: both live for one call.
signal_protocol_address CAddress(const SignalAddress& address) {
  return signal_protocol_address{address.name.data(), address.name.size(), address.device_id};
}

Status Untrusted(std::string_view what) {
  return internal::FromSignalError(SG_ERR_UNTRUSTED_IDENTITY, what);
}

}  // namespace

struct SignalSessions::Impl {
  Impl(SignalContext& c, SignalStore& s) : context(c), adapter(s) {}

  signal_context* raw() const { return SignalContextAccess::Raw(context); }
  SignalStore& store() { return adapter.store(); }

  // A library failure as a Status, preferring the store error behind it.
  Status Error(int rc, std::string_view what) {
    Status store_error = adapter.TakeError();
    if (rc == SG_ERR_UNKNOWN && !store_error.ok()) return store_error;
    store_error.IgnoreError();  // the library failed on its own; a store error is stale
    return internal::FromSignalError(rc, what);
  }

  // Runs `body` as one store transaction: commit if it succeeded, roll back
  // every write it made otherwise.
  template <typename F>
  auto InTransaction(F&& body) -> decltype(body()) {
    KOLLEGA_RETURN_IF_ERROR(init);
    KOLLEGA_RETURN_IF_ERROR(store().BeginTransaction());
    adapter.TakeError().IgnoreError();  // a stale cause must not mislabel this call
    auto result = body();
    if (result.ok()) {
      KOLLEGA_RETURN_IF_ERROR(store().Commit());
    } else {
      store().Rollback();
    }
    return result;
  }

  // The library trusts an existing session's peer without asking the
  // identity store; refuse one whose key is no longer the accepted one.
  Status CheckSessionIdentity(const SignalAddress& address, std::string_view what) {
    signal_protocol_address a = CAddress(address);
    int rc = signal_protocol_session_contains_session(store_context.get(), &a);
    if (rc < 0) return Error(rc, what);
    if (rc == 0) return Status::Ok();  // no session: the library reports it
    session_record* raw = nullptr;
    rc = signal_protocol_session_load_session(store_context.get(), &raw, &a);
    Ref<session_record> record(raw);
    if (rc < 0) return Error(rc, what);
    session_state* state = session_record_get_state(record.get());
    if (!state) return Status::Ok();
    ec_public_key* remote_key = session_state_get_remote_identity_key(state);
    if (!remote_key) return Status::Ok();
    KOLLEGA_ASSIGN_OR_RETURN(auto serialized, internal::SerializePublicKey(remote_key));
    KOLLEGA_ASSIGN_OR_RETURN(auto accepted, store().LoadIdentity(address));
    if (accepted.has_value() && *accepted != serialized) return Untrusted(what);
    return Status::Ok();
  }

  SignalContext& context;
  internal::StoreAdapter adapter;
  internal::StoreContextPtr store_context;
  Status init;
};

SignalSessions::SignalSessions(SignalContext& context, SignalStore& store)
    : impl_(std::make_unique<Impl>(context, store)) {
  SignalContextAccess::AddUser(context);
  signal_protocol_store_context* raw = nullptr;
  if (signal_protocol_store_context_create(&raw, impl_->raw()) != SG_SUCCESS || !raw) {
    impl_->init = Internal("cannot create Signal store context");
    return;
  }
  impl_->store_context.reset(raw);
  impl_->init = impl_->adapter.Install(raw);
}

SignalSessions::~SignalSessions() {
  // A failed set-up is reported by every call; an instance never called has
  // nothing to report.
  impl_->init.IgnoreError();
  impl_->store_context.reset();  // before the context it was created in
  SignalContextAccess::RemoveUser(impl_->context);
}

Status SignalSessions::ProcessBundle(const SignalAddress& address, const PreKeyBundle& bundle) {
  signal_context* ctx = impl_->raw();
  KOLLEGA_ASSIGN_OR_RETURN(auto identity, internal::DecodePublicKey(ctx, bundle.identity_key));
  KOLLEGA_ASSIGN_OR_RETURN(auto signed_pre_key,
                           internal::DecodePublicKey(ctx, bundle.signed_pre_key));
  if (bundle.signed_pre_key_signature.size() != kSignalSignatureSize) {
    return InvalidArgument("invalid key (signed prekey signature must be 64 bytes)");
  }
  Ref<ec_public_key> pre_key;
  if (bundle.pre_key_id) {
    if (*bundle.pre_key_id == 0) return InvalidArgument("invalid key (prekey id 0)");
    KOLLEGA_ASSIGN_OR_RETURN(pre_key, internal::DecodePublicKey(ctx, bundle.pre_key));
  }

  session_pre_key_bundle* raw_bundle = nullptr;
  int rc = session_pre_key_bundle_create(&raw_bundle, bundle.registration_id, bundle.device_id,
                                         bundle.pre_key_id.value_or(0), pre_key.get(),
                                         bundle.signed_pre_key_id, signed_pre_key.get(),
                                         Bytes(bundle.signed_pre_key_signature),
                                         bundle.signed_pre_key_signature.size(), identity.get());
  if (rc != SG_SUCCESS) return internal::FromSignalError(rc, "read bundle");
  Ref<session_pre_key_bundle> c_bundle(raw_bundle);

  signal_protocol_address a = CAddress(address);
  return impl_->InTransaction([&]() -> Status {
    session_builder* raw_builder = nullptr;
    int rc = session_builder_create(&raw_builder, impl_->store_context.get(), &a, ctx);
    if (rc != SG_SUCCESS) return impl_->Error(rc, "create session builder");
    internal::SessionBuilderPtr builder(raw_builder);
    rc = session_builder_process_pre_key_bundle(builder.get(), c_bundle.get());
    if (rc < 0) return impl_->Error(rc, "process bundle");
    return Status::Ok();
  });
}

Result<bool> SignalSessions::HasSession(const SignalAddress& address) {
  return impl_->store().ContainsSession(address);
}

Result<EncryptedMessage> SignalSessions::Encrypt(const SignalAddress& address,
                                                 std::string_view plaintext) {
  signal_protocol_address a = CAddress(address);
  return impl_->InTransaction([&]() -> Result<EncryptedMessage> {
    if (impl_->adapter.pending().count(address)) return Untrusted("encrypt");
    // Upstream issue #129: encrypting without a session fails with an
    // unhelpful SG_ERR_UNKNOWN, so ask first.
    int rc = signal_protocol_session_contains_session(impl_->store_context.get(), &a);
    if (rc < 0) return impl_->Error(rc, "encrypt");
    if (rc == 0) return internal::FromSignalError(SG_ERR_NO_SESSION, "encrypt");
    KOLLEGA_RETURN_IF_ERROR(impl_->CheckSessionIdentity(address, "encrypt"));

    session_cipher* raw_cipher = nullptr;
    rc = session_cipher_create(&raw_cipher, impl_->store_context.get(), &a, impl_->raw());
    if (rc != SG_SUCCESS) return impl_->Error(rc, "create session cipher");
    internal::SessionCipherPtr cipher(raw_cipher);
    ciphertext_message* raw_message = nullptr;
    rc = session_cipher_encrypt(cipher.get(), Bytes(plaintext), plaintext.size(), &raw_message);
    if (rc < 0) return impl_->Error(rc, "encrypt");
    Ref<ciphertext_message> message(raw_message);

    EncryptedMessage out;
    const int type = ciphertext_message_get_type(message.get());
    if (type == CIPHERTEXT_PREKEY_TYPE) {
      out.type = MessageType::kPreKey;
    } else if (type == CIPHERTEXT_SIGNAL_TYPE) {
      out.type = MessageType::kSignal;
    } else {
      return Internal("unexpected ciphertext type " + std::to_string(type));
    }
    out.bytes = internal::ToString(ciphertext_message_get_serialized(message.get()));  // borrowed
    return out;
  });
}

Result<std::string> SignalSessions::Decrypt(const SignalAddress& address, MessageType type,
                                            std::string_view bytes) {
  if (type != MessageType::kPreKey && type != MessageType::kSignal) {
    return internal::FromSignalError(SG_ERR_INVALID_MESSAGE, "unknown message type");
  }
  signal_context* ctx = impl_->raw();
  signal_protocol_address a = CAddress(address);
  return impl_->InTransaction([&]() -> Result<std::string> {
    session_cipher* raw_cipher = nullptr;
    int rc = session_cipher_create(&raw_cipher, impl_->store_context.get(), &a, ctx);
    if (rc != SG_SUCCESS) return impl_->Error(rc, "create session cipher");
    internal::SessionCipherPtr cipher(raw_cipher);

    signal_buffer* raw_plain = nullptr;
    if (type == MessageType::kPreKey) {
      // The library checks the identity a PreKey message carries itself.
      pre_key_signal_message* raw_message = nullptr;
      rc = pre_key_signal_message_deserialize(&raw_message, Bytes(bytes), bytes.size(), ctx);
      if (rc < 0) return impl_->Error(rc, "read prekey message");
      Ref<pre_key_signal_message> message(raw_message);
      rc = session_cipher_decrypt_pre_key_signal_message(cipher.get(), message.get(), nullptr,
                                                         &raw_plain);
    } else {
      KOLLEGA_RETURN_IF_ERROR(impl_->CheckSessionIdentity(address, "decrypt"));
      signal_message* raw_message = nullptr;
      rc = signal_message_deserialize(&raw_message, Bytes(bytes), bytes.size(), ctx);
      if (rc < 0) return impl_->Error(rc, "read message");
      Ref<signal_message> message(raw_message);
      rc = session_cipher_decrypt_signal_message(cipher.get(), message.get(), nullptr, &raw_plain);
    }
    BufferPtr plain(raw_plain);
    if (rc < 0) return impl_->Error(rc, "decrypt");
    return internal::ToString(plain.get());
  });
}

std::optional<std::string> SignalSessions::PendingIdentity(const SignalAddress& address) const {
  auto& pending = impl_->adapter.pending();
  auto it = pending.find(address);
  if (it == pending.end()) return std::nullopt;
  return it->second;
}

Status SignalSessions::AcceptIdentity(const SignalAddress& address, std::string_view identity_key) {
  // Only a well-formed key may be accepted; the decoded key itself is unused.
  KOLLEGA_RETURN_IF_ERROR(internal::DecodePublicKey(impl_->raw(), identity_key).status());
  Status s = impl_->InTransaction(
      [&]() -> Status { return impl_->store().SaveIdentity(address, identity_key); });
  if (s.ok()) {
    // The key is the account's (docs/trust.md §1): every device of it is
    // trusted again.
    auto& pending = impl_->adapter.pending();
    std::erase_if(pending, [&](const auto& entry) { return entry.first.name == address.name; });
  }
  return s;
}

Status SignalSessions::DeleteSession(const SignalAddress& address) {
  return impl_->InTransaction([&]() -> Status { return impl_->store().DeleteSession(address); });
}

}  // namespace kollega::crypto
