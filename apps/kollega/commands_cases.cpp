// SPDX-License-Identifier: GPL-3.0-or-later
// `kollega open-case`, `offer-case`, `cases`, `case`, `case-send`,
// `accept-case`, `close-case`, `refer`, `handover`, `handover-answer`,
// `case-time`, `safety`: cases with an organisation's helpers
// (docs/organisations.md §8-11).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "commands.h"
#include "kollega/client-core/client.h"
#include "output.h"
#include "session.h"

namespace kollega::cli {
namespace {

int Failed(const char* what, const Status& status) {
  std::fprintf(stderr, "kollega: %s: %s\n", what, status.ToString().c_str());
  return 1;
}

int Usage(const char* command, const char* what) {
  std::fprintf(stderr, "kollega %s: %s (see kollega %s --help)\n", command, what, command);
  return 2;
}

std::string Option(const Args& args, const std::string& name) {
  auto it = args.options.find(name);
  return it == args.options.end() ? std::string() : it->second;
}

std::string Rest(const std::vector<std::string>& words, size_t first) {
  std::string text;
  for (size_t i = first; i < words.size(); ++i) text += (i > first ? " " : "") + words[i];
  return text;
}

// Online and caught up, so that what the relay holds for the device is in.
void CatchUp(client::Client& c) {
  if (c.Connect().Get().ok()) WaitQueueDrained(c, RequestTimeout(), nullptr);
}

// Before a seeker writes: is anyone there now, and if not, when?
void ShowOpeningHours(client::Client& c, const std::string& org_id) {
  auto orgs = c.Organisations().Get();
  if (!orgs.ok()) return;
  for (const auto& o : *orgs) {
    if (o.org_id != org_id || o.open_now) continue;
    std::printf(
        "%s is closed now%s%s. Your message is kept and delivered; expect a reply\n"
        "once it opens.\n",
        o.name.c_str(), o.changes_at_ms ? "; it opens " : "",
        o.changes_at_ms ? FormatTime(o.changes_at_ms).c_str() : "");
    if (!o.out_of_hours_notice.empty()) std::printf("  %s\n", o.out_of_hours_notice.c_str());
  }
}

const char* LimitName(client::CaseLimitLevel level) {
  switch (level) {
    case client::CaseLimitLevel::kNearing:
      return "nearing the limit";
    case client::CaseLimitLevel::kReached:
      return "limit reached: refer on";
    case client::CaseLimitLevel::kWithin:
      break;
  }
  return "";
}

}  // namespace

int RunOpenCase(const Args& args) {
  if (args.positional.size() < 3) {
    return Usage("open-case", "expects an organisation id, a helper and a message");
  }
  auto c = OpenClient(args, true);
  if (!c) return 1;
  const bool online = c->Connect().Get().ok();  // offline, it is queued
  ShowOpeningHours(*c, args.positional[0]);
  auto id = c->OpenCase(args.positional[0], args.positional[1], Option(args, "category"),
                        Rest(args.positional, 2))
                .Get();
  if (!id.ok()) return Failed("open-case", id.status());
  std::printf("case %s opened%s\n", id->c_str(), online ? "" : " (queued: offline)");
  return 0;
}

int RunOfferCase(const Args& args) {
  if (args.positional.size() < 2)
    return Usage("offer-case", "expects an organisation id and a message");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect().Get(); !s.ok()) return Failed("offer-case", s);
  // Fresh availability first: the offer goes to whoever is available now.
  auto fresh = c->RefreshOrganisation(args.positional[0]).Get();
  if (!fresh.ok()) return Failed("offer-case", fresh.status());
  ShowOpeningHours(*c, args.positional[0]);
  client::HelperFilter filter;
  filter.org_id = args.positional[0];
  filter.region = Option(args, "region");
  filter.profession = Option(args, "profession");
  filter.language = Option(args, "language");
  auto id = c->OfferCase(filter, Option(args, "category"), Rest(args.positional, 1)).Get();
  if (!id.ok()) return Failed("offer-case", id.status());
  std::printf("case %s offered: the first available helper to accept takes it\n", id->c_str());
  return 0;
}

int RunCases(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  CatchUp(*c);
  auto cases = c->Cases().Get();
  if (!cases.ok()) return Failed("cases", cases.status());
  if (cases->empty()) std::printf("no cases\n");
  for (const auto& k : *cases) {
    const char* state = k.state == client::CaseState::kOffered ? "offered"
                        : k.state == client::CaseState::kOpen  ? "open"
                                                               : "closed by the other side";
    std::printf("%s  %s, %s%s%s\n", k.case_id.c_str(),
                k.role == client::CaseRole::kHelper ? "helping" : "seeking", state,
                k.category.empty() ? "" : ", ", k.category.c_str());
    if (!k.peer.empty()) std::printf("  with %s\n", k.peer.c_str());
    std::printf("  %u conversations, about %u min of support%s%s\n", k.conversations,
                k.support_minutes, k.limit == client::CaseLimitLevel::kWithin ? "" : "; ",
                LimitName(k.limit));
    if (!k.limit_reason.empty()) std::printf("  %s\n", k.limit_reason.c_str());
    if (!k.handover_to.empty()) {
      std::printf("  your helper asks to hand this case over to %s: kollega handover-answer\n",
                  k.handover_to.c_str());
    }
  }
  return 0;
}

