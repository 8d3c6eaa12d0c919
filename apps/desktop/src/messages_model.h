// MessagesModel: one conversation's messages for the Chat screen, oldest
// first. Lazy (docs/desktop.md "Models"): it holds the newest page only and
// asks client-core for a larger window when the view scrolls to the top, so
// a long history is never loaded whole.
//
// Ownership: borrows the Client (SetClient; nullptr while locked). Results
// arrive on the client's worker and are posted to this object's thread; a
// result for a conversation no longer shown is dropped. Thread-safety: UI
// thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <vector>

#include "kollega/client-core/client.h"

namespace kollega::desktop {

class MessagesModel : public QAbstractListModel {
  Q_OBJECT
  Q_PROPERTY(QString peer READ peer NOTIFY peerChanged)
  Q_PROPERTY(bool canLoadMore READ canLoadMore NOTIFY canLoadMoreChanged)

 public:
  enum Role { kTextRole = Qt::UserRole + 1, kOutgoingRole, kStatusRole, kTimeRole, kIdRole };
  // Mirrors client::MessageStatus for QML (the numbers are the same).
  enum Mark { Queued = 0, Sent = 1, Delivered = 2, Read = 3, Received = 4 };
  Q_ENUM(Mark)
  static constexpr size_t kPageSize = 50;

  explicit MessagesModel(QObject* parent = nullptr);

  void SetClient(client::Client* client);
  QString peer() const { return peer_; }
  bool canLoadMore() const { return can_load_more_; }

  // Shows the conversation with `peer` (hex account id) and marks it read.
  Q_INVOKABLE void open(const QString& peer);
  Q_INVOKABLE void close();
  // One more page of older messages.
  Q_INVOKABLE void loadMore();
  Q_INVOKABLE void send(const QString& text);
  // The row of message `id`, or -1 (tests and the view's status marks).
  Q_INVOKABLE int rowOf(const QString& id) const;
  Q_INVOKABLE int statusAt(int row) const;

  // Screenshots only (screenshots.h): rows without a client.
  void ShowExamples(const QString& peer, std::vector<client::Message> rows);

  // From the controller's event pump.
  void OnMessage(const client::Message& message);
  void OnStatus(const std::string& peer, const std::string& id, client::MessageStatus status);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QHash<int, QByteArray> roleNames() const override;

 signals:
  void peerChanged();
  void canLoadMoreChanged();
  void sendFailed();

 private:
  void Reload();
  void SetRows(std::vector<client::Message> rows);

  client::Client* client_ = nullptr;
  QString peer_;
  size_t window_ = kPageSize;
  bool can_load_more_ = false;
  uint64_t generation_ = 0;  // bumped at each open/close: drops stale results
  std::vector<client::Message> rows_;
};

}  // namespace kollega::desktop
