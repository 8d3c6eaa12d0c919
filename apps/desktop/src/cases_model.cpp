// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases_model.h"

#include <algorithm>

namespace kollega::desktop {

void CasesModel::SetRows(std::vector<Row> rows) {
  // Offers waiting for a helper first (first come, first served), then
  // the newest case.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    const bool a_offer = a.info.state == client::CaseState::kOffered;
    const bool b_offer = b.info.state == client::CaseState::kOffered;
    if (a_offer != b_offer) return a_offer;
    return a.info.opened_ms > b.info.opened_ms;
  });
  const int before = count();
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
  if (before != count()) emit countChanged();
}

const CasesModel::Row* CasesModel::Find(const QString& case_id) const {
  const int row = rowOf(case_id);
  return row < 0 ? nullptr : &rows_[row];
}

int CasesModel::rowOf(const QString& caseId) const {
  const std::string wanted = caseId.toStdString();
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].info.case_id == wanted) return static_cast<int>(i);
  }
  return -1;
}

QVariant CasesModel::get(int row, const QString& role) const {
  const QByteArray name = role.toUtf8();
  const auto names = roleNames();
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (it.value() == name) return data(index(row), it.key());
  }
  return {};
}

int CasesModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }

QVariant CasesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= count()) return {};
  const Row& r = rows_[index.row()];
  const client::CaseInfo& c = r.info;
  auto text = [](const std::string& s) { return QString::fromStdString(s); };
  switch (role) {
    case kCaseIdRole:
      return text(c.case_id);
    case kOrgIdRole:
      return text(c.org_id);
    case kOrgNameRole:
      return r.org_name;
    case kPeerRole:
      return text(c.peer);
    case kPeerNameRole:
      return r.peer_name;
    case kCategoryRole:
      return text(c.category);
    case kCategoryNameRole:
      return r.category_name;
    case kHelperRole:
      return c.role == client::CaseRole::kHelper;
    case kStateRole:
      return static_cast<int>(c.state);
    case kOpenedRole:
      return static_cast<double>(c.opened_ms);
    case kConversationsRole:
      return c.conversations;
    case kMaxConversationsRole:
      return c.max_conversations;
    case kSupportMinutesRole:
      return c.support_minutes;
    case kMaxSupportMinutesRole:
      return c.max_support_minutes;
    case kLimitRole:
      return static_cast<int>(c.limit);
    case kLimitReasonRole:
      return text(c.limit_reason);
    case kHandoverToRole:
      return text(c.handover_to);
    case kHandoverNameRole:
      return r.handover_name;
    case kUnreadRole:
      return r.unread;
    default:
      return {};
  }
}

QHash<int, QByteArray> CasesModel::roleNames() const {
  return {{kCaseIdRole, "caseId"},
          {kOrgIdRole, "orgId"},
          {kOrgNameRole, "orgName"},
          {kPeerRole, "peer"},
          {kPeerNameRole, "peerName"},
          {kCategoryRole, "category"},
          {kCategoryNameRole, "categoryName"},
          {kHelperRole, "helper"},
          {kStateRole, "caseState"},
          {kOpenedRole, "opened"},
          {kConversationsRole, "conversations"},
          {kMaxConversationsRole, "maxConversations"},
          {kSupportMinutesRole, "supportMinutes"},
          {kMaxSupportMinutesRole, "maxSupportMinutes"},
          {kLimitRole, "limit"},
          {kLimitReasonRole, "limitReason"},
          {kHandoverToRole, "handoverTo"},
          {kHandoverNameRole, "handoverName"},
          {kUnreadRole, "unread"}};
}

}  // namespace kollega::desktop
