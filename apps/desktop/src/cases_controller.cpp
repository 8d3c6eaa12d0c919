// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases_controller.h"

#include <QLocale>
#include <QQmlEngine>
#include <functional>
#include <memory>
#include <mutex>

#include "event_pump.h"
#include "languages.h"

namespace kollega::desktop {

using client::As;
using client::Client;

// Filled by the calls of one refresh, which complete on client-core's
// worker (or at once on the calling thread): hence the lock.
struct CasesController::Snapshot {
  std::mutex mu;
  size_t pending = 0;
  std::vector<client::OrganisationInfo> orgs;
  std::map<std::string, std::vector<client::CaseCategory>> categories;
  std::map<std::string, std::vector<client::ContactInfo>> resources;
  std::vector<client::HelperInfo> helpers;
  std::vector<client::CaseInfo> cases;
  bool cases_ok = false;
  std::string me;
};

namespace {

// Asks client-core for everything the screens show, all at once; `done`
// runs once with the snapshot when every answer is in.
void Gather(Client* c, std::function<void(std::shared_ptr<CasesController::Snapshot>)> done);

}  // namespace

CasesController::CasesController(QObject* parent) : Feature(parent) {}

void CasesController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<CasesController>("Kollega", 1, 0, "CasesController",
                                              "given as a property of app");
  qmlRegisterUncreatableType<CasesModel>("Kollega", 1, 0, "CasesModel", "given as app.cases.model");
  qmlRegisterUncreatableType<CaseEntriesModel>("Kollega", 1, 0, "CaseEntriesModel",
                                               "given as app.cases.entries");
}

void CasesController::SetClient(client::Client* client) {
  client_ = client;
  ++generation_;
  // Locked: nothing of the cases stays on screen or in memory.
  current_.clear();
  unread_.clear();
  orgs_.clear();
  categories_.clear();
  resources_.clear();
  helpers_.clear();
  me_.clear();
  model_.SetRows({});
  entries_.SetRows({});
  is_helper_ = false;
  availability_ = Unknown;
  away_until_ms_ = 0;
  SetError({});
  SetDebrief(false);
  emit currentChanged();
  emit unreadChanged();
  emit availabilityChanged();
  if (client_ != nullptr) refresh(true);
}

void CasesController::refresh(bool fetch) {
  if (client_ == nullptr) return;
  Client* c = client_;
  const uint64_t generation = generation_;
  auto apply = [this, generation](std::shared_ptr<Snapshot> snapshot) {
    PostTo(this, [this, generation, snapshot] {
      if (generation == generation_ && client_ != nullptr) Apply(*snapshot);
    });
  };
  if (!fetch) return Gather(c, apply);
  // The directory again first: the helper's own availability as the relay
  // has it (also "full", which the client publishes by itself).
  c->Organisations().Then([c, apply](Result<std::vector<client::OrganisationInfo>> orgs) {
    if (!orgs.ok() || orgs->empty()) return Gather(c, apply);
    auto left = std::make_shared<std::atomic<size_t>>(orgs->size());
    for (const auto& org : *orgs) {
      c->RefreshOrganisation(org.org_id).Then([c, apply, left](Result<client::OrganisationInfo> r) {
        r.status().IgnoreError();  // offline: what this device holds is shown
        if (--*left == 0) Gather(c, apply);
      });
    }
  });
}

namespace {

void Gather(Client* c, std::function<void(std::shared_ptr<CasesController::Snapshot>)> done) {
  using Snapshot = CasesController::Snapshot;
  auto s = std::make_shared<Snapshot>();
  const std::string language = AppLanguageCode();
  c->Organisations().Then([c, s, done, language](Result<std::vector<client::OrganisationInfo>> r) {
    {
      std::lock_guard lock(s->mu);
      if (r.ok()) s->orgs = std::move(*r);
      s->pending = 3 + 2 * s->orgs.size();
    }
    auto finish = [s, done] {
      bool last = false;
      {
        std::lock_guard lock(s->mu);
        last = --s->pending == 0;
      }
      if (last) done(s);
    };
    for (const auto& org : std::vector<client::OrganisationInfo>(s->orgs)) {
      const std::string id = org.org_id;
      c->CaseCategories(id, language)
          .Then([s, finish, id](Result<std::vector<client::CaseCategory>> r) {
            if (r.ok()) {
              std::lock_guard lock(s->mu);
              s->categories[id] = std::move(*r);
            }
            finish();
          });
      c->Resources(id, language).Then([s, finish, id](Result<std::vector<client::ContactInfo>> r) {
        if (r.ok()) {
          std::lock_guard lock(s->mu);
          s->resources[id] = std::move(*r);
        }
        finish();
      });
    }
    c->Helpers(client::HelperFilter{}).Then([s, finish](Result<std::vector<client::HelperInfo>> r) {
      if (r.ok()) {
        std::lock_guard lock(s->mu);
        s->helpers = std::move(*r);
      }
      finish();
    });
    c->WhoAmI().Then([s, finish](Result<client::WhoAmIInfo> r) {
      if (r.ok()) {
        std::lock_guard lock(s->mu);
        s->me = r->account_id;
      }
      finish();
    });
    c->Cases().Then([s, finish](Result<std::vector<client::CaseInfo>> r) {
      if (r.ok()) {
        std::lock_guard lock(s->mu);
        s->cases = std::move(*r);
        s->cases_ok = true;
      }
      finish();
    });
  });
}

}  // namespace

