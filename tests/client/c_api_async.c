/* Compiled as C: the asynchronous C API from C against a real relay. Two
 * clients create accounts at the same time, one sends, the other receives
 * through its event callback; history and conversation listings return the
 * message, completion callbacks carry the results, and a message to an
 * account that does not exist ends in SEND_FAILED.
 * Returns 0 on success, or the number of the step that failed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kollega/client-core/kollega.h"

/* Everything the callbacks record, guarded by one lock; the test thread
 * waits on `changed`. */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

/* One asynchronous call's outcome. */
typedef struct call {
  int done; /* completion callbacks seen: must end at exactly 1 */
  int rc;
  char result[160];
  size_t count;           /* list calls: items delivered */
  char peer[40];          /* list calls: the first item's peer */
  char text[64];          /* history: the first item's text */
  char id[40];            /* history: the first item's id */
  int outgoing;           /* history: the first item's direction */
  int status;             /* history: the first item's status */
  uint64_t message_count; /* conversations: the first item's count */
  kollega_client* probe;  /* if set, the callback tries a _sync call on it */
  int probe_rc;           /* ... and records its code here */
} call;

/* What one client's event callback saw. */
typedef struct events {
  int drained;
  int unknown;   /* kinds this file does not know: must stay 0 */
  int too_small; /* events whose size misses a field of this kollega.h */
  char received_text[64];
  char received_peer[40];
  char received_id[40];
  char sent_id[40];   /* the last message whose status reached SENT */
  char failed_id[40]; /* the last SEND_FAILED message */
  char failed_detail[160];
} events;

static void Copy(char* dst, size_t size, const char* src) {
  size_t n = src ? strlen(src) : 0;
  if (n >= size) n = size - 1;
  memcpy(dst, src ? src : "", n);
  dst[n] = '\0';
}

static void OnDone(int rc, const char* result, void* user_data) {
  call* c = (call*)user_data;
  int probe_rc = 0;
  /* Blocking here would make the worker wait for itself: refused. */
  if (c->probe) probe_rc = kollega_connect_sync(c->probe);
  pthread_mutex_lock(&mu);
  c->rc = rc;
  c->probe_rc = probe_rc;
  Copy(c->result, sizeof c->result, result);
  ++c->done;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
}

static void OnAccount(int rc, const kollega_account* account, const char* error, void* user_data) {
  call* c = (call*)user_data;
  pthread_mutex_lock(&mu);
  c->rc = rc;
  if (account && KOLLEGA_HAS_FIELD(account, kollega_account, relay_url)) {
    Copy(c->result, sizeof c->result, account->account_id);
    c->count = account->device_id;
  } else {
    Copy(c->result, sizeof c->result, error);
  }
  ++c->done;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
}

static void OnMessages(int rc, const kollega_message* const* items, size_t count, const char* error,
                       void* user_data) {
  call* c = (call*)user_data;
  pthread_mutex_lock(&mu);
  c->rc = rc;
  c->count = count;
  Copy(c->result, sizeof c->result, error);
  if (count > 0 && KOLLEGA_HAS_FIELD(items[0], kollega_message, stored_ms)) {
    Copy(c->peer, sizeof c->peer, items[0]->peer);
    Copy(c->text, sizeof c->text, items[0]->text);
    Copy(c->id, sizeof c->id, items[0]->id);
    c->outgoing = items[0]->outgoing;
    c->status = items[0]->status;
  }
  ++c->done;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
}

static void OnConversations(int rc, const kollega_conversation* const* items, size_t count,
                            const char* error, void* user_data) {
  call* c = (call*)user_data;
  pthread_mutex_lock(&mu);
  c->rc = rc;
  c->count = count;
  Copy(c->result, sizeof c->result, error);
  if (count > 0 && KOLLEGA_HAS_FIELD(items[0], kollega_conversation, last_ms)) {
    Copy(c->peer, sizeof c->peer, items[0]->peer);
    c->message_count = items[0]->message_count;
  }
  ++c->done;
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
}

