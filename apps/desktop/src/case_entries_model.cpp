// SPDX-License-Identifier: GPL-3.0-or-later
#include "case_entries_model.h"

namespace kollega::desktop {

void CaseEntriesModel::SetRows(std::vector<Row> rows) {
  const int before = count();
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
  if (before != count()) emit countChanged();
}

QVariant CaseEntriesModel::get(int row, const QString& role) const {
  const QByteArray name = role.toUtf8();
  const auto names = roleNames();
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (it.value() == name) return data(index(row), it.key());
  }
  return {};
}

int CaseEntriesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

QVariant CaseEntriesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= count()) return {};
  const Row& r = rows_[index.row()];
  auto text = [](const std::string& s) { return QString::fromStdString(s); };
  switch (role) {
    case kKindRole:
      return !r.entry.referral.empty() ? Referral : !r.entry.notice.empty() ? Notice : Message;
    case kOutgoingRole:
      return r.entry.outgoing;
    case kAtRole:
      return static_cast<double>(r.entry.at_ms);
    case kTextRole:
      return text(!r.entry.notice.empty() ? r.entry.notice : r.entry.text);
    case kCardLabelRole:
      return text(r.card.label.empty() ? r.entry.referral : r.card.label);
    case kCardPhoneRole:
      return text(r.card.phone);
    case kCardEmailRole:
      return text(r.card.email);
    case kCardHoursRole:
      return text(r.card.hours);
    case kCardDescriptionRole:
      return text(r.card.description);
    case kStatusRole:
      return static_cast<int>(r.entry.status);
    default:
      return {};
  }
}

QHash<int, QByteArray> CaseEntriesModel::roleNames() const {
  return {{kKindRole, "kind"},
          {kOutgoingRole, "outgoing"},
          {kAtRole, "at"},
          {kTextRole, "text"},
          {kCardLabelRole, "cardLabel"},
          {kCardPhoneRole, "cardPhone"},
          {kCardEmailRole, "cardEmail"},
          {kCardHoursRole, "cardHours"},
          {kCardDescriptionRole, "cardDescription"},
          {kStatusRole, "status"}};
}

}  // namespace kollega::desktop
