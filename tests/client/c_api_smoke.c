/* Compiled as C: proves kollega.h is valid C and the API works from C.
 * Returns 0 on success, or the number of the step that failed. This one uses
 * the blocking helpers (kollega.h, "Blocking helpers") and polled events;
 * c_api_async.c uses the asynchronous calls.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "kollega/client-core/kollega.h"

/* Polls `c` with a struct an older kollega.h would have declared: one that
 * ends before `detail`. The library must fill whole fields within that size
 * and leave the rest of the memory alone. 0 when it did. */
static int PollAsOlderApp(kollega_client* c) {
  kollega_event ev;
  const size_t older = offsetof(kollega_event, detail);
  const unsigned char* bytes = (const unsigned char*)&ev;
  size_t i;
  memset(&ev, 0xAB, sizeof ev);
  ev.size = (uint32_t)older;
  if (kollega_poll_event(c, 5000, &ev) != KOLLEGA_OK) return 1;
  if (ev.size > older || !KOLLEGA_HAS_FIELD(&ev, kollega_event, outgoing)) return 2;
  if (KOLLEGA_HAS_FIELD(&ev, kollega_event, detail)) return 3;
  for (i = older; i < sizeof ev; ++i) {
    if (bytes[i] != 0xAB) return 4;
  }
  return 0;
}

/* Opens `dir` with a fixed test key (the store is encrypted at rest). */
static int OpenWithTestKey(const char* dir, kollega_client** out) {
  static const unsigned char kKey[32] = {7};
  kollega_open_options options;
  memset(&options, 0, sizeof options);
  options.size = sizeof options;
  options.store_key = kKey;
  options.store_key_len = sizeof kKey;
  return kollega_open_with_options(dir, &options, out);
}

int kollega_c_api_smoke(const char* relay_url, const char* dir_a, const char* dir_b) {
  kollega_client* a = NULL;
  kollega_client* b = NULL;
  char* b_id = NULL;
  char* a_id = NULL;
  char* digits = NULL;
  uint32_t device = 0;
  kollega_event ev;
  int step = 0;
  int got = 0;
  int i;

  /* A new store without a key source is refused, with a reason. */
  if (kollega_open(dir_a, &a) != KOLLEGA_ERR_FAILED_PRECONDITION ||
      strstr(kollega_last_error(), "passphrase") == NULL) {
    step = 40;
    goto done;
  }
  if (OpenWithTestKey(dir_a, &a) != KOLLEGA_OK) {
    step = 1;
    goto done;
  }
  if (kollega_whoami_sync(a, NULL, NULL, NULL) != KOLLEGA_ERR_FAILED_PRECONDITION ||
      strlen(kollega_last_error()) == 0) {
    step = 2;
    goto done;
  }
  if (kollega_send_text_sync(a, "not hex", "x", NULL) == KOLLEGA_OK) {
    step = 3;
    goto done;
  }
  if (OpenWithTestKey(dir_b, &b) != KOLLEGA_OK) {
    step = 4;
    goto done;
  }
  if (kollega_create_account_sync(a, relay_url) != KOLLEGA_OK) {
    step = 5;
    goto done;
  }
  if (kollega_create_account_sync(b, relay_url) != KOLLEGA_OK) {
    step = 6;
    goto done;
  }
  if (kollega_whoami_sync(a, &a_id, &device, NULL) != KOLLEGA_OK || device != 1 ||
      strlen(a_id) != 32) {
    step = 7;
    goto done;
  }
  if (kollega_whoami_sync(b, &b_id, NULL, NULL) != KOLLEGA_OK) {
    step = 8;
    goto done;
  }
  if (kollega_listen_sync(b) != KOLLEGA_OK) {
    step = 9;
    goto done;
  }
  if (kollega_send_text_sync(a, b_id, "hello from C", NULL) != KOLLEGA_OK) {
    step = 10;
    goto done;
  }
  for (i = 0; i < 50 && !got; ++i) {
    ev.size = sizeof ev;
    if (kollega_poll_event(b, 200, &ev) != KOLLEGA_OK) continue;
    if (!KOLLEGA_HAS_FIELD(&ev, kollega_event, sent_ms)) break;
    if (ev.kind == KOLLEGA_EVENT_MESSAGE_RECEIVED && strcmp(ev.text, "hello from C") == 0 &&
        strcmp(ev.peer, a_id) == 0 && ev.sent_ms > 0) {
      got = 1;
    }
  }
  if (!got) {
    step = 11;
    goto done;
  }
  if (kollega_safety_number_sync(b, a_id, &digits) != KOLLEGA_OK || strlen(digits) != 60) {
    step = 12;
    goto done;
  }
  /* A struct too small for even `kind` is refused, not written past. */
  ev.size = 2;
  if (kollega_poll_event(b, 0, &ev) != KOLLEGA_ERR_INVALID_ARGUMENT || ev.size != 2) {
    step = 13;
    goto done;
  }
  if (kollega_send_text_sync(a, b_id, "for an older app", NULL) != KOLLEGA_OK ||
      PollAsOlderApp(b) != 0) {
    step = 14;
    goto done;
  }

done:
  if (step) fprintf(stderr, "C API step %d failed: %s\n", step, kollega_last_error());
  kollega_free_string(a_id);
  kollega_free_string(b_id);
  kollega_free_string(digits);
  kollega_close(a);
  kollega_close(b);
  return step;
}