static void OnEvent(const kollega_event* ev, void* user_data) {
  events* e = (events*)user_data;
  pthread_mutex_lock(&mu);
  if (!KOLLEGA_HAS_FIELD(ev, kollega_event, sent_ms)) ++e->too_small;
  switch (ev->kind) {
    case KOLLEGA_EVENT_QUEUE_DRAINED:
      ++e->drained;
      break;
    case KOLLEGA_EVENT_MESSAGE_RECEIVED:
      Copy(e->received_text, sizeof e->received_text, ev->text);
      Copy(e->received_peer, sizeof e->received_peer, ev->peer);
      Copy(e->received_id, sizeof e->received_id, ev->message_id);
      break;
    case KOLLEGA_EVENT_STATUS_CHANGED:
      if (ev->status >= KOLLEGA_SENT) Copy(e->sent_id, sizeof e->sent_id, ev->message_id);
      break;
    case KOLLEGA_EVENT_SEND_FAILED:
      Copy(e->failed_id, sizeof e->failed_id, ev->message_id);
      Copy(e->failed_detail, sizeof e->failed_detail, ev->detail);
      break;
    case KOLLEGA_EVENT_IDENTITY_CHANGED:
    case KOLLEGA_EVENT_CONNECTION_CHANGED:
    case KOLLEGA_EVENT_DECRYPTION_FAILED:
    case KOLLEGA_EVENT_DEVICE_LIST_REJECTED:
    case KOLLEGA_EVENT_DEVICE_LIST_CHANGED:
    case KOLLEGA_EVENT_UNLISTED_SENDER:
    case KOLLEGA_EVENT_SILENT_DEVICE_UNLINKED:
    case KOLLEGA_EVENT_REPAIR_FAILED:
      break;
    default:
      ++e->unknown;
  }
  pthread_cond_broadcast(&changed);
  pthread_mutex_unlock(&mu);
}

/* Waits up to 15 s for `*counter` >= 1 (an int the callbacks set). */
static int WaitCount(const int* counter) {
  struct timespec deadline;
  int ok;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 15;
  pthread_mutex_lock(&mu);
  while (*counter < 1) {
    if (pthread_cond_timedwait(&changed, &mu, &deadline) != 0) break;
  }
  ok = *counter >= 1;
  pthread_mutex_unlock(&mu);
  return ok;
}

/* Waits up to 15 s for the string `s` to equal `want`. */
static int WaitString(const char* s, const char* want) {
  struct timespec deadline;
  int ok;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 15;
  pthread_mutex_lock(&mu);
  while (strcmp(s, want) != 0) {
    if (pthread_cond_timedwait(&changed, &mu, &deadline) != 0) break;
  }
  ok = strcmp(s, want) == 0;
  pthread_mutex_unlock(&mu);
  return ok;
}

/* Done exactly once, with KOLLEGA_OK. */
static int Succeeded(call* c) { return WaitCount(&c->done) && c->done == 1 && c->rc == KOLLEGA_OK; }

/* Opens `dir` with a fixed test key (the store is encrypted at rest). */
static int OpenWithTestKey(const char* dir, kollega_client** out) {
  static const unsigned char kKey[32] = {9};
  kollega_open_options options;
  memset(&options, 0, sizeof options);
  options.size = sizeof options;
  options.store_key = kKey;
  options.store_key_len = sizeof kKey;
  return kollega_open_with_options(dir, &options, out);
}

