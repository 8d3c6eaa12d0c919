// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversations_model.h"

#include <QDateTime>
#include <algorithm>
#include <climits>
#include <memory>

#include "event_pump.h"

namespace kollega::desktop {

using client::Conversation;

ConversationsModel::ConversationsModel(QObject* parent) : QAbstractListModel(parent) {}

void ConversationsModel::SetClient(client::Client* client) {
  client_ = client;
  ++generation_;
  SetRows({});
  refresh();
}

void ConversationsModel::refresh() {
  if (client_ == nullptr) return;
  const uint64_t generation = generation_;
  client_->Conversations().Then([this, generation](Result<std::vector<Conversation>> list) {
    if (!list.ok()) return;
    auto rows = std::make_shared<std::vector<Conversation>>(std::move(*list));
    PostTo(this, [this, generation, rows] {
      if (generation == generation_) SetRows(std::move(*rows));
    });
  });
}

void ConversationsModel::markSeen(const QString& peer) {
  const int row = RowOf(peer);
  if (row >= 0 && rows_[row].unread != 0) {
    rows_[row].unread = 0;
    emit dataChanged(index(row), index(row), {kUnreadRole});
    total_unread_ = totalUnread();
    emit totalUnreadChanged();
  }
  // Posted: opening a chat (Main.qml's openChat) asks for its first page
  // right after this, and MarkRead, which reads up to 1,000 messages
  // (receipts.cpp), should not go before it on client-core's worker.
  const uint64_t generation = generation_;
  PostTo(this, [this, generation, peer] {
    if (client_ == nullptr || generation != generation_) return;
    client_->MarkRead(peer.toStdString()).Then([this, generation](Status s) {
      s.IgnoreError();  // the count stays in the store; the next refresh shows it
      PostTo(this, [this, generation] {
        if (generation == generation_) refresh();
      });
    });
  });
}

int ConversationsModel::unreadFor(const QString& peer) const {
  const int row = RowOf(peer);
  return row < 0 ? 0 : static_cast<int>(rows_[row].unread);
}

int ConversationsModel::totalUnread() const {
  uint64_t total = 0;
  for (const Conversation& c : rows_) total += c.unread;
  return static_cast<int>(std::min<uint64_t>(total, INT_MAX));
}

QString ConversationsModel::peerAt(int row) const {
  if (row < 0 || static_cast<size_t>(row) >= rows_.size()) return {};
  return QString::fromStdString(rows_[row].peer);
}

void ConversationsModel::ShowExamples(std::vector<Conversation> rows, QHash<QString, int> unread) {
  for (Conversation& c : rows) c.unread = unread.value(QString::fromStdString(c.peer), 0);
  SetRows(std::move(rows));
}

void ConversationsModel::OnMessage(const client::Message& message, const QString& open_peer) {
  const QString peer = QString::fromStdString(message.peer);
  if (client_ != nullptr && !message.outgoing && peer == open_peer) {
    markSeen(peer);  // read on screen; the list follows once the store has it
    return;
  }
  refresh();  // order and counts from the store
}

void ConversationsModel::SetRows(std::vector<Conversation> rows) {
  bool same_order = rows.size() == rows_.size();
  for (size_t i = 0; same_order && i < rows.size(); ++i) same_order = rows[i].peer == rows_[i].peer;
  if (same_order) {
    // A message changed a count or a time: the rows stay, and the view's place.
    for (size_t i = 0; i < rows.size(); ++i) {
      const Conversation& was = rows_[i];
      const Conversation& now = rows[i];
      if (was.unread == now.unread && was.message_count == now.message_count &&
          was.last_ms == now.last_ms) {
        continue;
      }
      rows_[i] = now;
      const QModelIndex at = index(static_cast<int>(i));
      emit dataChanged(at, at, {kCountRole, kLastRole, kUnreadRole});
    }
  } else {
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
  }
  const int total = totalUnread();
  if (total != total_unread_) {
    total_unread_ = total;
    emit totalUnreadChanged();
  }
}

int ConversationsModel::RowOf(const QString& peer) const {
  const std::string wanted = peer.toStdString();
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].peer == wanted) return static_cast<int>(i);
  }
  return -1;
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
      return static_cast<int>(std::min<uint64_t>(c.unread, INT_MAX));
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
