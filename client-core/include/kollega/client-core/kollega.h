/* kollega.h: the C API over the Client facade (client.h), for apps written
 * in other languages (Swift, Kotlin via JNI, Dart FFI, ...) and in C.
 *
 * Conventions:
 * - A kollega_client* is an opaque handle from kollega_open(), released with
 *   kollega_close(). Ids are lowercase hex C strings.
 * - Asynchronous: every call that touches the network or the disk returns at
 *   once and reports its outcome to a `kollega_done_fn done` (or a typed
 *   callback for structured results) with the caller's `user_data`:
 *     - it returns a negative kollega_error only when the call could not
 *       start: a NULL handle or a missing argument. kollega_last_error()
 *       then tells why, and `done` is never called;
 *     - else it returns KOLLEGA_OK and `done` is called exactly once, with
 *       KOLLEGA_OK or a negative code: every other error (a malformed id, no
 *       account yet, offline) arrives there. On success `result`
 *       is the call's string result (a message id, a linking code, safety-
 *       number digits) or NULL for calls without one; on failure it is the
 *       error message. `result` is valid only during the callback: copy it.
 *     - `done` may be NULL when the caller does not care.
 * - The `_sync` functions wait for the same work on the calling thread and
 *   return its code; they are for command-line tools, tests and simple C
 *   programs. They must not be called from any callback of this API (the
 *   worker thread would wait for itself): there they fail at once with
 *   KOLLEGA_ERR_FAILED_PRECONDITION.
 * - Strings returned through `char**` are allocated here and must be freed
 *   with kollega_free_string().
 * - kollega_last_error() is the message of the calling thread's last error
 *   (valid until that thread's next call into this API; never contains
 *   content, keys or addresses). Inside a failed `done` it is the same as
 *   `result`.
 *
 * Versioned structs: every struct the library fills (kollega_event,
 * kollega_message, kollega_conversation, kollega_account,
 * kollega_identity_change, kollega_device) starts with `uint32_t size`. Fields are only ever
 * appended, never removed, reordered or retyped, so a struct from an older
 * kollega.h is a prefix of the current one. `size` says how many bytes the
 * library filled: the end of its last field (not sizeof, whose trailing
 * padding could be mistaken for a newer field). Before reading a field that
 * a newer kollega.h added, test KOLLEGA_HAS_FIELD(ptr, type, field): an older
 * library does not fill it. kollega_poll_event() is the one call where the
 * app passes a struct in: it sets `size = sizeof(kollega_event)` first and
 * the library writes only whole fields that fit within that size.
 *
 * Threading: any function may be called from any thread. Callbacks (`done`,
 * the typed result callbacks and the event callback) run on the client's
 * worker thread -- or, when a result is already known, on the calling thread
 * before the function returns. Keep them short; they may start more
 * asynchronous calls. kollega_close() must not be called from a callback.
 *
 * Ownership: the handle owns the client (its worker thread, its store and its
 * relay link). Pointers inside a struct passed to a callback are valid only
 * during that callback; those in a polled event until the next
 * kollega_poll_event() or kollega_close() on that handle.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef KOLLEGA_CLIENT_CORE_KOLLEGA_H_
#define KOLLEGA_CLIENT_CORE_KOLLEGA_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kollega_client kollega_client;

typedef enum kollega_error {
  KOLLEGA_OK = 0,
  KOLLEGA_ERR_INVALID_ARGUMENT = -1,
  KOLLEGA_ERR_NOT_FOUND = -2,
  KOLLEGA_ERR_ALREADY_EXISTS = -3,
  KOLLEGA_ERR_PERMISSION_DENIED = -4,
  KOLLEGA_ERR_UNAUTHENTICATED = -5,
  KOLLEGA_ERR_RESOURCE_EXHAUSTED = -6,
  KOLLEGA_ERR_FAILED_PRECONDITION = -7,
  KOLLEGA_ERR_UNAVAILABLE = -8,
  KOLLEGA_ERR_DATA_LOSS = -9,
  KOLLEGA_ERR_INTERNAL = -10,
  KOLLEGA_ERR_TIMEOUT = -11,     /* kollega_poll_event: nothing arrived in time */
  KOLLEGA_ERR_STORAGE_FULL = -12 /* this device's disk is full; nothing was written */
} kollega_error;

/* One kind per C++ event type (events.h). Kinds the C API does not know
 * (a component's own) are not delivered. New kinds get new numbers. */
