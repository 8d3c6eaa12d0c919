/* Kollega C API, organisations and cases (docs/organisations.md): pinning
 * an organisation from its card, its helper directory, availability, the
 * safety contacts, and cases with their limits. Included by kollega.h; the
 * conventions there hold (versioned structs, callbacks on the worker
 * thread, strings valid during the callback only).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef KOLLEGA_CLIENT_CORE_KOLLEGA_CASES_H_
#define KOLLEGA_CLIENT_CORE_KOLLEGA_CASES_H_

#ifdef __cplusplus
extern "C" {
#endif

/* Availability (client::Availability), case roles, states and limit levels
 * (cases.h). */
enum {
  KOLLEGA_AVAILABILITY_UNKNOWN = 0,
  KOLLEGA_AVAILABLE = 1,
  KOLLEGA_AWAY = 2,
  KOLLEGA_FULL = 3
};
enum { KOLLEGA_SEEKER = 1, KOLLEGA_HELPER = 2 };
enum { KOLLEGA_CASE_OFFERED = 1, KOLLEGA_CASE_OPEN = 2, KOLLEGA_CASE_CLOSED = 3 };
enum { KOLLEGA_LIMIT_WITHIN = 0, KOLLEGA_LIMIT_NEARING = 1, KOLLEGA_LIMIT_REACHED = 2 };

typedef struct kollega_organisation {
  uint32_t size;
  const char* org_id; /* hex of the pinned key */
  const char* name;
  const char* relay_url;
  uint64_t policy_version;
  uint32_t helpers;  /* certificates that verified */
  uint32_t rejected; /* objects the last fetch refused */
  int open_now;      /* by its opening hours */
  int64_t changes_at_ms;
  const char* out_of_hours_notice;
} kollega_organisation;

typedef struct kollega_helper {
  uint32_t size;
  const char* org_id;
  const char* account; /* hex */
  uint64_t serial;
  const char* name;
  const char* profession;
  const char* region;
  const char* gender;
  const char* sector;
  const char* languages; /* comma-separated */
  const char* introduction;
  int64_t expires_ms;
  int availability; /* KOLLEGA_AVAILABLE ... */
  int64_t back_at_ms;
} kollega_helper;

/* NULL or "" fields match anything. The app sets size = sizeof. */
typedef struct kollega_helper_filter {
  uint32_t size;
  const char* org_id;
  const char* region;
  const char* profession;
  const char* language;
  const char* gender;
  const char* sector;
  int available_only;
} kollega_helper_filter;

typedef struct kollega_case {
  uint32_t size;
  const char* case_id; /* hex */
  const char* org_id;
  const char* peer; /* hex; "" while a seeker's offer waits */
  const char* category;
  int role;  /* KOLLEGA_SEEKER, KOLLEGA_HELPER */
  int state; /* KOLLEGA_CASE_OFFERED ... */
  int64_t opened_ms;
  uint32_t conversations;
  uint32_t support_minutes;
  int limit; /* KOLLEGA_LIMIT_WITHIN ... */
  const char* limit_reason;
  const char* handover_to; /* hex; a helper the seeker is asked to consent to */
} kollega_case;

typedef struct kollega_case_entry {
  uint32_t size;
  int outgoing;
  int64_t at_ms;
  const char* text;
  const char* referral; /* a resource card id */
  const char* notice;
} kollega_case_entry;

/* An emergency or crisis number, the on-call contact, or a resource card. */
typedef struct kollega_contact {
  uint32_t size;
  const char* id; /* a resource card's id; the country for emergency numbers */
  const char* label;
  const char* phone;
  const char* email;
  const char* hours;
  const char* description;
} kollega_contact;

typedef void (*kollega_organisations_fn)(int rc, const kollega_organisation* const* items,
                                         size_t count, const char* error, void* user_data);
typedef void (*kollega_helpers_fn)(int rc, const kollega_helper* const* items, size_t count,
                                   const char* error, void* user_data);
