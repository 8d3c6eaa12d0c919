// The C API for organisations and cases (kollega_cases.h) over Client.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstddef>
#include <string>

#include "c_api_calls.h"

namespace kollega::capi {
namespace {

#define KOLLEGA_FIELD_END(type, field) (offsetof(type, field) + sizeof(type::field))

std::string Text(const char* s) { return s ? std::string(s) : std::string(); }

client::HelperFilter FromC(const kollega_helper_filter* f) {
  client::HelperFilter out;
  if (!f) return out;
  auto field = [&](size_t end) { return f->size >= end; };
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, org_id))) out.org_id = Text(f->org_id);
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, region))) out.region = Text(f->region);
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, profession))) {
    out.profession = Text(f->profession);
  }
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, language))) out.language = Text(f->language);
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, gender))) out.gender = Text(f->gender);
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, sector))) out.sector = Text(f->sector);
  if (field(KOLLEGA_FIELD_END(kollega_helper_filter, available_only))) {
    out.available_only = f->available_only != 0;
  }
  return out;
}

// The views point into `o`, which outlives the callback.
kollega_organisation ToC(const client::OrganisationInfo& o) {
  kollega_organisation out{};
  out.size = KOLLEGA_FIELD_END(kollega_organisation, out_of_hours_notice);
  out.org_id = o.org_id.c_str();
  out.name = o.name.c_str();
  out.relay_url = o.relay_url.c_str();
  out.policy_version = o.policy_version;
  out.helpers = static_cast<uint32_t>(o.helpers);
  out.rejected = o.rejected;
  out.open_now = o.open_now ? 1 : 0;
  out.changes_at_ms = o.changes_at_ms;
  out.out_of_hours_notice = o.out_of_hours_notice.c_str();
  return out;
}

// A helper with its languages joined: kept beside the view.
struct HelperView {
  std::string languages;
  kollega_helper c{};
};

kollega_case ToC(const client::CaseInfo& k) {
  kollega_case out{};
  out.size = KOLLEGA_FIELD_END(kollega_case, handover_to);
  out.case_id = k.case_id.c_str();
  out.org_id = k.org_id.c_str();
  out.peer = k.peer.c_str();
  out.category = k.category.c_str();
  out.role = static_cast<int>(k.role);
  out.state = static_cast<int>(k.state);
  out.opened_ms = k.opened_ms;
  out.conversations = k.conversations;
  out.support_minutes = k.support_minutes;
  out.limit = static_cast<int>(k.limit);
  out.limit_reason = k.limit_reason.c_str();
  out.handover_to = k.handover_to.c_str();
  return out;
}

kollega_case_entry ToC(const client::CaseEntryInfo& e) {
  kollega_case_entry out{};
  out.size = KOLLEGA_FIELD_END(kollega_case_entry, notice);
  out.outgoing = e.outgoing ? 1 : 0;
  out.at_ms = e.at_ms;
  out.text = e.text.c_str();
  out.referral = e.referral.c_str();
  out.notice = e.notice.c_str();
  return out;
}

kollega_contact ToC(const client::ContactInfo& k) {
  kollega_contact out{};
  out.size = KOLLEGA_FIELD_END(kollega_contact, description);
  out.id = k.id.c_str();
  out.label = k.label.c_str();
  out.phone = k.phone.c_str();
  out.email = k.email.c_str();
  out.hours = k.hours.c_str();
  out.description = k.description.c_str();
  return out;
}

template <typename CItem, typename Item, typename Fn>
auto Deliverer(Fn fn, void* user_data) {
  return ListDeliverer<CItem, Item>([](const Item& v) { return ToC(v); }, fn, user_data);
}

}  // namespace
}  // namespace kollega::capi

using namespace kollega::capi;  // NOLINT: the C functions below are its users
using kollega::Result;
using kollega::Status;
namespace kc = kollega::client;

int kollega_join_organisation(kollega_client* c, const char* card, kollega_done_fn done,
                              void* user_data) {
  if (!Valid(c) || !card) return BadArguments();
  return Start(
      c->client->JoinOrganisation(card), [done, user_data](const Result<kc::OrganisationInfo>& r) {
        const int rc = Report(r.status());
        if (done) {
          done(rc, rc == KOLLEGA_OK ? r->org_id.c_str() : r.status().message().c_str(), user_data);
        }
      });
}

int kollega_refresh_organisation(kollega_client* c, const char* org_id, kollega_done_fn done,
                                 void* user_data) {
  if (!Valid(c) || !org_id) return BadArguments();
  return Start(c->client->RefreshOrganisation(org_id), [done, user_data](
                                                           const Result<kc::OrganisationInfo>& r) {
    const int rc = Report(r.status());
    if (done) {
      done(rc, rc == KOLLEGA_OK ? r->org_id.c_str() : r.status().message().c_str(), user_data);
    }
  });
}

int kollega_organisations(kollega_client* c, kollega_organisations_fn fn, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Organisations(),
               Deliverer<kollega_organisation, kc::OrganisationInfo>(fn, user_data));
}

