// CaseEntriesModel: one case's entries for CaseChat.qml, oldest first —
// messages, referrals shown as their resource card, and notices the client
// noted itself (a handover's passed-on words). The CasesController fills it
// from Client::CaseEntries() and the organisation's Resources().
//
// Ownership: owned by the CasesController; holds copies of the rows.
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <vector>

#include "kollega/client-core/cases.h"
#include "kollega/client-core/types.h"

namespace kollega::desktop {

class CaseEntriesModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(int count READ count NOTIFY countChanged)

 public:
  enum Kind { Message = 0, Referral = 1, Notice = 2 };
  Q_ENUM(Kind)
  struct Row {
    client::CaseEntryInfo entry;
    // The referral's card; only its id when the policy no longer has it.
    client::ContactInfo card;
  };
  enum Role {
    kKindRole = Qt::UserRole + 1,
    kOutgoingRole,
    kAtRole,  // ms since the epoch
    kTextRole,
    kCardLabelRole,
    kCardPhoneRole,
    kCardEmailRole,
    kCardHoursRole,
    kCardDescriptionRole,
    // An outgoing text's mark as MessagesModel::Mark (queued, sent,
    // delivered, read); Received (no mark) for everything else.
    kStatusRole,
  };

  using QAbstractListModel::QAbstractListModel;

  void SetRows(std::vector<Row> rows);
  int count() const { return static_cast<int>(rows_.size()); }
  // One role of one row by name, for tests.
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
