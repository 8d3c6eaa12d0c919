// HelpersModel: the helper directory of the joined organisations as the
// Organisations screen lists it, one row per helper certificate that
// client-core verified (Client::Helpers with the screen's filter):
// profile, organisation and signed availability. Replaced whole at each
// load; the directory is small (one organisation's helpers).
//
// Ownership: owned by the OrganisationsController; holds copies.
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <vector>

#include "kollega/client-core/types.h"

namespace kollega::desktop {

class HelpersModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

 public:
  enum Role {
    kOrgIdRole = Qt::UserRole + 1,
    kOrgNameRole,
    kAccountRole,
    kNameRole,
    kProfessionRole,
    kRegionRole,
    kGenderRole,
    kSectorRole,
    kLanguagesRole,  // QStringList of language codes
    kIntroductionRole,
    kAvailabilityRole,  // Availability below
    kBackAtRole,        // ms since the epoch; 0 = not said
  };
  // client::Availability's numbers, for QML.
  enum Availability { Unknown = 0, Available = 1, Away = 2, Full = 3 };
  Q_ENUM(Availability)

  using QAbstractListModel::QAbstractListModel;

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

  // `org_names`: organisation id (hex) -> name, for the rows' org name.
  void Set(std::vector<client::HelperInfo> helpers, const QHash<QString, QString>& org_names);
  void Clear() { Set({}, {}); }
  // For tests: row `row`'s value of `role`.
  Q_INVOKABLE QVariant get(int row, const QString& role) const;

 signals:
  void countChanged();

 private:
  std::vector<client::HelperInfo> helpers_;
  QHash<QString, QString> org_names_;
};

}  // namespace kollega::desktop