/* The fields of kollega_event each kind fills:
 *   MESSAGE_RECEIVED    peer, device, message_id, text, status, outgoing, sent_ms
 *   STATUS_CHANGED      peer, message_id, status
 *   IDENTITY_CHANGED    peer, device
 *   CONNECTION_CHANGED  connection
 *   DECRYPTION_FAILED   peer, device, detail
 *   SEND_FAILED         peer, message_id, detail (given up for good)
 *   QUEUE_DRAINED       none: what the relay held for this device is processed
 * Device lists and repair (docs/trust.md):
 *   DEVICE_LIST_REJECTED    peer (this account's own id for its own list),
 *                           detail (why: a ghost, a rollback, a bad signature)
 *   DEVICE_LIST_CHANGED     peer; device and detail "added" or "removed"
 *                           for one device, device 0 and "changed" for more;
 *                           outgoing = 1 when it is this account's own list
 *   UNLISTED_SENDER         peer, device (a sync copy from outside the list)
 *   SILENT_DEVICE_UNLINKED  device, sent_ms (when the relay last saw it, 0 if
 *                           never)
 *   REPAIR_FAILED           peer, device, detail
 * Creating an account (docs/abuse.md "Sign-up"):
 *   SIGNUP_PROGRESS     progress (proof-of-work candidates tried so far),
 *                       progress_total (2^bits, what a search takes on
 *                       average: it can take longer); about 4 a second */
typedef enum kollega_event_kind {
  KOLLEGA_EVENT_MESSAGE_RECEIVED = 0,
  KOLLEGA_EVENT_STATUS_CHANGED = 1,
  KOLLEGA_EVENT_IDENTITY_CHANGED = 2,
  KOLLEGA_EVENT_CONNECTION_CHANGED = 3,
  KOLLEGA_EVENT_DECRYPTION_FAILED = 4,
  KOLLEGA_EVENT_SEND_FAILED = 5,
  KOLLEGA_EVENT_QUEUE_DRAINED = 6,
  KOLLEGA_EVENT_DEVICE_LIST_REJECTED = 7,
  KOLLEGA_EVENT_DEVICE_LIST_CHANGED = 8,
  KOLLEGA_EVENT_UNLISTED_SENDER = 9,
  KOLLEGA_EVENT_SILENT_DEVICE_UNLINKED = 10,
  KOLLEGA_EVENT_REPAIR_FAILED = 11,
  KOLLEGA_EVENT_SIGNUP_PROGRESS = 12,
  KOLLEGA_EVENT_CASE_CHANGED = 13, /* kollega_cases.h */
  KOLLEGA_EVENT_CASE_LIMIT = 14
} kollega_event_kind;

/* Message statuses: the numbers of client::MessageStatus (types.h), stored
 * on disk and never renumbered. */
enum {
  KOLLEGA_QUEUED = 0,
  KOLLEGA_SENT = 1,
  KOLLEGA_DELIVERED = 2,
  KOLLEGA_READ = 3,
  KOLLEGA_RECEIVED = 4
};
/* Connection states: the numbers of client::ConnectionState. */
enum { KOLLEGA_OFFLINE = 0, KOLLEGA_CONNECTING = 1, KOLLEGA_ONLINE = 2 };

/* Non-zero when the library filled `field` of the struct `*ptr` of type
 * `type` (see "Versioned structs" above). */
#define KOLLEGA_HAS_FIELD(ptr, type, field) \
  ((ptr)->size >= offsetof(type, field) + sizeof(((type*)0)->field))

/* Fields a kind does not use are "" or 0. */
typedef struct kollega_event {
  uint32_t size;
  int kind;                /* kollega_event_kind */
  const char* peer;        /* hex account id */
  uint32_t device;         /* the peer's device */
  const char* message_id;  /* hex */
  int status;              /* KOLLEGA_QUEUED ... KOLLEGA_RECEIVED */
  int connection;          /* KOLLEGA_OFFLINE ... KOLLEGA_ONLINE */
  const char* text;        /* the message text */
  int outgoing;            /* 1 for a sync copy of one's own message */
  const char* detail;      /* why (human-readable; never content or keys) */
  int64_t sent_ms;         /* the sender's clock, ms since the Unix epoch */
  uint64_t progress;       /* work done so far (SIGNUP_PROGRESS) */
  uint64_t progress_total; /* the work expected in all */
} kollega_event;

typedef struct kollega_message {
  uint32_t size;
  const char* id;   /* hex */
  const char* peer; /* hex; for one's own sync copies, the recipient */
  const char* text;
  int outgoing;         /* 1 when this account sent it */
  int status;           /* KOLLEGA_QUEUED ... KOLLEGA_RECEIVED */
  uint32_t peer_device; /* the sending device of an incoming message */
  int64_t sent_ms;      /* the sender's clock */
  int64_t stored_ms;    /* this device's clock */
} kollega_message;

typedef struct kollega_conversation {
  uint32_t size;
  const char* peer; /* hex */
  uint64_t message_count;
  int64_t last_ms;
} kollega_conversation;

