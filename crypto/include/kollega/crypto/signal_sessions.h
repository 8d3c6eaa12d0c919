// SignalSessions: pairwise Signal sessions (X3DH + Double Ratchet, protocol
// version 3) between this device and remote devices, over a SignalStore.
//
// The bytes Encrypt() returns are the library's standard PreKeySignalMessage
// (type 3) or SignalMessage (type 2), untouched, so any v3 implementation can
// read them; the caller carries the type in its envelope.
//
// Each public call is one store transaction (see signal_store.h): on error
// nothing it wrote is kept. This matters beyond tidiness: while reading a
// PreKey message the library saves the sender's identity key before the
// MAC is checked, so without the rollback a forged first message would pin
// its own key for that address and the genuine one would then be refused.
// (Later upstream code also forgets the key on such failures; the rollback
// covers that too.)
//
// Identity trust: the first key seen for an address is trusted; a different
// key later is not, and every call touching that address fails with
// SessionError::kUntrustedIdentity until the user accepts the new key with
// AcceptIdentity() (after comparing safety numbers, if they wish).
//
// Ownership: borrows the context and the store; both must outlive this.
// Thread-safety: one thread, the one that owns the SignalContext.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kollega/base/status.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "kollega/crypto/signal_store.h"

namespace kollega::crypto {

enum class MessageType : int {
  kSignal = 2,  // SignalMessage: a session exists on both sides
  kPreKey = 3,  // PreKeySignalMessage: carries the X3DH setup until answered
};

struct EncryptedMessage {
  MessageType type = MessageType::kSignal;
  std::string bytes;
};

// What went wrong, for callers that react differently to each case. The
// Status codes are: kAlreadyExists (duplicate), kInvalidArgument (invalid
// message or key), kNotFound (no session, unknown key id),
// kFailedPrecondition (untrusted identity), others for store/internal errors.
enum class SessionError {
  kNone,
  kDuplicateMessage,   // already decrypted; drop it, the session is fine
  kInvalidMessage,     // malformed, tampered, or for a session we lack
  kInvalidKey,         // a bundle key or signature that does not verify
  kNoSession,          // no session with that address: fetch a bundle first
  kUntrustedIdentity,  // the peer's identity key changed: show the user
  kInvalidKeyId,       // the prekey it names is gone or never existed
  kOther,              // store failure or library bug; see the Status
};
SessionError ClassifySessionError(const Status& status);

class SignalSessions {
 public:
  SignalSessions(SignalContext& context, SignalStore& store);
  ~SignalSessions();
  SignalSessions(const SignalSessions&) = delete;
  SignalSessions& operator=(const SignalSessions&) = delete;

  // X3DH from a fetched bundle: verifies the signed prekey's signature, then
  // stores a new session for `address` (archiving any older one). The next
  // Encrypt() to `address` yields a PreKey message.
  Status ProcessBundle(const SignalAddress& address, const PreKeyBundle& bundle);

  Result<bool> HasSession(const SignalAddress& address);

  // Fails with kNoSession if there is none (the library itself would give an
  // unhelpful "unknown error").
  Result<EncryptedMessage> Encrypt(const SignalAddress& address, std::string_view plaintext);

  // `bytes` is exactly what the sender's Encrypt() produced.
  Result<std::string> Decrypt(const SignalAddress& address, MessageType type,
                              std::string_view bytes);

  // The new identity key seen for `address` that was refused as untrusted,
  // if any since the last AcceptIdentity(). Kept in memory only: after a
  // restart the next message or bundle from the peer raises it again.
  std::optional<std::string> PendingIdentity(const SignalAddress& address) const;

  // The user's explicit decision to trust `identity_key` (33 bytes) for
  // `address` from now on; a store that pins per account (the client's)
  // trusts it for every device of `address.name`, and so does the
  // in-memory refusal list. Retry the refused decrypt, or process a fresh
  // bundle, afterwards.
  Status AcceptIdentity(const SignalAddress& address, std::string_view identity_key);

  Status DeleteSession(const SignalAddress& address);

  // Seam for sender-key groups (group_session_builder / group_cipher): they
  // will live in a GroupSessions class over the same context and store,
  // using SignalStore's sender-key methods and these pairwise sessions to
  // deliver distribution messages. Not built yet.

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kollega::crypto
