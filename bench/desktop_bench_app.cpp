// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktop_bench_app.h"

#include <malloc.h>

#include <QElapsedTimer>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "app_controller.h"
#include "desktop_bench_util.h"

namespace kollega::bench {
namespace {

using desktop::AppController;
using desktop::MessagesModel;

constexpr int kTimeoutMs = 30000;

double Ms(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

// The window and a count of the frames it has drawn.
class Screen {
 public:
  Screen(AppController* app, QQmlApplicationEngine* engine) : app_(app) {
    QObject* root = engine->rootObjects().first();
    window_ = qobject_cast<QQuickWindow*>(root);
    QObject::connect(
        window_, &QQuickWindow::frameSwapped, window_, [this] { ++frames_; }, Qt::QueuedConnection);
  }
  QQuickWindow* window() const { return window_; }
  // Until a frame drawn after now has been shown.
  bool NextFrame() {
    const int seen = frames_;
    window_->requestUpdate();
    return WaitFor([&] { return frames_ > seen; }, kTimeoutMs);
  }
  // The shown screen's list (a screen left is deleted only later).
  QQuickItem* List() const {
    auto* loader = window_->findChild<QQuickItem*>("screenLoader");
    auto* screen = loader ? loader->property("item").value<QQuickItem*>() : nullptr;
    return screen ? screen->findChild<QQuickItem*>("messagesList") : nullptr;
  }
  QString IdAt(int row) const {
    MessagesModel* m = app_->messages();
    return m->data(m->index(row), MessagesModel::kIdRole).toString();
  }
  // The list shows row `row`: its delegate exists and lies in the viewport.
  bool Shows(int row) const {
    QQuickItem* list = List();
    QQuickItem* item = nullptr;
    if (list == nullptr ||
        !QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem*, item),
                                   Q_ARG(int, row)) ||
        item == nullptr) {
      return false;
    }
    const double top = list->property("contentY").toDouble();
    return item->y() + item->height() > top && item->y() < top + list->height();
  }
  // openChat(peer) until `newest` is the last row, on screen, drawn.
  double OpenMs(const QString& peer, const QString& newest) {
    QElapsedTimer t;
    t.start();
    QMetaObject::invokeMethod(window_, "openChat", Q_ARG(QVariant, QVariant(peer)));
    MessagesModel* m = app_->messages();
    const bool shown = WaitFor(
        [&] {
          const int n = m->rowCount();
          return n > 0 && IdAt(n - 1) == newest && Shows(n - 1);
        },
        kTimeoutMs);
    if (!shown || !NextFrame()) {
      const int n = m->rowCount();
      std::fprintf(stderr, "open: %d rows, last is the newest: %d, on screen: %d, list: %d\n", n,
                   n > 0 && IdAt(n - 1) == newest, n > 0 && Shows(n - 1), List() != nullptr);
      if (QQuickItem* l = List()) {
        std::fprintf(stderr, "contentY %f contentHeight %f height %f count %d atYEnd %d\n",
                     l->property("contentY").toDouble(), l->property("contentHeight").toDouble(),
                     l->height(), l->property("count").toInt(), l->property("atYEnd").toBool());
      }
      return -1;
    }
    const double ms = Ms(t);
    QMetaObject::invokeMethod(window_, "showConversations");
    NextFrame();
    return ms;
  }

 private:
  AppController* app_;
  QQuickWindow* window_ = nullptr;
  int frames_ = 0;
};

// Scrolls the open chat to the top as a person would (the view at its
// beginning asks for the page), then a few pages back down.
bool Scroll(Screen& screen, MessagesModel* m, AppFigures* out) {
  std::vector<double> page_ms;
  out->max_rows = m->rowCount();
  while (m->canLoadMore()) {
    const QString first = screen.IdAt(0);
    auto moved = [&] { return screen.IdAt(0) != first || !m->canLoadMore(); };
    QElapsedTimer t;
    t.start();
    QMetaObject::invokeMethod(screen.List(), "positionViewAtBeginning");
    if (!WaitFor(moved, 3000)) {
      ++out->pages_direct;
      m->loadMore();
      if (!WaitFor(moved, kTimeoutMs)) return false;
    }
    if (!screen.NextFrame()) return false;
    page_ms.push_back(Ms(t));
    ++out->pages_up;
    out->max_rows = std::max(out->max_rows, m->rowCount());
  }
  out->page_up_ms = Median(page_ms);
  out->reached_oldest =
      m->data(m->index(0), MessagesModel::kTextRole).toString().startsWith("Message 0 ");
  out->max_rows_down = m->rowCount();
  for (int i = 0; i < 3 && m->canLoadNewer(); ++i) {
    const QString last = screen.IdAt(m->rowCount() - 1);
    QMetaObject::invokeMethod(screen.List(), "positionViewAtEnd");
    if (!WaitFor([&] { return screen.IdAt(m->rowCount() - 1) != last; }, 3000)) {
      QQuickItem* l = screen.List();
      std::fprintf(stderr, "down: contentY %f contentHeight %f height %f atYEnd %d newer %d\n",
                   l->property("contentY").toDouble(), l->property("contentHeight").toDouble(),
                   l->height(), l->property("atYEnd").toBool(), m->canLoadNewer());
      break;
    }
    ++out->pages_down;
    out->max_rows_down = std::max(out->max_rows_down, m->rowCount());
  }
  return true;
}

}  // namespace