int kollega_helpers(kollega_client* c, const kollega_helper_filter* filter, kollega_helpers_fn fn,
                    void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Helpers(FromC(filter)),
               [fn, user_data](const Result<std::vector<kc::HelperInfo>>& r) {
                 const int rc = Report(r.status());
                 if (!fn) return;
                 if (!r.ok()) return fn(rc, nullptr, 0, r.status().message().c_str(), user_data);
                 std::vector<HelperView> views(r->size());
                 std::vector<const kollega_helper*> pointers;
                 for (size_t i = 0; i < r->size(); ++i) {
                   const kc::HelperInfo& h = (*r)[i];
                   HelperView& v = views[i];
                   for (const auto& l : h.languages) {
                     v.languages += (v.languages.empty() ? "" : ",") + l;
                   }
                   v.c.size = KOLLEGA_FIELD_END(kollega_helper, back_at_ms);
                   v.c.org_id = h.org_id.c_str();
                   v.c.account = h.account.c_str();
                   v.c.serial = h.serial;
                   v.c.name = h.name.c_str();
                   v.c.profession = h.profession.c_str();
                   v.c.region = h.region.c_str();
                   v.c.gender = h.gender.c_str();
                   v.c.sector = h.sector.c_str();
                   v.c.languages = v.languages.c_str();
                   v.c.introduction = h.introduction.c_str();
                   v.c.expires_ms = h.expires_ms;
                   v.c.availability = static_cast<int>(h.availability);
                   v.c.back_at_ms = h.back_at_ms;
                   pointers.push_back(&v.c);
                 }
                 fn(rc, pointers.data(), pointers.size(), nullptr, user_data);
               });
}

int kollega_set_availability(kollega_client* c, int availability, int64_t back_at_ms,
                             kollega_done_fn done, void* user_data) {
  if (!Valid(c) || availability < KOLLEGA_AVAILABLE || availability > KOLLEGA_FULL) {
    return BadArguments();
  }
  return Start(c->client->SetAvailability(static_cast<kc::Availability>(availability), back_at_ms),
               DoneStatus(done, user_data));
}

int kollega_safety_contacts(kollega_client* c, const char* org_id, const char* country,
                            kollega_contacts_fn fn, void* user_data) {
  if (!Valid(c) || !org_id) return BadArguments();
  return Start(c->client->SafetyContacts(org_id, Text(country)),
               Deliverer<kollega_contact, kc::ContactInfo>(fn, user_data));
}

int kollega_resources(kollega_client* c, const char* org_id, const char* language,
                      kollega_contacts_fn fn, void* user_data) {
  if (!Valid(c) || !org_id) return BadArguments();
  return Start(c->client->Resources(org_id, Text(language)),
               Deliverer<kollega_contact, kc::ContactInfo>(fn, user_data));
}

int kollega_open_case(kollega_client* c, const char* org_id, const char* helper,
                      const char* category, const char* text, kollega_done_fn done,
                      void* user_data) {
  if (!Valid(c) || !org_id || !helper || !text) return BadArguments();
  return Start(c->client->OpenCase(org_id, helper, Text(category), text),
               DoneString(done, user_data));
}

int kollega_offer_case(kollega_client* c, const kollega_helper_filter* filter, const char* category,
                       const char* text, kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !filter || !text) return BadArguments();
  return Start(c->client->OfferCase(FromC(filter), Text(category), text),
               DoneString(done, user_data));
}

int kollega_accept_case(kollega_client* c, const char* case_id, kollega_done_fn done,
                        void* user_data) {
  if (!Valid(c) || !case_id) return BadArguments();
  return Start(c->client->AcceptCase(case_id), DoneStatus(done, user_data));
}

int kollega_case_send(kollega_client* c, const char* case_id, const char* text,
                      kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !case_id || !text) return BadArguments();
  return Start(c->client->SendInCase(case_id, text), DoneStatus(done, user_data));
}

int kollega_cases(kollega_client* c, kollega_cases_fn fn, void* user_data) {
  if (!Valid(c)) return BadArguments();
  return Start(c->client->Cases(), Deliverer<kollega_case, kc::CaseInfo>(fn, user_data));
}

int kollega_case_entries(kollega_client* c, const char* case_id, kollega_case_entries_fn fn,
                         void* user_data) {
  if (!Valid(c) || !case_id) return BadArguments();
  return Start(c->client->CaseEntries(case_id),
               Deliverer<kollega_case_entry, kc::CaseEntryInfo>(fn, user_data));
}

int kollega_close_case(kollega_client* c, const char* case_id, int heavy, kollega_done_fn done,
                       void* user_data) {
  return kollega_close_case_as(c, case_id, heavy, nullptr, done, user_data);
}

int kollega_close_case_as(kollega_client* c, const char* case_id, int heavy, const char* category,
                          kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !case_id) return BadArguments();
  return Start(
      c->client->CloseCase(case_id, heavy != 0, Text(category)),
      [done, user_data](const Result<bool>& r) {
        const int rc = Report(r.status());
        if (!done) return;
        done(rc, rc != KOLLEGA_OK ? r.status().message().c_str() : *r ? "debrief" : "", user_data);
      });
}

int kollega_refer(kollega_client* c, const char* case_id, const char* resource_id,
                  kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !case_id || !resource_id) return BadArguments();
  return Start(c->client->ReferInCase(case_id, resource_id), DoneStatus(done, user_data));
}

int kollega_ask_handover(kollega_client* c, const char* case_id, const char* helper,
                         kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !case_id || !helper) return BadArguments();
  return Start(c->client->AskHandover(case_id, helper), DoneStatus(done, user_data));
}

int kollega_answer_handover(kollega_client* c, const char* case_id, int agreed, const char* pass_on,
                            kollega_done_fn done, void* user_data) {
  if (!Valid(c) || !case_id) return BadArguments();
  return Start(c->client->AnswerHandover(case_id, agreed != 0, Text(pass_on)),
               DoneString(done, user_data));
}
