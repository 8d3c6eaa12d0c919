// SPDX-License-Identifier: GPL-3.0-or-later
#include "messages_model.h"

#include <QDateTime>
#include <functional>
#include <memory>
#include <unordered_map>

#include "event_pump.h"

namespace kollega::desktop {

using client::Message;

namespace {

using Page = std::vector<Message>;

// Runs `done(ok, page)` on `model`'s thread once `call` completes, unless
// the model opened or closed a conversation meanwhile (`generation`).
void OnPage(client::Async<Result<Page>> call, QObject* model, const uint64_t& current,
            std::function<void(bool, Page)> done) {
  const uint64_t generation = current;
  call.Then([model, &current, generation, done](Result<Page> result) {
    const bool ok = result.ok();
    auto page = std::make_shared<Page>(ok ? std::move(*result) : Page());
    PostTo(model, [&current, generation, done, ok, page] {
      if (generation == current) done(ok, std::move(*page));
    });
  });
}

}  // namespace

MessagesModel::MessagesModel(QObject* parent) : QAbstractListModel(parent) {}

void MessagesModel::SetClient(client::Client* client) {
  client_ = client;
  if (client_ == nullptr) close();
}

void MessagesModel::open(const QString& peer) {
  ++generation_;
  peer_ = peer;
  loading_older_ = loading_newer_ = false;
  opening_ = true;
  missed_ = false;
  SetRows({});
  SetOlder(false);
  SetNewer(false);
  emit peerChanged();
  LoadNewest(true);
  if (client_ != nullptr && !peer_.isEmpty()) {
    client_->MarkRead(peer_.toStdString()).Then([](Status s) { s.IgnoreError(); });
  }
}

void MessagesModel::close() {
  ++generation_;
  peer_.clear();
  loading_older_ = loading_newer_ = opening_ = missed_ = false;
  SetRows({});
  SetOlder(false);
  SetNewer(false);
  emit peerChanged();
}

void MessagesModel::loadMore() {
  if (client_ == nullptr || !has_older_ || loading_older_ || rows_.empty()) return;
  loading_older_ = true;
  OnPage(client_->History(peer_.toStdString(), kPageSize, rows_.front().id), this, generation_,
         [this, anchor = rows_.front().id](bool ok, Page page) {
           loading_older_ = false;
           // The window moved meanwhile (a jump to the newest): not its page.
           if (!ok || rows_.empty() || rows_.front().id != anchor) return;
           OnOlder(std::move(page));
         });
}

void MessagesModel::loadNewer() {
  if (client_ == nullptr || !has_newer_ || loading_newer_ || rows_.empty()) return;
  loading_newer_ = true;
  OnPage(client_->HistoryAfter(peer_.toStdString(), rows_.back().id, kPageSize), this, generation_,
         [this, anchor = rows_.back().id](bool ok, Page page) {
           loading_newer_ = false;
           if (!ok || rows_.empty() || rows_.back().id != anchor) return;
           OnNewer(std::move(page));
         });
}

void MessagesModel::send(const QString& text) {
  if (client_ == nullptr || peer_.isEmpty() || text.trimmed().isEmpty()) return;
  const uint64_t generation = generation_;
  client_->Send(peer_.toStdString(), text.toStdString())
      .Then([this, generation](Result<std::string> id) {
        const bool ok = id.ok();
        PostTo(this, [this, generation, ok] {
          if (!ok) emit sendFailed();
          // Sent from here: the newest is what the person wants to see.
          if (generation == generation_) LoadNewest(true);
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
  if (opening_) {
    missed_ = true;  // the first page decides where it goes
  } else if (!has_newer_ && rowOf(QString::fromStdString(message.id)) < 0) {
    // (Scrolled up past the window's end, it loads when the view gets there.)
    Append({message});
  }
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
    LoadNewest(false);  // sent from here a moment ago and not listed yet
    return;
  }
  // A status only moves forward (types.h); events may arrive out of order.
  if (static_cast<int>(status) <= static_cast<int>(rows_[row].status)) return;
  rows_[row].status = status;
  const QModelIndex at = index(row);
  emit dataChanged(at, at, {kStatusRole});
}

void MessagesModel::LoadNewest(bool jump) {
  if (client_ == nullptr || peer_.isEmpty()) return;
  OnPage(client_->History(peer_.toStdString(), kPageSize), this, generation_,
         [this, jump](bool ok, Page page) {
           if (ok) {
             OnNewest(std::move(page), jump);
           } else {
             opening_ = false;
           }
         });
}

void MessagesModel::OnNewest(Page page, bool jump) {
  const bool opening = opening_;
  opening_ = false;
  if (has_newer_ && !jump) return;  // the window is elsewhere: leave it there
  // The window reaches the newest: add what is newer than its last row
  // that the page also has, refresh the statuses that moved on.
  std::unordered_map<std::string, size_t> known;
  if (!has_newer_) {
    for (size_t i = 0; i < rows_.size(); ++i) known.emplace(rows_[i].id, i);
  }
  size_t overlap = page.size();  // the page's index of the newest known row
  for (size_t i = 0; i < page.size(); ++i) {
    auto at = known.find(page[i].id);
    if (at == known.end()) continue;
    overlap = i;
    if (static_cast<int>(page[i].status) > static_cast<int>(rows_[at->second].status)) {
      rows_[at->second].status = page[i].status;
      const QModelIndex changed = index(static_cast<int>(at->second));
      emit dataChanged(changed, changed, {kStatusRole});
    }
  }
  if (overlap == page.size()) {  // nothing in common: the page replaces the window
    // No paging until the view is at the newest: a view that passes the top
    // while it resets must not ask for the page before.
    const bool more = page.size() >= kPageSize;
    SetOlder(false);
    SetNewer(false);
    SetRows(std::move(page));
    emit newestShown();
    SetOlder(more);
  } else {
    Page added;
    for (size_t i = overlap + 1; i < page.size(); ++i) {
      if (known.count(page[i].id) == 0) added.push_back(std::move(page[i]));
    }
    if (!added.empty()) Append(std::move(added));
  }
  // Something arrived while the first page was on its way: it may have
  // been stored just after the page was read.
  if (opening && missed_) {
    missed_ = false;
    LoadNewest(false);
  }
}

void MessagesModel::OnOlder(Page page) {
  SetOlder(page.size() >= kPageSize);
  if (page.empty()) return;
  const int count = static_cast<int>(page.size());
  beginInsertRows(QModelIndex(), 0, count - 1);
  rows_.insert(rows_.begin(), std::make_move_iterator(page.begin()),
               std::make_move_iterator(page.end()));
  endInsertRows();
  if (rows_.size() > kMaxRows) {
    beginRemoveRows(QModelIndex(), static_cast<int>(kMaxRows), static_cast<int>(rows_.size()) - 1);
    rows_.resize(kMaxRows);
    endRemoveRows();
    SetNewer(true);
  }
  emit olderLoaded(count);
}

void MessagesModel::OnNewer(Page page) {
  SetNewer(page.size() >= kPageSize);
  if (page.empty()) return;
  int last = static_cast<int>(rows_.size()) - 1;
  const int first_new = static_cast<int>(rows_.size());
  beginInsertRows(QModelIndex(), first_new, first_new + static_cast<int>(page.size()) - 1);
  rows_.insert(rows_.end(), std::make_move_iterator(page.begin()),
               std::make_move_iterator(page.end()));
  endInsertRows();
  if (rows_.size() > kMaxRows) {
    const int drop = static_cast<int>(rows_.size() - kMaxRows);
    beginRemoveRows(QModelIndex(), 0, drop - 1);
    rows_.erase(rows_.begin(), rows_.begin() + drop);
    endRemoveRows();
    SetOlder(true);
    last -= drop;
  }
  emit newerLoaded(last);
  if (!has_newer_) emit newestShown();
}

void MessagesModel::Append(Page rows) {
  const int first = static_cast<int>(rows_.size());
  beginInsertRows(QModelIndex(), first, first + static_cast<int>(rows.size()) - 1);
  rows_.insert(rows_.end(), std::make_move_iterator(rows.begin()),
               std::make_move_iterator(rows.end()));
  endInsertRows();
  emit newestShown();
}

void MessagesModel::SetRows(Page rows) {
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
}

void MessagesModel::SetOlder(bool more) {
  if (more == has_older_) return;
  has_older_ = more;
  emit canLoadMoreChanged();
}

void MessagesModel::SetNewer(bool more) {
  if (more == has_newer_) return;
  has_newer_ = more;
  emit canLoadNewerChanged();
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
