// SPDX-License-Identifier: GPL-3.0-or-later
// CasesController::ShowExamples: made-up cases and entries for the
// screenshots (scripts/screenshots.sh), without a client.
#include <QDateTime>

#include "cases_controller.h"

namespace kollega::desktop {

void CasesController::ShowExamples() {
  const int64_t now = QDateTime::currentMSecsSinceEpoch();
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  const std::string org = std::string(64, 'a');
  client::OrganisationInfo info;
  info.org_id = org;
  info.name = "Støttekollega";
  orgs_[org] = info;
  me_ = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
  helpers_ = {{org,
               me_,
               1,
               "Kari Nilsen",
               "GP",
               "Oslo",
               "",
               "",
               "",
               {"nb"},
               0,
               client::Availability::kAvailable,
               0},
              {org,
               "1f2e3d4c5b6a79880a1b2c3d4e5f6a7b",
               2,
               "Ola Berg",
               "psychiatrist",
               "Bergen",
               "",
               "",
               "",
               {"nb", "en"},
               0,
               client::Availability::kAway,
               now + kDay}};
  is_helper_ = true;
  availability_ = Available;
  resources_[org] = {{"psychologist", "Psychologist for doctors", "+47 22 00 00 00", "",
                      "Mon-Fri 8-16",
                      "Free, confidential sessions with a psychologist who knows the job."}};

  auto row = [&](const char* id, const char* peer, client::CaseState state, uint32_t conversations,
                 uint32_t minutes, client::CaseLimitLevel limit, const char* reason,
                 int64_t opened_ago, int unread) {
    CasesModel::Row r;
    r.info.case_id = id;
    r.info.org_id = org;
    r.info.peer = peer;
    r.info.category = "burnout";
    r.info.role = client::CaseRole::kHelper;
    r.info.state = state;
    r.info.opened_ms = now - opened_ago;
    r.info.conversations = conversations;
    r.info.max_conversations = 3;
    r.info.support_minutes = minutes;
    r.info.max_support_minutes = 180;
    r.info.limit = limit;
    r.info.limit_reason = reason;
    r.org_name = "Støttekollega";
    r.category_name = QStringLiteral("Burnout");
    r.unread = unread;
    return r;
  };
  using client::CaseLimitLevel;
  using client::CaseState;
  model_.SetRows({row("c1", "9a8b7c6d5e4f30211203f4e5d6c7b8a9", CaseState::kOpen, 2, 95,
                      CaseLimitLevel::kNearing, "2 of 3 conversations", 5 * kDay, 1),
                  row("c2", "4e21d0c9b8a7f6e5d4c3b2a190817263", CaseState::kOpen, 1, 20,
                      CaseLimitLevel::kWithin, "", kDay, 0),
                  row("c3", "d7c6b5a4938271605f4e3d2c1b0a9988", CaseState::kOffered, 0, 0,
                      CaseLimitLevel::kWithin, "", 600'000, 1)});
  current_ = "c1";
  auto entry = [&](bool outgoing, int64_t ago, const QString& text, const char* referral = "") {
    CaseEntriesModel::Row r;
    r.entry.outgoing = outgoing;
    r.entry.at_ms = now - ago;
    r.entry.text = text.toStdString();
    r.entry.referral = referral;
    if (*referral) r.card = resources_[org].front();
    if (outgoing && !*referral) r.entry.status = client::MessageStatus::kRead;  // the mark shows
    return r;
  };
  entries_.SetRows(
      {entry(false, 5 * kDay, QStringLiteral("I keep thinking about a patient I lost.")),
       entry(true, 5 * kDay - 600'000, QStringLiteral("I'm here. Tell me what happened.")),
       entry(false, 60'000, QStringLiteral("It is still hard to sleep.")),
       entry(true, 30'000, {}, "psychologist")});
  emit currentChanged();
  emit unreadChanged();
  emit availabilityChanged();
}

}  // namespace kollega::desktop
