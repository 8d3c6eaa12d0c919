// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations_model.h"

#include <QDateTime>
#include <memory>

#include "event_pump.h"

namespace kollega::desktop {

using client::Conversation;

ConversationsModel::ConversationsModel(QObject* parent) : QAbstractListModel(parent) {}

void ConversationsModel::SetClient(client::Client* client) {
  client_ = client;
  ++generation_;
  beginResetModel();
  rows_.clear();
  unread_.clear();
  endResetModel();
  emit totalUnreadChanged();
  refresh();
}

void ConversationsModel::refresh() {
  if (client_ == nullptr) return;
  const uint64_t generation = generation_;
  client_->Conversations().Then([this, generation](Result<std::vector<Conversation>> list) {
    if (!list.ok()) return;
    auto rows = std::make_shared<std::vector<Conversation>>(std::move(*list));
    PostTo(this, [this, generation, rows] {
      if (generation != generation_) return;
      beginResetModel();
      rows_ = std::move(*rows);
      endResetModel();
    });
  });
}

void ConversationsModel::markSeen(const QString& peer) {
  if (unread_.remove(peer) == 0) return;
  emit totalUnreadChanged();
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (QString::fromStdString(rows_[i].peer) == peer) {
      emit dataChanged(index(static_cast<int>(i)), index(static_cast<int>(i)), {kUnreadRole});
    }
  }
}

int ConversationsModel::unreadFor(const QString& peer) const { return unread_.value(peer, 0); }

int ConversationsModel::totalUnread() const {
  int total = 0;
  for (int n : unread_) total += n;
  return total;
}

QString ConversationsModel::peerAt(int row) const {
  if (row < 0 || static_cast<size_t>(row) >= rows_.size()) return {};
  return QString::fromStdString(rows_[row].peer);
}

void ConversationsModel::ShowExamples(std::vector<Conversation> rows, QHash<QString, int> unread) {
  beginResetModel();
  rows_ = std::move(rows);
  unread_ = std::move(unread);
  endResetModel();
  emit totalUnreadChanged();
}

void ConversationsModel::OnMessage(const client::Message& message, const QString& open_peer) {
  const QString peer = QString::fromStdString(message.peer);
  if (!message.outgoing && peer != open_peer) {
    ++unread_[peer];
    emit totalUnreadChanged();
  }
  refresh();  // order and counts from the store
}

int ConversationsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant ConversationsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || static_cast<size_t>(index.row()) >= rows_.size()) return {};
  const Conversation& c = rows_[index.row()];
  const QString peer = QString::fromStdString(c.peer);
  switch (role) {
    case kPeerRole:
      return peer;
    case kShortPeerRole:
      // Accounts are anonymous: a short prefix is what a person can tell apart.
      return peer.left(8);
    case kCountRole:
      return static_cast<qulonglong>(c.message_count);
    case kLastRole:
      return QDateTime::fromMSecsSinceEpoch(c.last_ms);
    case kUnreadRole:
      return unread_.value(peer, 0);
    default:
      return {};
  }
}

QHash<int, QByteArray> ConversationsModel::roleNames() const {
  return {{kPeerRole, "peer"},
          {kShortPeerRole, "shortPeer"},
          {kCountRole, "messageCount"},
          {kLastRole, "lastTime"},
          {kUnreadRole, "unread"}};
}

}  // namespace kollega::desktop
