// CasesModel: the cases list (Cases.qml) — a seeker's own cases and a
// helper's inbox, offered cases first — with each case's counts against the
// organisation's limit. A plain list the CasesController fills from
// Client::Cases() and the names it looked up; it asks client-core nothing.
//
// Ownership: owned by the CasesController; holds copies of the rows.
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <vector>

#include "kollega/client-core/cases.h"

namespace kollega::desktop {

class CasesModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  // One case with what the list shows beside client-core's CaseInfo.
  struct Row {
    client::CaseInfo info;
    QString org_name;       // empty when the organisation is not joined here
    QString category_name;  // in the app's language where the policy has it
    QString peer_name;      // a helper's name; empty for an anonymous seeker
    QString handover_name;  // the helper a handover is asked to
    int unread = 0;
  };
  enum Role {
    kCaseIdRole = Qt::UserRole + 1,
    kOrgIdRole,
    kOrgNameRole,
    kPeerRole,
    kPeerNameRole,
    kCategoryRole,
    kCategoryNameRole,
    kHelperRole,  // true: this account helps in the case
    kStateRole,   // CaseState: Offered, Open, Closed
    kOpenedRole,  // ms since the epoch
    kConversationsRole,
    kMaxConversationsRole,
    kSupportMinutesRole,
    kMaxSupportMinutesRole,
    kLimitRole,  // LimitLevel
    kLimitReasonRole,
    kHandoverToRole,
    kHandoverNameRole,
    kUnreadRole,
  };
  // Mirror client::CaseState and CaseLimitLevel for QML (same numbers).
  enum CaseState { Offered = 1, Open = 2, Closed = 3 };
  Q_ENUM(CaseState)
  enum LimitLevel { Within = 0, Nearing = 1, Reached = 2 };
  Q_ENUM(LimitLevel)

  using QAbstractListModel::QAbstractListModel;

  void SetRows(std::vector<Row> rows);
  // The row of `case_id`, or null.
  const Row* Find(const QString& case_id) const;
  int count() const { return static_cast<int>(rows_.size()); }
  // The row of `caseId`, or -1 (tests, and the view's selection).
  Q_INVOKABLE int rowOf(const QString& caseId) const;
  // One role of one row by name, for tests and simple bindings.
  Q_INVOKABLE QVariant get(int row, const QString& role) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 signals:
  void countChanged();

 private:
  std::vector<Row> rows_;
};

}  // namespace kollega::desktop
