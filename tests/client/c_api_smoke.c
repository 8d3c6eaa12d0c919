/* Compiled as C: proves kollega.h is valid C and the API works from C.
 * Returns 0 on success, or the number of the step that failed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "kollega/client-core/kollega.h"

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

  if (kollega_open(dir_a, &a) != KOLLEGA_OK) {
    step = 1;
    goto done;
  }
  if (kollega_whoami(a, NULL, NULL, NULL) != KOLLEGA_ERR_FAILED_PRECONDITION ||
      strlen(kollega_last_error()) == 0) {
    step = 2;
    goto done;
  }
  if (kollega_send_text(a, "not hex", "x", NULL) == KOLLEGA_OK) {
    step = 3;
    goto done;
  }
  if (kollega_open(dir_b, &b) != KOLLEGA_OK) {
    step = 4;
    goto done;
  }
  if (kollega_create_account(a, relay_url) != KOLLEGA_OK) {
    step = 5;
    goto done;
  }
  if (kollega_create_account(b, relay_url) != KOLLEGA_OK) {
    step = 6;
    goto done;
  }
  if (kollega_whoami(a, &a_id, &device, NULL) != KOLLEGA_OK || device != 1 || strlen(a_id) != 32) {
    step = 7;
    goto done;
  }
  if (kollega_whoami(b, &b_id, NULL, NULL) != KOLLEGA_OK) {
    step = 8;
    goto done;
  }
  if (kollega_listen(b) != KOLLEGA_OK) {
    step = 9;
    goto done;
  }
  if (kollega_send_text(a, b_id, "hello from C", NULL) != KOLLEGA_OK) {
    step = 10;
    goto done;
  }
  for (i = 0; i < 50 && !got; ++i) {
    if (kollega_poll_event(b, 200, &ev) != KOLLEGA_OK) continue;
    if (ev.kind == KOLLEGA_EVENT_MESSAGE_RECEIVED && strcmp(ev.text, "hello from C") == 0 &&
        strcmp(ev.peer, a_id) == 0) {
      got = 1;
    }
  }
  if (!got) {
    step = 11;
    goto done;
  }
  if (kollega_safety_number(b, a_id, &digits) != KOLLEGA_OK || strlen(digits) != 60) {
    step = 12;
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