typedef struct kollega_account {
  uint32_t size;
  const char* account_id; /* hex */
  uint32_t device_id;
  const char* relay_url;
} kollega_account;

typedef struct kollega_identity_change {
  uint32_t size;
  const char* peer; /* hex */
  uint32_t device;
} kollega_identity_change;

/* One device of this account's signed device list (docs/trust.md §2). */
typedef struct kollega_device {
  uint32_t size;
  uint32_t device_id;
  const char* name; /* unsealed; "device N" when it has none */
  int64_t linked_at_ms;
  int64_t last_seen_ms; /* 0 when the relay never saw it log in */
  int this_device;      /* 1 for the device this client runs on */
} kollega_device;

typedef void (*kollega_done_fn)(int rc, const char* result, void* user_data);
typedef void (*kollega_event_fn)(const kollega_event* event, void* user_data);
/* Result callbacks for lists: `items[0..count)` (each with its own `size`)
 * and the structs and strings they point to are valid only during the
 * callback (`items` may be NULL when count is 0). On failure count is 0 and
 * `error` the message; else error is NULL. */
typedef void (*kollega_messages_fn)(int rc, const kollega_message* const* items, size_t count,
                                    const char* error, void* user_data);
typedef void (*kollega_conversations_fn)(int rc, const kollega_conversation* const* items,
                                         size_t count, const char* error, void* user_data);
typedef void (*kollega_identity_changes_fn)(int rc, const kollega_identity_change* const* items,
                                            size_t count, const char* error, void* user_data);
typedef void (*kollega_devices_fn)(int rc, const kollega_device* const* items, size_t count,
                                   const char* error, void* user_data);
/* `account` is NULL on failure, and `error` NULL on success. */
typedef void (*kollega_account_fn)(int rc, const kollega_account* account, const char* error,
                                   void* user_data);

const char* kollega_last_error(void);
void kollega_free_string(char* s);

/* --- Handle ------------------------------------------------------------- */
/* What kollega_open_with_options() reads; the app sets `size =
 * sizeof(kollega_open_options)` and the library reads only the fields that
 * fit within it (fields are only ever appended). The store is encrypted at
 * rest (docs/storage-encryption.md) under a key unwrapped by exactly one of
 * `passphrase` or the 32 bytes at `store_key`; the library wipes its copies
 * once the store is open, the app's own are the app's to wipe. */
typedef struct kollega_open_options {
  uint32_t size;
  const char* tls_ca_file;        /* PEM file of CAs for wss://; NULL or "" = the system's */
  const char* passphrase;         /* NUL-terminated, or NULL */
  const unsigned char* store_key; /* a key the app keeps (platform keystore), or NULL */
  size_t store_key_len;           /* must be 32 when store_key is set */
} kollega_open_options;
/* Opens (creating if needed) the data directory; synchronous, like opening a
 * file. The directory is locked while open. A new directory needs a
 * passphrase or a key: without one it is refused (FAILED_PRECONDITION), as
 * is a wrong one (UNAUTHENTICATED, "wrong passphrase"). */
int kollega_open_with_options(const char* data_dir, const kollega_open_options* options,
                              kollega_client** out);
/* kollega_open_with_options() without a key source: opens only what needs
 * none, so today nothing; kept for source compatibility. */
int kollega_open(const char* data_dir, kollega_client** out);
/* The same, with only `tls_ca_file` of kollega_open_options. */
int kollega_open_with_ca_file(const char* data_dir, const char* tls_ca_file, kollega_client** out);
/* Stops the worker and closes the store and the link; NULL is ignored. Calls
 * not finished by then complete with KOLLEGA_ERR_UNAVAILABLE. Queued outbound
 * messages stay queued on disk. Never from a callback: there it does nothing
 * and sets kollega_last_error(). */
void kollega_close(kollega_client* client);

/* --- Setting up this device --------------------------------------------- */
/* A new anonymous account on `relay_url` (ws:// or wss://host:port). Leaves
 * the client online but not listening. */
int kollega_create_account(kollega_client* client, const char* relay_url, kollega_done_fn done,
                           void* user_data);
/* On an existing, online device: `result` is the one-time linking code to
 * show the new device (it opens the account: show it to no one else). */
int kollega_start_linking(kollega_client* client, kollega_done_fn done, void* user_data);
/* On a new device (empty data dir): joins the account of `code`. */
int kollega_link_device(kollega_client* client, const char* relay_url, const char* code,
                        kollega_done_fn done, void* user_data);
/* This device's account; KOLLEGA_ERR_FAILED_PRECONDITION before one exists. */
int kollega_whoami(kollega_client* client, kollega_account_fn fn, void* user_data);

