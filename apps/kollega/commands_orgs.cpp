// SPDX-License-Identifier: GPL-3.0-or-later
// `kollega join-org`, `orgs`, `helpers` and `availability`: organisations
// pinned from their cards and their helper directories
// (docs/organisations.md).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "commands.h"
#include "kollega/base/hex.h"
#include "kollega/client-core/client.h"
#include "kollega/org/enrol_request.h"
#include "output.h"
#include "session.h"

namespace kollega::cli {
namespace {

int Failed(const char* what, const Status& status) {
  std::fprintf(stderr, "kollega: %s: %s\n", what, status.ToString().c_str());
  return 1;
}

std::string Option(const Args& args, const std::string& name) {
  auto it = args.options.find(name);
  return it == args.options.end() ? std::string() : it->second;
}

void PrintOrganisation(const client::OrganisationInfo& o) {
  std::printf("%s\n  id %s\n  policy version %llu, %zu helpers", o.name.c_str(), o.org_id.c_str(),
              static_cast<unsigned long long>(o.policy_version), o.helpers);
  if (o.rejected) std::printf(", %u refused objects", o.rejected);
  std::printf("\n");
  if (o.open_now) {
    std::printf("  open%s%s\n", o.changes_at_ms ? " until " : "",
                o.changes_at_ms ? FormatTime(o.changes_at_ms).c_str() : "");
  } else {
    std::printf("  closed%s%s\n", o.changes_at_ms ? ", opens " : "",
                o.changes_at_ms ? FormatTime(o.changes_at_ms).c_str() : "");
    if (!o.out_of_hours_notice.empty()) std::printf("  %s\n", o.out_of_hours_notice.c_str());
  }
}

const char* AvailabilityName(client::Availability a) {
  switch (a) {
    case client::Availability::kAvailable:
      return "available";
    case client::Availability::kAway:
      return "away";
    case client::Availability::kFull:
      return "full";
    case client::Availability::kUnknown:
      break;
  }
  return "-";
}

}  // namespace

int RunJoinOrg(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "kollega join-org: expects one kollega://org card\n");
    return 2;
  }
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect().Get(); !s.ok()) return Failed("join-org", s);
  auto joined = c->JoinOrganisation(args.positional[0]).Get();
  if (!joined.ok()) return Failed("join-org", joined.status());
  PrintOrganisation(*joined);
  return 0;
}

int RunOrgs(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto orgs = c->Organisations().Get();
  if (!orgs.ok()) return Failed("orgs", orgs.status());
  // Online: each is fetched again, so news and revocations show.
  if (!orgs->empty() && c->Connect().Get().ok()) {
    for (auto& o : *orgs) {
      auto fresh = c->RefreshOrganisation(o.org_id).Get();
      if (fresh.ok()) {
        o = *fresh;
      } else {
        std::fprintf(stderr, "kollega: %s not refreshed: %s\n", o.name.c_str(),
                     fresh.status().message().c_str());
      }
    }
  }
  if (orgs->empty()) std::printf("no organisations yet: join one with kollega join-org <card>\n");
  for (const auto& o : *orgs) PrintOrganisation(o);
  return 0;
}

int RunHelpers(const Args& args) {
  auto c = OpenClient(args, true);
  if (!c) return 1;
  client::HelperFilter filter;
  filter.org_id = Option(args, "org");
  filter.region = Option(args, "region");
  filter.profession = Option(args, "profession");
  filter.language = Option(args, "language");
  filter.gender = Option(args, "gender");
  filter.sector = Option(args, "sector");
  filter.available_only = args.options.count("available") > 0;
  auto helpers = c->Helpers(filter).Get();
  if (!helpers.ok()) return Failed("helpers", helpers.status());
  if (helpers->empty()) std::printf("no helper matches\n");
  for (const auto& h : *helpers) {
    std::string languages;
    for (const auto& l : h.languages) languages += (languages.empty() ? "" : ",") + l;
    std::printf("%s  %s\n  %s, %s, %s, %s, %s  [%s", h.account.c_str(), h.name.c_str(),
                h.profession.c_str(), h.region.c_str(), h.gender.c_str(), h.sector.c_str(),
                languages.c_str(), AvailabilityName(h.availability));
    if (h.back_at_ms) std::printf(", back %s", FormatTime(h.back_at_ms).c_str());
    std::printf("]\n");
    if (!h.introduction.empty()) std::printf("  %s\n", h.introduction.c_str());
  }
  return 0;
}

