// MessagesModel: one conversation's messages for the Chat screen, oldest
// first. Lazy (docs/desktop.md "How it works"): it holds a window of at most
// kMaxRows messages, opens on the newest page, and reads one more page from
// client-core's history cursor (History before the oldest row, HistoryAfter
// the newest) when the view reaches either end. A page added at one end
// drops the rows past kMaxRows at the other, so scrolling through a long
// conversation never holds more than the window.
//
// The view keeps its place through the signals: olderLoaded / newerLoaded
// name the row to keep at the top / bottom, newestShown asks it to follow
// the end (Chat.qml).
//
// Ownership: borrows the Client (SetClient; nullptr while locked). Results
// arrive on the client's worker and are posted to this object's thread; a
// result for a conversation no longer shown, or for a window that moved
// meanwhile, is dropped. Thread-safety: UI thread only.
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
  // Older messages exist before the first row.
  Q_PROPERTY(bool canLoadMore READ canLoadMore NOTIFY canLoadMoreChanged)
  // Newer messages exist after the last row (the window was scrolled up).
  Q_PROPERTY(bool canLoadNewer READ canLoadNewer NOTIFY canLoadNewerChanged)

 public:
  enum Role { kTextRole = Qt::UserRole + 1, kOutgoingRole, kStatusRole, kTimeRole, kIdRole };
  // Mirrors client::MessageStatus for QML (the numbers are the same).
  enum Mark { Queued = 0, Sent = 1, Delivered = 2, Read = 3, Received = 4 };
  Q_ENUM(Mark)
  static constexpr size_t kPageSize = 50;
  // The window: enough for a tall screen and a page either side of it.
  static constexpr size_t kMaxRows = 4 * kPageSize;

  explicit MessagesModel(QObject* parent = nullptr);

  void SetClient(client::Client* client);
  QString peer() const { return peer_; }
  bool canLoadMore() const { return has_older_; }
  bool canLoadNewer() const { return has_newer_; }

  // Shows the conversation with `peer` (hex account id) and marks it read.
  Q_INVOKABLE void open(const QString& peer);
  Q_INVOKABLE void close();
  // One more page of older messages.
  Q_INVOKABLE void loadMore();
  // One more page of newer messages (after loadMore dropped some).
  Q_INVOKABLE void loadNewer();
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
  void canLoadNewerChanged();
  void sendFailed();
  // Rows were added above: `row` is the one that was first (keep it at the top).
  void olderLoaded(int row);
  // Rows were added below: `row` is the one that was last (keep it at the bottom).
  void newerLoaded(int row);
  // The newest message is now the last row: follow it.
  void newestShown();

 private:
  // The newest page: the first one at open, merged at the end after a send
  // (`jump`: also when the window was scrolled away from the newest).
  void LoadNewest(bool jump);
  void OnNewest(std::vector<client::Message> page, bool jump);
  void OnOlder(std::vector<client::Message> page);
  void OnNewer(std::vector<client::Message> page);
  void Append(std::vector<client::Message> rows);
  void SetRows(std::vector<client::Message> rows);
  void SetOlder(bool more);
  void SetNewer(bool more);

  client::Client* client_ = nullptr;
  QString peer_;
  bool has_older_ = false;
  bool has_newer_ = false;
  bool loading_older_ = false;
  bool loading_newer_ = false;
  bool opening_ = false;     // the first page is on its way
  bool missed_ = false;      // a message arrived meanwhile
  uint64_t generation_ = 0;  // bumped at each open/close: drops stale results
  std::vector<client::Message> rows_;
};

}  // namespace kollega::desktop
