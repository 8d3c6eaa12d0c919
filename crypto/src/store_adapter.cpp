// SPDX-License-Identifier: GPL-3.0-or-later
#include "store_adapter.h"

#include <string_view>

#include "kollega/crypto/device_key.h"

namespace kollega::crypto::internal {
namespace {

StoreAdapter& Self(void* user_data) { return *static_cast<StoreAdapter*>(user_data); }

std::string_view View(const uint8_t* data, size_t len) {
  return std::string_view(reinterpret_cast<const char*>(data), data ? len : 0);
}

// Hands a loaded record to the library, which frees the buffer.
int Give(signal_buffer** out, const std::string& bytes) {
  *out = signal_buffer_create(Bytes(bytes), bytes.size());
  return *out ? SG_SUCCESS : SG_ERR_NOMEM;
}

// --- sessions: load returns 1 found / 0 not found / <0 error ---

int LoadSession(signal_buffer** record, signal_buffer** user_record,
                const signal_protocol_address* address, void* user_data) {
  if (user_record) *user_record = nullptr;  // we keep no per-session app data
  auto loaded = Self(user_data).store().LoadSession(ToAddress(address));
  if (!loaded.ok()) return Self(user_data).Fail(loaded.status());
  if (!loaded->has_value()) return 0;
  int rc = Give(record, **loaded);
  Wipe(**loaded);
  return rc == SG_SUCCESS ? 1 : rc;
}

int SessionDevices(signal_int_list** sessions, const char* name, size_t name_len, void* user_data) {
  auto devices = Self(user_data).store().SessionDevices(std::string_view(name, name_len));
  if (!devices.ok()) return Self(user_data).Fail(devices.status());
  signal_int_list* list = signal_int_list_alloc();
  if (!list) return SG_ERR_NOMEM;
  for (int32_t id : *devices) {
    if (signal_int_list_push_back(list, id) != SG_SUCCESS) {
      signal_int_list_free(list);
      return SG_ERR_NOMEM;
    }
  }
  *sessions = list;
  return static_cast<int>(devices->size());
}

int StoreSession(const signal_protocol_address* address, uint8_t* record, size_t record_len,
                 uint8_t* /*user_record*/, size_t /*user_record_len*/, void* user_data) {
  Status s = Self(user_data).store().StoreSession(ToAddress(address), View(record, record_len));
  return s.ok() ? SG_SUCCESS : Self(user_data).Fail(s);
}

int ContainsSession(const signal_protocol_address* address, void* user_data) {
  auto found = Self(user_data).store().ContainsSession(ToAddress(address));
  if (!found.ok()) return Self(user_data).Fail(found.status());
  return *found ? 1 : 0;
}

int DeleteSession(const signal_protocol_address* address, void* user_data) {
  SignalStore& store = Self(user_data).store();
  const SignalAddress a = ToAddress(address);
  auto found = store.ContainsSession(a);
  if (!found.ok()) return Self(user_data).Fail(found.status());
  Status s = store.DeleteSession(a);
  if (!s.ok()) return Self(user_data).Fail(s);
  return *found ? 1 : 0;
}

int DeleteAllSessions(const char* name, size_t name_len, void* user_data) {
  auto n = Self(user_data).store().DeleteAllSessions(std::string_view(name, name_len));
  return n.ok() ? *n : Self(user_data).Fail(n.status());
}

// --- prekeys and signed prekeys: load returns SG_SUCCESS or
// SG_ERR_INVALID_KEY_ID, unlike sessions ---

template <auto kLoad>
int LoadKey(signal_buffer** record, uint32_t id, void* user_data) {
  auto loaded = (Self(user_data).store().*kLoad)(id);
  if (!loaded.ok()) return Self(user_data).Fail(loaded.status());
  if (!loaded->has_value()) return SG_ERR_INVALID_KEY_ID;
  int rc = Give(record, **loaded);
  Wipe(**loaded);
  return rc;
}

template <auto kStore>
int StoreKey(uint32_t id, uint8_t* record, size_t record_len, void* user_data) {
  Status s = (Self(user_data).store().*kStore)(id, View(record, record_len));
  return s.ok() ? SG_SUCCESS : Self(user_data).Fail(s);
}

template <auto kContains>
int ContainsKey(uint32_t id, void* user_data) {
  auto found = (Self(user_data).store().*kContains)(id);
  if (!found.ok()) return Self(user_data).Fail(found.status());
  return *found ? 1 : 0;
}

template <auto kRemove>
int RemoveKey(uint32_t id, void* user_data) {
  Status s = (Self(user_data).store().*kRemove)(id);
  return s.ok() ? SG_SUCCESS : Self(user_data).Fail(s);
}

// --- identities ---

int GetIdentityKeyPair(signal_buffer** public_data, signal_buffer** private_data, void* user_data) {
  auto identity = Self(user_data).store().LoadLocalIdentity();
  if (!identity.ok()) return Self(user_data).Fail(identity.status());
  if (Give(public_data, identity->public_key) != SG_SUCCESS) return SG_ERR_NOMEM;
  if (Give(private_data, identity->private_key) != SG_SUCCESS) {
    signal_buffer_free(*public_data);
    *public_data = nullptr;
    return SG_ERR_NOMEM;
  }
  return SG_SUCCESS;
}

// The one callback that takes user_data first.
int GetLocalRegistrationId(void* user_data, uint32_t* registration_id) {
  auto id = Self(user_data).store().LocalRegistrationId();
  if (!id.ok()) return Self(user_data).Fail(id.status());
  *registration_id = *id;
  return SG_SUCCESS;
}

int SaveIdentity(const signal_protocol_address* address, uint8_t* key_data, size_t key_len,
                 void* user_data) {
  std::optional<std::string_view> key;
  if (key_data) key = View(key_data, key_len);  // null means "forget"
  Status s = Self(user_data).store().SaveIdentity(ToAddress(address), key);
  return s.ok() ? SG_SUCCESS : Self(user_data).Fail(s);
}

int IsTrustedIdentity(const signal_protocol_address* address, uint8_t* key_data, size_t key_len,
                      void* user_data) {
  auto trusted = Self(user_data).IsTrusted(ToAddress(address), View(key_data, key_len));
  if (!trusted.ok()) return Self(user_data).Fail(trusted.status());
  return *trusted ? 1 : 0;
}

// --- sender keys: load returns 1 found / 0 not found ---

SenderKeyName ToSenderKeyName(const signal_protocol_sender_key_name* n) {
  return SenderKeyName{std::string(n->group_id, n->group_id_len), ToAddress(&n->sender)};
}

int StoreSenderKey(const signal_protocol_sender_key_name* name, uint8_t* record, size_t record_len,
                   uint8_t* /*user_record*/, size_t /*user_record_len*/, void* user_data) {
  Status s =
      Self(user_data).store().StoreSenderKey(ToSenderKeyName(name), View(record, record_len));
  return s.ok() ? SG_SUCCESS : Self(user_data).Fail(s);
}

int LoadSenderKey(signal_buffer** record, signal_buffer** user_record,
                  const signal_protocol_sender_key_name* name, void* user_data) {
  if (user_record) *user_record = nullptr;
  auto loaded = Self(user_data).store().LoadSenderKey(ToSenderKeyName(name));
  if (!loaded.ok()) return Self(user_data).Fail(loaded.status());
  if (!loaded->has_value()) return 0;
  int rc = Give(record, **loaded);
  Wipe(**loaded);
  return rc == SG_SUCCESS ? 1 : rc;
}

}  // namespace

Status StoreAdapter::Install(signal_protocol_store_context* context) {
  // destroy_func stays null: the SignalStore belongs to the caller.
  signal_protocol_session_store sessions{};
  sessions.load_session_func = LoadSession;
  sessions.get_sub_device_sessions_func = SessionDevices;
  sessions.store_session_func = StoreSession;
  sessions.contains_session_func = ContainsSession;
  sessions.delete_session_func = DeleteSession;
  sessions.delete_all_sessions_func = DeleteAllSessions;
  sessions.user_data = this;

  signal_protocol_pre_key_store pre_keys{};
  pre_keys.load_pre_key = LoadKey<&SignalStore::LoadPreKey>;
  pre_keys.store_pre_key = StoreKey<&SignalStore::StorePreKey>;
  pre_keys.contains_pre_key = ContainsKey<&SignalStore::ContainsPreKey>;
  pre_keys.remove_pre_key = RemoveKey<&SignalStore::RemovePreKey>;
  pre_keys.user_data = this;

  signal_protocol_signed_pre_key_store signed_pre_keys{};
  signed_pre_keys.load_signed_pre_key = LoadKey<&SignalStore::LoadSignedPreKey>;
  signed_pre_keys.store_signed_pre_key = StoreKey<&SignalStore::StoreSignedPreKey>;
  signed_pre_keys.contains_signed_pre_key = ContainsKey<&SignalStore::ContainsSignedPreKey>;
  signed_pre_keys.remove_signed_pre_key = RemoveKey<&SignalStore::RemoveSignedPreKey>;
  signed_pre_keys.user_data = this;

  signal_protocol_identity_key_store identities{};
  identities.get_identity_key_pair = GetIdentityKeyPair;
  identities.get_local_registration_id = GetLocalRegistrationId;
  identities.save_identity = SaveIdentity;
  identities.is_trusted_identity = IsTrustedIdentity;
  identities.user_data = this;

  signal_protocol_sender_key_store sender_keys{};
  sender_keys.store_sender_key = StoreSenderKey;
  sender_keys.load_sender_key = LoadSenderKey;
  sender_keys.user_data = this;

  if (signal_protocol_store_context_set_session_store(context, &sessions) != SG_SUCCESS ||
      signal_protocol_store_context_set_pre_key_store(context, &pre_keys) != SG_SUCCESS ||
      signal_protocol_store_context_set_signed_pre_key_store(context, &signed_pre_keys) !=
          SG_SUCCESS ||
      signal_protocol_store_context_set_identity_key_store(context, &identities) != SG_SUCCESS ||
      signal_protocol_store_context_set_sender_key_store(context, &sender_keys) != SG_SUCCESS) {
    return Internal("cannot install Signal stores");
  }
  return Status::Ok();
}

Status StoreAdapter::TakeError() {
  Status s = std::move(last_error_);
  last_error_ = Status::Ok();
  return s;
}

int StoreAdapter::Fail(Status status) {
  if (last_error_.ok()) {
    last_error_ = std::move(status);
  } else {
    status.IgnoreError();  // the first cause is the one to report
  }
  return SG_ERR_UNKNOWN;
}

Result<bool> StoreAdapter::IsTrusted(const SignalAddress& address, std::string_view key) {
  KOLLEGA_ASSIGN_OR_RETURN(auto stored, store_.LoadIdentity(address));
  if (!stored.has_value() || *stored == key) return true;
  pending_[address] = std::string(key);
  return false;
}

}  // namespace kollega::crypto::internal