int RunCase(const Args& args) {
  if (args.positional.size() != 1) return Usage("case", "expects a case id");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  CatchUp(*c);
  auto entries = c->CaseEntries(args.positional[0]).Get();
  if (!entries.ok()) return Failed("case", entries.status());
  // A referral names a resource card of the signed policy: shown from it.
  std::vector<client::ContactInfo> resources;
  if (auto cases = c->Cases().Get(); cases.ok()) {
    for (const auto& k : *cases) {
      if (k.case_id != args.positional[0]) continue;
      if (auto r = c->Resources(k.org_id, Option(args, "language")).Get(); r.ok()) resources = *r;
    }
  }
  for (const auto& e : *entries) {
    std::printf("[%s] %s ", FormatTime(e.at_ms).c_str(), e.outgoing ? ">" : "<");
    if (!e.notice.empty()) std::printf("(%s)", e.notice.c_str());
    if (!e.referral.empty()) {
      std::printf("referred to: %s", e.referral.c_str());
      for (const auto& r : resources) {
        if (r.id != e.referral) continue;
        std::printf(" — %s %s %s", r.label.c_str(), r.phone.c_str(), r.email.c_str());
      }
    }
    std::printf("%s\n", e.text.c_str());
  }
  return 0;
}

int RunCaseSend(const Args& args) {
  if (args.positional.size() < 2) return Usage("case-send", "expects a case id and a message");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->Connect().Get().IgnoreError();  // queued when offline
  Status s = c->SendInCase(args.positional[0], Rest(args.positional, 1)).Get();
  if (!s.ok()) return Failed("case-send", s);
  auto cases = c->Cases().Get();
  if (cases.ok()) {
    for (const auto& k : *cases) {
      if (k.case_id == args.positional[0] && k.limit != client::CaseLimitLevel::kWithin) {
        std::printf("note: %s — %s\n", LimitName(k.limit), k.limit_reason.c_str());
      }
    }
  }
  std::printf("sent\n");
  return 0;
}

int RunAcceptCase(const Args& args) {
  if (args.positional.size() != 1) return Usage("accept-case", "expects a case id");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect().Get(); !s.ok()) return Failed("accept-case", s);
  if (Status s = c->AcceptCase(args.positional[0]).Get(); !s.ok()) {
    return Failed("accept-case", s);
  }
  std::printf("the case is yours\n");
  return 0;
}

int RunCloseCase(const Args& args) {
  if (args.positional.size() != 1) return Usage("close-case", "expects a case id");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->Connect().Get().IgnoreError();
  const auto category = args.options.find("category");
  auto debrief = c->CloseCase(args.positional[0], args.options.count("heavy") > 0,
                              category == args.options.end() ? "" : category->second)
                     .Get();
  if (!debrief.ok()) return Failed("close-case", debrief.status());
  std::printf("closed and wiped from this device\n");
  if (*debrief) {
    std::printf("A heavy case: consider a debrief with a colleague or your contact person.\n");
  }
  return 0;
}

int RunRefer(const Args& args) {
  if (args.positional.size() != 2) return Usage("refer", "expects a case id and a resource id");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->Connect().Get().IgnoreError();
  if (Status s = c->ReferInCase(args.positional[0], args.positional[1]).Get(); !s.ok()) {
    return Failed("refer", s);
  }
  std::printf("referral sent\n");
  return 0;
}

int RunHandover(const Args& args) {
  if (args.positional.size() != 2) return Usage("handover", "expects a case id and a helper");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->Connect().Get().IgnoreError();
  if (Status s = c->AskHandover(args.positional[0], args.positional[1]).Get(); !s.ok()) {
    return Failed("handover", s);
  }
  std::printf("asked the seeker; nothing reaches the other helper unless they agree\n");
  return 0;
}

int RunHandoverAnswer(const Args& args) {
  if (args.positional.size() != 2 || (args.positional[1] != "yes" && args.positional[1] != "no")) {
    return Usage("handover-answer", "expects a case id and yes or no");
  }
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->Connect().Get().IgnoreError();
  auto answered =
      c->AnswerHandover(args.positional[0], args.positional[1] == "yes", Option(args, "pass-on"))
          .Get();
  if (!answered.ok()) return Failed("handover-answer", answered.status());
  if (answered->empty()) {
    std::printf("declined; the case stays with your helper\n");
  } else {
    std::printf("handed over: new case %s\n", answered->c_str());
  }
  return 0;
}

int RunCaseTime(const Args& args) {
  if (args.positional.size() != 2) return Usage("case-time", "expects a case id and minutes");
  char* end = nullptr;
  unsigned long minutes = std::strtoul(args.positional[1].c_str(), &end, 10);
  if (!end || *end || minutes > 100000) return Usage("case-time", "minutes: 0..100000");
  auto c = OpenClient(args, true);
  if (!c) return 1;
  c->Connect().Get().IgnoreError();  // offline, the seeker's copy waits in the queue
  Status s = c->SetSupportMinutes(args.positional[0], static_cast<uint32_t>(minutes)).Get();
  if (!s.ok()) return Failed("case-time", s);
  std::printf("support time set to %lu min, for the seeker's count too\n", minutes);
  return 0;
}

int RunSafety(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto orgs = c->Organisations().Get();
  if (!orgs.ok()) return Failed("safety", orgs.status());
  std::string org_id = Option(args, "org");
  if (org_id.empty() && orgs->size() == 1) org_id = (*orgs)[0].org_id;
  if (org_id.empty()) return Usage("safety", "name the organisation with --org");
  auto contacts = c->SafetyContacts(org_id, Option(args, "country")).Get();
  if (!contacts.ok()) return Failed("safety", contacts.status());
  std::printf("In an emergency call the emergency number now.\n");
  for (const auto& k : *contacts) {
    std::printf("  %s%s%s  %s%s%s\n", k.id.empty() ? "" : k.id.c_str(), k.id.empty() ? "" : "  ",
                k.label.c_str(), k.phone.c_str(), k.email.empty() ? "" : "  ", k.email.c_str());
  }
  return 0;
}

}  // namespace kollega::cli