typedef void (*kollega_cases_fn)(int rc, const kollega_case* const* items, size_t count,
                                 const char* error, void* user_data);
typedef void (*kollega_case_entries_fn)(int rc, const kollega_case_entry* const* items,
                                        size_t count, const char* error, void* user_data);
typedef void (*kollega_contacts_fn)(int rc, const kollega_contact* const* items, size_t count,
                                    const char* error, void* user_data);

/* --- Organisations ------------------------------------------------------- */
/* Pins the organisation of a kollega://org card and fetches its directory;
 * `done` gets its org_id. Online, on the card's relay. */
int kollega_join_organisation(kollega_client* client, const char* card, kollega_done_fn done,
                              void* user_data);
int kollega_refresh_organisation(kollega_client* client, const char* org_id, kollega_done_fn done,
                                 void* user_data);
int kollega_organisations(kollega_client* client, kollega_organisations_fn fn, void* user_data);
int kollega_helpers(kollega_client* client, const kollega_helper_filter* filter,
                    kollega_helpers_fn fn, void* user_data);
int kollega_set_availability(kollega_client* client, int availability, int64_t back_at_ms,
                             kollega_done_fn done, void* user_data);
/* Emergency and crisis numbers for `country` ("" for all), then the
 * on-call contact; from the pinned policy, offline. */
int kollega_safety_contacts(kollega_client* client, const char* org_id, const char* country,
                            kollega_contacts_fn fn, void* user_data);
int kollega_resources(kollega_client* client, const char* org_id, const char* language,
                      kollega_contacts_fn fn, void* user_data);

/* --- Cases ------------------------------------------------------------------
 * Events: KOLLEGA_EVENT_CASE_CHANGED (message_id = case id, detail = what:
 * "opened", "offered", "message", "accepted", "withdrawn", "closed",
 * "referral", "handover-asked", "handover-declined", "support-time", and
 * what another device of this account did as "own-" and the same word, such
 * as "own-message" or "own-closed"; text = the message) and
 * KOLLEGA_EVENT_CASE_LIMIT (message_id = case id, status = KOLLEGA_LIMIT_*,
 * detail = the reason). */
/* `done` gets the new case's id. `category` may be NULL or "". */
int kollega_open_case(kollega_client* client, const char* org_id, const char* helper,
                      const char* category, const char* text, kollega_done_fn done,
                      void* user_data);
/* To whoever matching `filter` (org_id required) is available first. */
int kollega_offer_case(kollega_client* client, const kollega_helper_filter* filter,
                       const char* category, const char* text, kollega_done_fn done,
                       void* user_data);
int kollega_accept_case(kollega_client* client, const char* case_id, kollega_done_fn done,
                        void* user_data);
int kollega_case_send(kollega_client* client, const char* case_id, const char* text,
                      kollega_done_fn done, void* user_data);
int kollega_cases(kollega_client* client, kollega_cases_fn fn, void* user_data);
int kollega_case_entries(kollega_client* client, const char* case_id, kollega_case_entries_fn fn,
                         void* user_data);
/* `done` gets "debrief" when a helper closed a case marked heavy, else "". */
int kollega_close_case(kollega_client* client, const char* case_id, int heavy, kollega_done_fn done,
                       void* user_data);
/* The same, counted under `category` (one of the policy's; NULL or "": the
   one the case was opened with). A helper's choice only. */
int kollega_close_case_as(kollega_client* client, const char* case_id, int heavy,
                          const char* category, kollega_done_fn done, void* user_data);
int kollega_refer(kollega_client* client, const char* case_id, const char* resource_id,
                  kollega_done_fn done, void* user_data);
int kollega_ask_handover(kollega_client* client, const char* case_id, const char* helper,
                         kollega_done_fn done, void* user_data);
/* The seeker's consent; `done` gets the new case's id when agreed, "" when not. */
int kollega_answer_handover(kollega_client* client, const char* case_id, int agreed,
                            const char* pass_on, kollega_done_fn done, void* user_data);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KOLLEGA_CLIENT_CORE_KOLLEGA_CASES_H_ */
