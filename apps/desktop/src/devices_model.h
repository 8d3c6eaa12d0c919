// DevicesModel: this account's devices as the Devices screen lists them
// (Client::Devices: name, when linked, when the relay last saw it, which
// one is this computer). Filled by the TrustController.
//
// Ownership: owned by the TrustController; holds plain copies.
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <vector>

#include "kollega/client-core/client.h"

namespace kollega::desktop {

class DevicesModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role {
    kDeviceIdRole = Qt::UserRole + 1,
    kNameRole,
    kLinkedRole,    // QDateTime; invalid when unknown
    kLastSeenRole,  // QDateTime; invalid when the relay never saw it
    kThisDeviceRole,
  };

  using QAbstractListModel::QAbstractListModel;

  void Set(std::vector<client::DeviceInfo> devices);
  // For tests and QML: the name of the row, or "" past the end.
  Q_INVOKABLE QString nameAt(int row) const;
  Q_INVOKABLE int deviceIdAt(int row) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 private:
  std::vector<client::DeviceInfo> rows_;
};

}  // namespace kollega::desktop
