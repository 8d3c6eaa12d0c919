// ConversationsModel: the Conversations screen's list, most recent first,
// with how many messages arrived in each since it was last opened here.
//
// client-core keeps no unread count yet (docs/desktop.md "Not yet"), so the
// count is this run's: messages received while the app runs and that chat is
// not open.
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
  // The user opened this chat: its unread count goes back to zero.
  Q_INVOKABLE void markSeen(const QString& peer);
  Q_INVOKABLE int unreadFor(const QString& peer) const;
  Q_INVOKABLE QString peerAt(int row) const;
  int totalUnread() const;

  // Screenshots only (screenshots.h): rows without a client.
  void ShowExamples(std::vector<client::Conversation> rows, QHash<QString, int> unread);

  // From the controller's event pump; `open_peer` is the chat on screen.
  void OnMessage(const client::Message& message, const QString& open_peer);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 signals:
  void totalUnreadChanged();

 private:
  client::Client* client_ = nullptr;
  uint64_t generation_ = 0;
  std::vector<client::Conversation> rows_;
  QHash<QString, int> unread_;
};

}  // namespace kollega::desktop
