// SPDX-License-Identifier: GPL-3.0-or-later
// CasesController's properties for the screens: the open case, its
// organisation's categories, resource cards and other helpers, as QML maps.
#include "cases_controller.h"
#include "languages.h"
#include "orgs_controller.h"

namespace kollega::desktop {

int CasesController::unread() const {
  int total = 0;
  for (const auto& [id, count] : unread_) total += count;
  return total;
}

QVariantMap CasesController::current() const {
  QVariantMap out;
  const int row = model_.rowOf(current_);
  if (row < 0) return out;
  const auto names = model_.roleNames();
  for (auto it = names.begin(); it != names.end(); ++it) {
    out.insert(QString::fromUtf8(it.value()), model_.data(model_.index(row), it.key()));
  }
  const auto org = orgs_.find(model_.Find(current_)->info.org_id);
  const bool known = org != orgs_.end();
  out.insert("openNow", !known || org->second.open_now);
  out.insert("outOfHoursNotice",
             known ? OutOfHoursNoticeIn(org->second, AppLanguageCode()) : QString());
  return out;
}

QVariantList CasesController::categories() const {
  QVariantList out;
  const CasesModel::Row* row = model_.Find(current_);
  if (row == nullptr) return out;
  auto it = categories_.find(row->info.org_id);
  if (it == categories_.end()) return out;
  for (const auto& c : it->second) {
    out.append(QVariantMap{{"id", QString::fromStdString(c.id)},
                           {"name", QString::fromStdString(c.name)}});
  }
  return out;
}

QVariantList CasesController::resources() const {
  QVariantList out;
  const CasesModel::Row* row = model_.Find(current_);
  if (row == nullptr) return out;
  auto it = resources_.find(row->info.org_id);
  if (it == resources_.end()) return out;
  for (const auto& c : it->second) {
    out.append(QVariantMap{{"id", QString::fromStdString(c.id)},
                           {"label", QString::fromStdString(c.label)},
                           {"phone", QString::fromStdString(c.phone)},
                           {"hours", QString::fromStdString(c.hours)},
                           {"description", QString::fromStdString(c.description)}});
  }
  return out;
}

QVariantList CasesController::helpers() const {
  QVariantList out;
  const CasesModel::Row* row = model_.Find(current_);
  if (row == nullptr) return out;
  for (const auto& h : helpers_) {
    if (h.org_id != row->info.org_id || h.account == me_ || h.account == row->info.peer) continue;
    out.append(QVariantMap{{"account", QString::fromStdString(h.account)},
                           {"name", QString::fromStdString(h.name)},
                           {"profession", QString::fromStdString(h.profession)},
                           {"availability", static_cast<int>(h.availability)}});
  }
  return out;
}

}  // namespace kollega::desktop