bool MeasureApp(const BenchStore& store, int runs, AppFigures* out, std::string* error) {
  AppController::Options options;
  options.data_dir = QString::fromStdString(store.dir);
  options.relay_url = "ws://127.0.0.1:9";  // the account has its own; nothing listens there
  options.idle_lock_minutes = 0;
  AppController app(options);
  QQmlApplicationEngine engine;
  app.languages()->SetEngine(&engine);
  app.languages()->setLanguage("en");
  engine.rootContext()->setContextProperty("app", &app);
  engine.load(QUrl("qrc:/qml/Main.qml"));
  if (engine.rootObjects().isEmpty()) {
    *error = "Main.qml did not load";
    return false;
  }
  Screen screen(&app, &engine);
  app.unlock(QString::fromStdString(store.passphrase));
  if (!WaitFor([&] { return app.state() == AppController::Ready; }, kTimeoutMs)) {
    *error = "the store did not open: " + app.error().toStdString();
    return false;
  }
  const int expected = out->conversations;
  if (!WaitFor([&] { return app.conversations()->rowCount() == expected; }, kTimeoutMs) ||
      !screen.NextFrame()) {
    *error = "the conversation list did not fill";
    return false;
  }
  out->rss_kb = RssKb();

  // Alternated, so that a noisy moment hits both alike.
  std::vector<double> open_long, open_short;
  const QString big = QString::fromStdString(store.big_peer);
  const QString small = QString::fromStdString(store.small_peer);
  for (int i = 0; i < runs; ++i) {
    open_short.push_back(screen.OpenMs(small, QString::fromStdString(store.small_id)));
    open_long.push_back(screen.OpenMs(big, QString::fromStdString(store.newest_id)));
  }
  if (*std::min_element(open_long.begin(), open_long.end()) < 0 ||
      *std::min_element(open_short.begin(), open_short.end()) < 0) {
    *error = "a conversation did not open";
    return false;
  }
  out->open_long_ms = Median(open_long);
  out->open_short_ms = Median(open_short);

  std::vector<double> newest, deep;
  for (int i = 0; i < 10 * runs; ++i) {
    QElapsedTimer t;
    t.start();
    const bool a = app.client()->History(store.big_peer, MessagesModel::kPageSize).Get().ok();
    newest.push_back(Ms(t));
    t.restart();
    const bool b =
        app.client()->History(store.big_peer, MessagesModel::kPageSize, store.deep_id).Get().ok();
    deep.push_back(Ms(t));
    if (!a || !b) {
      *error = "a history page could not be read";
      return false;
    }
  }
  out->page_newest_ms = Median(newest);
  out->page_deep_ms = Median(deep);
  // Without a cursor, reaching the top meant a window of every message.
  std::vector<double> whole;
  for (int i = 0; i < runs; ++i) {
    QElapsedTimer t;
    t.start();
    if (!app.client()->History(store.big_peer, store.messages).Get().ok()) {
      *error = "the whole history could not be read";
      return false;
    }
    whole.push_back(Ms(t));
  }
  out->whole_ms = Median(whole);

  QMetaObject::invokeMethod(screen.window(), "openChat", Q_ARG(QVariant, QVariant(big)));
  if (!WaitFor([&] { return app.messages()->rowCount() > 0 && screen.List(); }, kTimeoutMs)) {
    *error = "the long conversation did not open";
    return false;
  }
  out->rss_before_scroll_kb = RssKb();
  if (!Scroll(screen, app.messages(), out)) {
    *error = "scrolling stopped before the top";
    return false;
  }
  out->rss_after_scroll_kb = RssKb();
  // What of the growth is garbage and freed memory the allocator kept,
  // rather than memory still held.
  engine.collectGarbage();
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  malloc_trim(0);
  out->rss_after_gc_kb = RssKb();
  return true;
}

}  // namespace kollega::bench
