// SPDX-License-Identifier: GPL-3.0-or-later
#include "devices_model.h"

#include <QDateTime>

namespace kollega::desktop {
namespace {

QDateTime FromMs(int64_t ms) { return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms) : QDateTime(); }

}  // namespace

void DevicesModel::Set(std::vector<client::DeviceInfo> devices) {
  beginResetModel();
  rows_ = std::move(devices);
  endResetModel();
}

QString DevicesModel::nameAt(int row) const {
  if (row < 0 || row >= rowCount()) return {};
  return QString::fromStdString(rows_[static_cast<size_t>(row)].name);
}

int DevicesModel::deviceIdAt(int row) const {
  if (row < 0 || row >= rowCount()) return 0;
  return static_cast<int>(rows_[static_cast<size_t>(row)].device_id);
}

int DevicesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant DevicesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const client::DeviceInfo& d = rows_[static_cast<size_t>(index.row())];
  switch (role) {
    case kDeviceIdRole:
      return static_cast<int>(d.device_id);
    case Qt::DisplayRole:
    case kNameRole:
      return QString::fromStdString(d.name);
    case kLinkedRole:
      return FromMs(d.linked_at_ms);
    case kLastSeenRole:
      return FromMs(d.last_seen_ms);
    case kThisDeviceRole:
      return d.this_device;
    default:
      return {};
  }
}

QHash<int, QByteArray> DevicesModel::roleNames() const {
  return {{kDeviceIdRole, "deviceId"},
          {kNameRole, "name"},
          {kLinkedRole, "linked"},
          {kLastSeenRole, "lastSeen"},
          {kThisDeviceRole, "thisDevice"}};
}

}  // namespace kollega::desktop
