// ConversationsModel: the Conversations screen's list, most recent first,
// with how many messages arrived in each since it was last opened here: the
// unread count client-core keeps in the store (Conversation::unread, reset
// by MarkRead), so it survives a restart and a lock.
//
// Ownership: borrows the Client (SetClient; nullptr while locked); results
// are posted to this object's thread. Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QString>
#include <vector>

#include "kollega/client-core/client.h"

namespace kollega::desktop {

class ConversationsModel : public QAbstractListModel {
  Q_OBJECT
  // Messages not yet seen in all conversations: the tray icon's count.
  Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)

 public:
  enum Role { kPeerRole = Qt::UserRole + 1, kShortPeerRole, kCountRole, kLastRole, kUnreadRole };

  explicit ConversationsModel(QObject* parent = nullptr);

  void SetClient(client::Client* client);
  Q_INVOKABLE void refresh();
  // The user opened this chat: its unread count goes back to zero, on
  // screen at once and in the store (MarkRead).
  Q_INVOKABLE void markSeen(const QString& peer);
  Q_INVOKABLE int unreadFor(const QString& peer) const;
  Q_INVOKABLE QString peerAt(int row) const;
  int totalUnread() const;

  // Screenshots only (screenshots.h): rows without a client; `unread`
  // replaces their counts.
  void ShowExamples(std::vector<client::Conversation> rows, QHash<QString, int> unread);

  // From the controller's event pump; `open_peer` is the chat on screen,
  // whose messages are read as they arrive.
  void OnMessage(const client::Message& message, const QString& open_peer);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 signals:
  void totalUnreadChanged();

 private:
  void SetRows(std::vector<client::Conversation> rows);
  int RowOf(const QString& peer) const;

  client::Client* client_ = nullptr;
  uint64_t generation_ = 0;
  std::vector<client::Conversation> rows_;
  int total_unread_ = 0;
};

}  // namespace kollega::desktop