void CasesController::Apply(Snapshot& s) {
  std::lock_guard lock(s.mu);
  orgs_.clear();
  for (const auto& org : s.orgs) orgs_[org.org_id] = org;
  categories_ = std::move(s.categories);
  resources_ = std::move(s.resources);
  helpers_ = std::move(s.helpers);
  if (!s.me.empty()) me_ = s.me;

  bool is_helper = false;
  int availability = Unknown;
  int64_t away_until = 0;
  for (const auto& h : helpers_) {
    if (h.account != me_ || me_.empty()) continue;
    is_helper = true;
    availability = static_cast<int>(h.availability);
    away_until = h.back_at_ms;
    break;
  }
  if (is_helper != is_helper_ || availability != availability_ || away_until != away_until_ms_) {
    is_helper_ = is_helper;
    availability_ = availability;
    away_until_ms_ = away_until;
    emit availabilityChanged();
  }

  if (s.cases_ok) {
    std::vector<CasesModel::Row> rows;
    std::map<std::string, int> unread;
    for (auto& info : s.cases) {
      CasesModel::Row row;
      auto org = orgs_.find(info.org_id);
      if (org != orgs_.end()) row.org_name = QString::fromStdString(org->second.name);
      row.category_name = QString::fromStdString(info.category);
      for (const auto& category : categories_[info.org_id]) {
        if (category.id == info.category) row.category_name = QString::fromStdString(category.name);
      }
      if (info.role == client::CaseRole::kSeeker)
        row.peer_name = HelperName(info.org_id, info.peer);
      row.handover_name = HelperName(info.org_id, info.handover_to);
      if (auto u = unread_.find(info.case_id); u != unread_.end()) {
        row.unread = u->second;
        unread.insert(*u);
      }
      row.info = std::move(info);
      rows.push_back(std::move(row));
    }
    unread_ = std::move(unread);  // a case gone takes its count along
    model_.SetRows(std::move(rows));
    emit unreadChanged();
  }
  emit currentChanged();
  ReloadEntries();  // the cards' texts may have come with this snapshot
}

QString CasesController::HelperName(const std::string& org_id, const std::string& account) const {
  if (account.empty()) return {};
  for (const auto& h : helpers_) {
    if (h.org_id == org_id && h.account == account) return QString::fromStdString(h.name);
  }
  return {};
}

void CasesController::open(const QString& caseId) {
  current_ = caseId;
  if (unread_.erase(caseId.toStdString()) > 0) emit unreadChanged();
  entries_.SetRows({});
  SetError({});
  emit currentChanged();
  ReloadEntries();
  MarkCurrentRead();
  // Opened a moment ago (Find help opens a case and shows it): not listed yet.
  if (!caseId.isEmpty() && model_.rowOf(caseId) < 0) refresh(false);
}

// The other side sees their words read once the case is on screen (as the
// plain chat's markSeen does).
void CasesController::MarkCurrentRead() {
  if (client_ == nullptr || current_.isEmpty()) return;
  client_->MarkCaseRead(current_.toStdString()).Then([](Status s) {
    s.IgnoreError();  // a case closed meanwhile has nothing left to mark
  });
}

void CasesController::ReloadEntries() {
  if (client_ == nullptr || current_.isEmpty()) return entries_.SetRows({});
  const uint64_t generation = generation_;
  const QString case_id = current_;
  client_->CaseEntries(case_id.toStdString())
      .Then([this, generation, case_id](Result<std::vector<client::CaseEntryInfo>> r) {
        // A case wiped meanwhile has no entries left to show.
        auto entries = std::make_shared<std::vector<client::CaseEntryInfo>>();
        if (r.ok()) *entries = std::move(*r);
        PostTo(this, [this, generation, case_id, entries] {
          if (generation != generation_ || case_id != current_) return;
          const CasesModel::Row* row = model_.Find(case_id);
          std::vector<CaseEntriesModel::Row> rows;
          for (auto& entry : *entries) {
            CaseEntriesModel::Row out;
            if (!entry.referral.empty() && row != nullptr) {
              for (const auto& card : resources_[row->info.org_id]) {
                if (card.id == entry.referral) out.card = card;
              }
            }
            out.entry = std::move(entry);
            rows.push_back(std::move(out));
          }
          entries_.SetRows(std::move(rows));
        });
      });
}

void CasesController::OnEvent(const client::Event& event) {
  if (auto* changed = As<client::CaseChanged>(event)) {
    static const char* const kNews[] = {"opened", "offered", "message", "referral",
                                        "handover-asked"};
    const bool news = std::any_of(std::begin(kNews), std::end(kNews),
                                  [&](const char* w) { return changed->what == w; });
    if (QString::fromStdString(changed->case_id) == current_) {
      ReloadEntries();
      if (news) MarkCurrentRead();
    } else if (news) {
      NoteUnread(changed->case_id);
    }
    if (changed->what == "status") return;  // a mark moved: nothing else changed
    // A helper's open cases changed: client-core may have published "full"
    // (or lifted it); the directory says what seekers see.
    const bool count_changed = changed->what == "opened" || changed->what == "accepted" ||
                               changed->what == "closed" || changed->what == "own-accepted";
    refresh(is_helper_ && count_changed);
  } else if (As<client::CaseLimitWarning>(event) != nullptr) {
    refresh(false);
  }
}

void CasesController::NoteUnread(const std::string& case_id) {
  ++unread_[case_id];
  emit unreadChanged();
}

}  // namespace kollega::desktop