int RunAvailability(const Args& args) {
  if (args.positional.size() != 1) {
    std::fprintf(stderr, "kollega availability: expects available, away or full\n");
    return 2;
  }
  const std::string& word = args.positional[0];
  client::Availability state;
  if (word == "available") {
    state = client::Availability::kAvailable;
  } else if (word == "away") {
    state = client::Availability::kAway;
  } else if (word == "full") {
    state = client::Availability::kFull;
  } else {
    std::fprintf(stderr, "kollega availability: %s is not available, away or full\n", word.c_str());
    return 2;
  }
  int64_t back_at_ms = 0;
  if (std::string back = Option(args, "back-in-hours"); !back.empty()) {
    char* end = nullptr;
    long hours = std::strtol(back.c_str(), &end, 10);
    if (!end || *end || hours <= 0 || hours > 24 * 365) {
      std::fprintf(stderr, "kollega availability: --back-in-hours takes 1..8760\n");
      return 2;
    }
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    back_at_ms = now + hours * 3600 * 1000;
  }
  auto c = OpenClient(args, true);
  if (!c) return 1;
  if (Status s = c->Connect().Get(); !s.ok()) return Failed("availability", s);
  if (Status s = c->SetAvailability(state, back_at_ms).Get(); !s.ok()) {
    return Failed("availability", s);
  }
  std::printf("availability: %s\n", word.c_str());
  return 0;
}

}  // namespace kollega::cli

namespace kollega::cli {

// The helper's side of enrolment (docs/admin.md §3): a request file with
// this account's id and public identity key and the profile to certify,
// for the organisation's administrators to sign offline.
int RunEnrolRequest(const Args& args) {
  const std::string out = Option(args, "out");
  if (out.empty() || Option(args, "name").empty() || Option(args, "profession").empty()) {
    std::fprintf(stderr, "kollega enrol-request: needs --name, --profession and --out\n");
    return 2;
  }
  auto c = OpenClient(args, true);
  if (!c) return 1;
  auto who = c->WhoAmI().Get();
  if (!who.ok()) return Failed("enrol-request", who.status());
  org::EnrolRequest request;
  auto account = FromHex(who->account_id);
  auto identity = FromHex(who->identity_key);
  if (!account || !identity) return Failed("enrol-request", Internal("this account's keys"));
  request.account_id = *account;
  request.identity_key = *identity;
  auto& p = request.profile;
  p.set_name(Option(args, "name"));
  p.set_profession(Option(args, "profession"));
  p.set_region(Option(args, "region"));
  p.set_gender(Option(args, "gender"));
  p.set_sector(Option(args, "sector"));
  p.set_introduction(Option(args, "introduction"));
  std::string languages = Option(args, "languages");
  for (size_t start = 0; !languages.empty() && start <= languages.size();) {
    size_t comma = languages.find(',', start);
    if (comma == std::string::npos) comma = languages.size();
    if (comma > start) p.add_languages(languages.substr(start, comma - start));
    start = comma + 1;
  }
  const std::string json = org::EncodeRequest(request);
  if (Status checked = org::DecodeRequest(json).status(); !checked.ok()) {
    return Failed("enrol-request", checked);
  }
  FILE* f = std::fopen(out.c_str(), "wx");
  if (!f) {
    std::fprintf(stderr, "kollega enrol-request: cannot create %s (it may exist)\n", out.c_str());
    return 1;
  }
  bool written = std::fwrite(json.data(), 1, json.size(), f) == json.size();
  written = std::fclose(f) == 0 && written;
  if (!written) return Failed("enrol-request", Internal("writing " + out));
  std::printf("wrote %s: send it to your organisation's administrators; it holds no secret\n",
              out.c_str());
  return 0;
}

}  // namespace kollega::cli
