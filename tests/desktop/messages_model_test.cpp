// The desktop's lazy chat model and stored unread counts, against the real
// relay and real stores, headless: a long conversation opens on its newest
// page, older pages are added above (not a reset) while the model never
// holds more than its window, paging back down reaches the newest again,
// the Chat screen keeps the rows on screen in place when a page is added,
// and unread counts come back after the app locks and unlocks.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "app_controller.h"
#include "desktop_test_util.h"
#include "support/relay_process.h"

using kollega::desktop::AppController;
using kollega::desktop::MessagesModel;
using kollega::testing::RelayProcess;
using kollega::testing::TempDir;

namespace {

constexpr int kTimeoutMs = 15000;
constexpr int kPage = static_cast<int>(MessagesModel::kPageSize);
constexpr int kWindow = static_cast<int>(MessagesModel::kMaxRows);
constexpr int kTotal = kWindow + kPage + 10;  // 260: past the window by a page and some
const QString kPassphrase = kollega::testing::kDesktopPassphrase;
// Nobody's account: the messages are stored and stay queued.
const QString kPeer = QStringLiteral("6b6f6c6c000000000000000000000001");

QString TextAt(MessagesModel* m, int row) {
  return m->data(m->index(row), MessagesModel::kTextRole).toString();
}

QString Nth(int i) { return QStringLiteral("message %1").arg(i); }

}  // namespace

class MessagesModelTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<AppController> NewAccount(const QString& dir) {
    return kollega::testing::NewDesktopAccount(dir, QString::fromStdString(relay_->url()),
                                               kTimeoutMs);
  }

  // Stores `n` messages to kPeer, "message 0" the oldest.
  static bool Fill(AppController& app, int n) {
    std::vector<kollega::client::Async<kollega::Result<std::string>>> sent;
    for (int i = 0; i < n; ++i) sent.push_back(app.client()->Send(kPeer.toStdString(), "x"));
    bool ok = true;
    for (auto& s : sent) ok = s.Get().ok() && ok;
    return ok;
  }

  std::unique_ptr<RelayProcess> relay_;

 private slots:
  void initTestCase() {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    kollega::desktop::RegisterQmlTypes();
    relay_ = std::make_unique<RelayProcess>(KOLLEGA_RELAY_BIN);
    QVERIFY(relay_->Start());
  }
  void cleanupTestCase() { relay_.reset(); }

  void olderPagesAreAddedAboveWithinABoundedWindow() {
    TempDir tmp;
    auto app = NewAccount(QString::fromStdString(tmp.Sub("store")));
    QVERIFY(app);
    std::vector<kollega::client::Async<kollega::Result<std::string>>> sent;
    for (int i = 0; i < kTotal; ++i) {
      sent.push_back(app->client()->Send(kPeer.toStdString(), Nth(i).toStdString()));
    }
    for (auto& s : sent) QVERIFY(s.Get().ok());

    MessagesModel* m = app->messages();
    m->open(kPeer);
    QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), kPage, kTimeoutMs);
    QCOMPARE(TextAt(m, kPage - 1), Nth(kTotal - 1));
    QVERIFY(m->canLoadMore());
    QVERIFY(!m->canLoadNewer());

    QSignalSpy resets(m, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m, &QAbstractItemModel::rowsInserted);
    QSignalSpy older(m, &MessagesModel::olderLoaded);
    m->loadMore();
    QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), 2 * kPage, kTimeoutMs);
    QCOMPARE(resets.count(), 0);  // added above, not reloaded
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), kPage - 1);
    QCOMPARE(older.first().at(0).toInt(), kPage);  // the row that was first
    QCOMPARE(TextAt(m, kPage), Nth(kTotal - kPage));
    QCOMPARE(TextAt(m, 0), Nth(kTotal - 2 * kPage));

    // Up to the oldest: the window stays at kMaxRows, the newest dropped.
    while (m->canLoadMore()) {
      const QString first = TextAt(m, 0);
      m->loadMore();
      QTRY_VERIFY_WITH_TIMEOUT(TextAt(m, 0) != first, kTimeoutMs);
      QVERIFY(m->rowCount() <= kWindow);
    }
    QCOMPARE(TextAt(m, 0), Nth(0));
    QCOMPARE(m->rowCount(), kWindow);
    QCOMPARE(TextAt(m, kWindow - 1), Nth(kWindow - 1));
    QVERIFY(m->canLoadNewer());

    // And back down to the newest.
    while (m->canLoadNewer()) {
      const QString last = TextAt(m, m->rowCount() - 1);
      m->loadNewer();
      QTRY_VERIFY_WITH_TIMEOUT(TextAt(m, m->rowCount() - 1) != last || !m->canLoadNewer(),
                               kTimeoutMs);
      QVERIFY(m->rowCount() <= kWindow);
    }
    QCOMPARE(TextAt(m, m->rowCount() - 1), Nth(kTotal - 1));
    QVERIFY(m->canLoadMore());

    // What is sent now shows at the end, once.
    m->send("the newest");
    QTRY_COMPARE_WITH_TIMEOUT(TextAt(m, m->rowCount() - 1), QStringLiteral("the newest"),
                              kTimeoutMs);
    QCOMPARE(TextAt(m, m->rowCount() - 2), Nth(kTotal - 1));
  }

  // The Chat screen, scrolled to its top, gets the older page above and
  // still shows the message that was at the top.
  void chatViewKeepsItsPlaceWhenOlderMessagesLoad() {
    TempDir tmp;
    auto app = NewAccount(QString::fromStdString(tmp.Sub("store")));
    QVERIFY(app);
    QVERIFY(Fill(*app, 3 * kPage));
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", app.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* window = engine.rootObjects().first();
    QVERIFY(QMetaObject::invokeMethod(window, "openChat", Q_ARG(QVariant, QVariant(kPeer))));
    MessagesModel* m = app->messages();
    QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), kPage, kTimeoutMs);
    auto* list = window->findChild<QQuickItem*>("messagesList");
    QVERIFY(list);
    // Opened on the newest.
    QTRY_VERIFY_WITH_TIMEOUT(list->property("atYEnd").toBool(), kTimeoutMs);

    QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtBeginning"));
    QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), 2 * kPage, kTimeoutMs);
    QTest::qWait(100);  // a frame or two for the view
    int top = -1;
    const double y = list->property("contentY").toDouble() + 1;
    QVERIFY(QMetaObject::invokeMethod(list, "indexAt", Q_RETURN_ARG(int, top), Q_ARG(qreal, 10),
                                      Q_ARG(qreal, y)));
    QCOMPARE(top, kPage);  // the message that was at the top still is
  }

  // The unread count is the store's: it is there again after a lock.
  void unreadCountSurvivesLockAndUnlock() {
    TempDir tmp;
    auto seeker = NewAccount(QString::fromStdString(tmp.Sub("seeker")));
    auto helper = NewAccount(QString::fromStdString(tmp.Sub("helper")));
    QVERIFY(seeker && helper);
    seeker->messages()->open(helper->accountId());
    seeker->messages()->send("one");
    seeker->messages()->send("two");
    auto* list = helper->conversations();
    QTRY_COMPARE_WITH_TIMEOUT(list->unreadFor(seeker->accountId()), 2, kTimeoutMs);
    QCOMPARE(list->totalUnread(), 2);

    helper->lock();
    QCOMPARE(list->totalUnread(), 0);  // nothing shown while locked
    helper->unlock(kPassphrase);
    QTRY_COMPARE_WITH_TIMEOUT(list->unreadFor(seeker->accountId()), 2, kTimeoutMs);
    QCOMPARE(list->totalUnread(), 2);

    list->markSeen(seeker->accountId());
    QCOMPARE(list->unreadFor(seeker->accountId()), 0);
    QTest::qWait(300);  // the store's count is written
    helper->lock();
    helper->unlock(kPassphrase);
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, kTimeoutMs);
    QCOMPARE(list->unreadFor(seeker->accountId()), 0);
  }
};

QTEST_MAIN(MessagesModelTest)
#include "messages_model_test.moc"