int kollega_c_api_async(const char* relay_url, const char* dir_a, const char* dir_b) {
  static const char kNobody[] = "00000000000000000000000000000000";
  static events ea, eb;
  static call bad, late, ca, cb, wa, wb, lb, send, ha, hb, conv, lost;
  kollega_client* a = NULL;
  kollega_client* b = NULL;
  char a_id[40], b_id[40], sent_id[40];
  int step = 0;

  memset(&ea, 0, sizeof ea);
  memset(&eb, 0, sizeof eb);
  if (OpenWithTestKey(dir_a, &a) != KOLLEGA_OK || OpenWithTestKey(dir_b, &b) != KOLLEGA_OK) {
    step = 1;
    goto done;
  }
  /* A missing argument fails at once; `done` is never called. */
  if (kollega_send_text(a, NULL, "x", OnDone, &bad) != KOLLEGA_ERR_INVALID_ARGUMENT ||
      strlen(kollega_last_error()) == 0 || bad.done != 0) {
    step = 2;
    goto done;
  }
  /* Any other error, however early the client finds it, reaches `done`. */
  if (kollega_send_text(a, "not hex", "x", OnDone, &late) != KOLLEGA_OK || !WaitCount(&late.done) ||
      late.done != 1 || late.rc == KOLLEGA_OK || strlen(late.result) == 0) {
    step = 2;
    goto done;
  }
  kollega_set_event_callback(a, OnEvent, &ea);
  kollega_set_event_callback(b, OnEvent, &eb);
  /* Both accounts at once: neither call waits for the other. */
  if (kollega_create_account(a, relay_url, OnDone, &ca) != KOLLEGA_OK ||
      kollega_create_account(b, relay_url, OnDone, &cb) != KOLLEGA_OK || !Succeeded(&ca) ||
      !Succeeded(&cb)) {
    step = 3;
    goto done;
  }
  if (kollega_whoami(a, OnAccount, &wa) != KOLLEGA_OK ||
      kollega_whoami(b, OnAccount, &wb) != KOLLEGA_OK || !Succeeded(&wa) || !Succeeded(&wb) ||
      strlen(wa.result) != 32 || wa.count != 1) {
    step = 4;
    goto done;
  }
  Copy(a_id, sizeof a_id, wa.result);
  Copy(b_id, sizeof b_id, wb.result);
  if (kollega_listen(b, OnDone, &lb) != KOLLEGA_OK || !Succeeded(&lb) || !WaitCount(&eb.drained)) {
    step = 5;
    goto done;
  }
  send.probe = a;
  if (kollega_send_text(a, b_id, "hello async from C", OnDone, &send) != KOLLEGA_OK ||
      !Succeeded(&send) || strlen(send.result) != 32 ||
      send.probe_rc != KOLLEGA_ERR_FAILED_PRECONDITION) {
    step = 6;
    goto done;
  }
  Copy(sent_id, sizeof sent_id, send.result);
  if (!WaitString(eb.received_text, "hello async from C") || strcmp(eb.received_peer, a_id) != 0 ||
      strcmp(eb.received_id, sent_id) != 0) {
    step = 7;
    goto done;
  }
  if (!WaitString(ea.sent_id, sent_id)) {
    step = 8;
    goto done;
  }
  if (kollega_history(b, a_id, 10, OnMessages, &hb) != KOLLEGA_OK || !Succeeded(&hb) ||
      hb.count != 1 || strcmp(hb.text, "hello async from C") != 0 || strcmp(hb.peer, a_id) != 0 ||
      strcmp(hb.id, sent_id) != 0 || hb.outgoing != 0 || hb.status != KOLLEGA_RECEIVED) {
    step = 9;
    goto done;
  }
  if (kollega_history(a, b_id, 10, OnMessages, &ha) != KOLLEGA_OK || !Succeeded(&ha) ||
      ha.count != 1 || ha.outgoing != 1 || ha.status < KOLLEGA_SENT) {
    step = 10;
    goto done;
  }
  if (kollega_conversations(b, OnConversations, &conv) != KOLLEGA_OK || !Succeeded(&conv) ||
      conv.count != 1 || strcmp(conv.peer, a_id) != 0 || conv.message_count != 1) {
    step = 11;
    goto done;
  }
  /* Well-formed, but no such account: the relay's answer ends the message. */
  if (kollega_send_text(a, kNobody, "to nobody", OnDone, &lost) != KOLLEGA_OK ||
      !Succeeded(&lost) || !WaitString(ea.failed_id, lost.result) ||
      strlen(ea.failed_detail) == 0) {
    step = 12;
    goto done;
  }
  if (ea.unknown || eb.unknown || ea.too_small || eb.too_small) {
    step = 13;
    goto done;
  }

done:
  if (step) fprintf(stderr, "async C API step %d failed: %s\n", step, kollega_last_error());
  kollega_close(a);
  kollega_close(b);
  return step;
}
