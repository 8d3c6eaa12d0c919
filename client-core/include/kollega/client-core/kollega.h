/* kollega.h: the C API over the Client facade (client.h), for apps written
 * in other languages (Swift, Kotlin via JNI, Dart FFI, ...).
 *
 * Conventions:
 * - A kollega_client* is an opaque handle from kollega_open(), released with
 *   kollega_close(). Ids are lowercase hex C strings.
 * - Functions return KOLLEGA_OK (0) or a negative kollega_error code; the
 *   message of the calling thread's last error is kollega_last_error()
 *   (valid until that thread's next call; never contains content or keys).
 * - Strings returned through `char**` are allocated here and must be freed
 *   with kollega_free_string().
 *
 * Thread-safety: as the C++ Client: any function may be called from any
 * thread. The event callback runs on the client's worker thread; it may call
 * back into the API. Strings in a kollega_event are valid only during the
 * callback (or until the next kollega_poll_event on that handle).
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

typedef enum kollega_event_kind {
  KOLLEGA_EVENT_MESSAGE_RECEIVED = 0,
  KOLLEGA_EVENT_STATUS_CHANGED = 1,
  KOLLEGA_EVENT_IDENTITY_CHANGED = 2,
  KOLLEGA_EVENT_CONNECTION_CHANGED = 3,
  KOLLEGA_EVENT_DECRYPTION_FAILED = 4,
  KOLLEGA_EVENT_SEND_FAILED = 5
} kollega_event_kind;

/* Values of kollega_event.status. */
enum {
  KOLLEGA_QUEUED = 0,
  KOLLEGA_SENT = 1,
  KOLLEGA_DELIVERED = 2,
  KOLLEGA_READ = 3,
  KOLLEGA_RECEIVED = 4
};
/* Values of kollega_event.connection. */
enum { KOLLEGA_OFFLINE = 0, KOLLEGA_CONNECTING = 1, KOLLEGA_ONLINE = 2 };

typedef struct kollega_event {
  int kind;         /* kollega_event_kind */
  const char* peer; /* hex account id, or "" */
  uint32_t device;
  const char* message_id; /* hex, or "" */
  int status;             /* KOLLEGA_QUEUED ... KOLLEGA_RECEIVED */
  int connection;         /* KOLLEGA_OFFLINE ... KOLLEGA_ONLINE */
  const char* text;       /* message text for MESSAGE_RECEIVED, else "" */
  int outgoing;           /* 1 for a sync copy of one's own message */
} kollega_event;

typedef void (*kollega_event_fn)(const kollega_event* event, void* user_data);

const char* kollega_last_error(void);
void kollega_free_string(char* s);

/* Opens (creating if needed) the data directory. */
int kollega_open(const char* data_dir, kollega_client** out);
/* The same, for wss:// relays whose certificate chains to the authorities in
 * the PEM file `tls_ca_file` rather than to the system's trust store (NULL or
 * "" = the system's). */
int kollega_open_with_ca_file(const char* data_dir, const char* tls_ca_file, kollega_client** out);
void kollega_close(kollega_client* client);

int kollega_create_account(kollega_client* client, const char* relay_url);
/* On an existing device: *code_out is the one-time linking code. */
int kollega_start_linking(kollega_client* client, char** code_out);
/* On a new device (empty data dir). */
int kollega_link_device(kollega_client* client, const char* relay_url, const char* code);
/* Any out pointer may be NULL. */
int kollega_whoami(kollega_client* client, char** account_id_out, uint32_t* device_id_out,
                   char** relay_url_out);

/* One-shot: connect, receive what is queued, send the outbound queue. */
int kollega_connect(kollega_client* client);
/* Stay connected, reconnecting with backoff. */
int kollega_listen(kollega_client* client);
void kollega_disconnect(kollega_client* client);

/* *message_id_out (may be NULL) gets the new message's id. */
int kollega_send_text(kollega_client* client, const char* peer, const char* text,
                      char** message_id_out);
int kollega_mark_read(kollega_client* client, const char* peer);
int kollega_safety_number(kollega_client* client, const char* peer, char** digits_out);
int kollega_accept_identity_change(kollega_client* client, const char* peer);

/* Events go to `fn` (on the worker thread) when set; with NULL they queue
 * and kollega_poll_event() takes them one at a time, waiting up to
 * timeout_ms; KOLLEGA_ERR_TIMEOUT when none came. */
void kollega_set_event_callback(kollega_client* client, kollega_event_fn fn, void* user_data);
int kollega_poll_event(kollega_client* client, int timeout_ms, kollega_event* out);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KOLLEGA_CLIENT_CORE_KOLLEGA_H_ */