/* --- Connection ----------------------------------------------------------- */
/* One attempt: connects, authenticates, tops up prekeys and sends the
 * outbound queue, then calls done. What the relay held for this device
 * arrives afterwards as events, ending with KOLLEGA_EVENT_QUEUE_DRAINED. */
int kollega_connect(kollega_client* client, kollega_done_fn done, void* user_data);
/* Like kollega_connect, then stays connected, reconnecting with backoff;
 * done gets the first attempt's outcome. */
int kollega_listen(kollega_client* client, kollega_done_fn done, void* user_data);
int kollega_disconnect(kollega_client* client, kollega_done_fn done, void* user_data);

/* --- Conversations -------------------------------------------------------- */
/* Stores and queues the message, then sends it if online; `result` is its
 * id once it is stored. Its fate follows as STATUS_CHANGED (sent, delivered,
 * read) or SEND_FAILED events. */
int kollega_send_text(kollega_client* client, const char* peer, const char* text,
                      kollega_done_fn done, void* user_data);
/* At most `limit` of the newest messages with `peer`, oldest first. */
int kollega_history(kollega_client* client, const char* peer, size_t limit, kollega_messages_fn fn,
                    void* user_data);
/* Most recent first. */
int kollega_conversations(kollega_client* client, kollega_conversations_fn fn, void* user_data);
/* Marks the peer's messages read and sends read receipts. */
int kollega_mark_read(kollega_client* client, const char* peer, kollega_done_fn done,
                      void* user_data);
/* Retries the outbound queue now (KOLLEGA_ERR_UNAVAILABLE when offline). */
int kollega_flush_outbound(kollega_client* client, kollega_done_fn done, void* user_data);

/* --- Identity ------------------------------------------------------------- */
/* `result` is the 60 digits both sides compare out of band. */
int kollega_safety_number(kollega_client* client, const char* peer, kollega_done_fn done,
                          void* user_data);
/* Peers whose identity key changed and waits for the user's decision. */
int kollega_identity_changes(kollega_client* client, kollega_identity_changes_fn fn,
                             void* user_data);
/* Trusts the peer's new identity key (after comparing safety numbers). */
int kollega_accept_identity_change(kollega_client* client, const char* peer, kollega_done_fn done,
                                   void* user_data);

/* --- This account's devices (docs/trust.md §2-3) ------------------------- */
/* The devices of this account's signed list, with last-seen times. */
int kollega_devices(kollega_client* client, kollega_devices_fn fn, void* user_data);
/* Removes device `device_id` from this account (a signed list without it);
 * the relay deletes its mailbox, prekeys and key and disconnects it. This
 * device may remove itself; it then cannot connect again. */
int kollega_unlink_device(kollega_client* client, uint32_t device_id, kollega_done_fn done,
                          void* user_data);

/* --- Events --------------------------------------------------------------- */
/* Events go to `fn` (on the worker thread) when set; with NULL they queue
 * and kollega_poll_event() takes them one at a time, waiting up to
 * timeout_ms; KOLLEGA_ERR_TIMEOUT when none came. Before polling set
 * out->size = sizeof(kollega_event); on return out->size is what was filled. */
void kollega_set_event_callback(kollega_client* client, kollega_event_fn fn, void* user_data);
int kollega_poll_event(kollega_client* client, int timeout_ms, kollega_event* out);

/* --- Blocking helpers ----------------------------------------------------- */
/* Each waits for its asynchronous counterpart above and returns its code.
 * Never from a callback (KOLLEGA_ERR_FAILED_PRECONDITION). Out pointers may
 * be NULL; strings returned through them are freed with kollega_free_string. */
int kollega_create_account_sync(kollega_client* client, const char* relay_url);
int kollega_start_linking_sync(kollega_client* client, char** code_out);
int kollega_link_device_sync(kollega_client* client, const char* relay_url, const char* code);
int kollega_whoami_sync(kollega_client* client, char** account_id_out, uint32_t* device_id_out,
                        char** relay_url_out);
int kollega_connect_sync(kollega_client* client);
int kollega_listen_sync(kollega_client* client);
int kollega_disconnect_sync(kollega_client* client);
int kollega_send_text_sync(kollega_client* client, const char* peer, const char* text,
                           char** message_id_out);
int kollega_mark_read_sync(kollega_client* client, const char* peer);
int kollega_safety_number_sync(kollega_client* client, const char* peer, char** digits_out);
int kollega_accept_identity_change_sync(kollega_client* client, const char* peer);
int kollega_unlink_device_sync(kollega_client* client, uint32_t device_id);

#ifdef __cplusplus
} /* extern "C" */
#endif

#include "kollega/client-core/kollega_cases.h"

#endif /* KOLLEGA_CLIENT_CORE_KOLLEGA_H_ */
