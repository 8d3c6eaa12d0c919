// SPDX-License-Identifier: GPL-3.0-or-later
#include "helpers_model.h"

namespace kollega::desktop {

int HelpersModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(helpers_.size());
}

QVariant HelpersModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const client::HelperInfo& h = helpers_[static_cast<size_t>(index.row())];
  auto text = [](const std::string& s) { return QString::fromStdString(s); };
  switch (role) {
    case kOrgIdRole:
      return text(h.org_id);
    case kOrgNameRole:
      return org_names_.value(text(h.org_id));
    case kAccountRole:
      return text(h.account);
    case kNameRole:
    case Qt::DisplayRole:
      return text(h.name);
    case kProfessionRole:
      return text(h.profession);
    case kRegionRole:
      return text(h.region);
    case kGenderRole:
      return text(h.gender);
    case kSectorRole:
      return text(h.sector);
    case kLanguagesRole: {
      QStringList languages;
      for (const auto& l : h.languages) languages.append(text(l));
      return languages;
    }
    case kIntroductionRole:
      return text(h.introduction);
    case kAvailabilityRole:
      return static_cast<int>(h.availability);
    case kBackAtRole:
      return static_cast<double>(h.back_at_ms);
    default:
      return {};
  }
}

QHash<int, QByteArray> HelpersModel::roleNames() const {
  return {{kOrgIdRole, "orgId"},
          {kOrgNameRole, "orgName"},
          {kAccountRole, "account"},
          {kNameRole, "name"},
          {kProfessionRole, "profession"},
          {kRegionRole, "region"},
          {kGenderRole, "gender"},
          {kSectorRole, "sector"},
          {kLanguagesRole, "languages"},
          {kIntroductionRole, "introduction"},
          {kAvailabilityRole, "availability"},
          {kBackAtRole, "backAt"}};
}

void HelpersModel::Set(std::vector<client::HelperInfo> helpers,
                       const QHash<QString, QString>& org_names) {
  const int before = rowCount();
  beginResetModel();
  helpers_ = std::move(helpers);
  org_names_ = org_names;
  endResetModel();
  if (rowCount() != before) emit countChanged();
}

QVariant HelpersModel::get(int row, const QString& role) const {
  return data(index(row), roleNames().key(role.toUtf8(), -1));
}

}  // namespace kollega::desktop
