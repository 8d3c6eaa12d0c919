// SPDX-License-Identifier: GPL-3.0-or-later
#include "messages_model.h"

#include <QDateTime>
#include <memory>

#include "event_pump.h"

namespace kollega::desktop {

using client::Message;

MessagesModel::MessagesModel(QObject* parent) : QAbstractListModel(parent) {}

void MessagesModel::SetClient(client::Client* client) {
  client_ = client;
  if (client_ == nullptr) close();
}

void MessagesModel::open(const QString& peer) {
  ++generation_;
  peer_ = peer;
  window_ = kPageSize;
  SetRows({});
  emit peerChanged();
  Reload();
  if (client_ != nullptr && !peer_.isEmpty()) {
    client_->MarkRead(peer_.toStdString()).Then([](Status s) { s.IgnoreError(); });
  }
}

void MessagesModel::close() {
  ++generation_;
  peer_.clear();
  SetRows({});
  emit peerChanged();
}

void MessagesModel::loadMore() {
  if (!can_load_more_) return;
  window_ += kPageSize;
  Reload();
}

void MessagesModel::send(const QString& text) {
  if (client_ == nullptr || peer_.isEmpty() || text.trimmed().isEmpty()) return;
  const uint64_t generation = generation_;
  client_->Send(peer_.toStdString(), text.toStdString())
      .Then([this, generation](Result<std::string> id) {
        const bool ok = id.ok();
        PostTo(this, [this, generation, ok] {
          if (!ok) emit sendFailed();
          if (generation == generation_) Reload();
        });
      });
}

int MessagesModel::rowOf(const QString& id) const {
  const std::string wanted = id.toStdString();
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].id == wanted) return static_cast<int>(i);
  }
  return -1;
}

int MessagesModel::statusAt(int row) const {
  if (row < 0 || static_cast<size_t>(row) >= rows_.size()) return -1;
  return static_cast<int>(rows_[row].status);
}

void MessagesModel::ShowExamples(const QString& peer, std::vector<Message> rows) {
  peer_ = peer;
  emit peerChanged();
  SetRows(std::move(rows));
}

void MessagesModel::OnMessage(const Message& message) {
  if (peer_.isEmpty() || message.peer != peer_.toStdString()) return;
  for (const auto& m : rows_) {
    if (m.id == message.id) return;
  }
  const int row = static_cast<int>(rows_.size());
  beginInsertRows(QModelIndex(), row, row);
  rows_.push_back(message);
  endInsertRows();
  // The chat is on screen: what arrives in it has been read.
  if (client_ != nullptr && !message.outgoing) {
    client_->MarkRead(message.peer).Then([](Status s) { s.IgnoreError(); });
  }
}

void MessagesModel::OnStatus(const std::string& peer, const std::string& id,
                             client::MessageStatus status) {
  if (peer_.isEmpty() || peer != peer_.toStdString()) return;
  const int row = rowOf(QString::fromStdString(id));
  if (row < 0) {
    Reload();  // sent from here a moment ago and not listed yet
    return;
  }
  // A status only moves forward (types.h); events may arrive out of order.
  if (static_cast<int>(status) <= static_cast<int>(rows_[row].status)) return;
  rows_[row].status = status;
  const QModelIndex at = index(row);
  emit dataChanged(at, at, {kStatusRole});
}

void MessagesModel::Reload() {
  if (client_ == nullptr || peer_.isEmpty()) return;
  const uint64_t generation = generation_;
  const size_t window = window_;
  client_->History(peer_.toStdString(), window)
      .Then([this, generation, window](Result<std::vector<Message>> history) {
        if (!history.ok()) return;
        auto rows = std::make_shared<std::vector<Message>>(std::move(*history));
        PostTo(this, [this, generation, window, rows] {
          if (generation != generation_) return;
          const bool more = rows->size() >= window;
          SetRows(std::move(*rows));
          if (more != can_load_more_) {
            can_load_more_ = more;
            emit canLoadMoreChanged();
          }
        });
      });
}

void MessagesModel::SetRows(std::vector<Message> rows) {
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
}

int MessagesModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant MessagesModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || static_cast<size_t>(index.row()) >= rows_.size()) return {};
  const Message& m = rows_[index.row()];
  switch (role) {
    case kTextRole:
      return QString::fromStdString(m.text);
    case kOutgoingRole:
      return m.outgoing;
    case kStatusRole:
      return static_cast<int>(m.status);
    case kTimeRole:
      return QDateTime::fromMSecsSinceEpoch(m.outgoing ? m.stored_ms : m.sent_ms);
    case kIdRole:
      return QString::fromStdString(m.id);
    default:
      return {};
  }
}

QHash<int, QByteArray> MessagesModel::roleNames() const {
  return {{kTextRole, "text"},
          {kOutgoingRole, "outgoing"},
          {kStatusRole, "status"},
          {kTimeRole, "time"},
          {kIdRole, "messageId"}};
}

}  // namespace kollega::desktop
