// kollega-desktop's backend and screens against the real relay, headless
// (QT_QPA_PLATFORM=offscreen, set by CTest): first run, unlock, a wrong
// passphrase that leaves the store untouched, delivery and read marks
// between two app instances, and a language switch seen on screen.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
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

constexpr int kTimeoutMs = 10000;
const QString kPassphrase = kollega::testing::kDesktopPassphrase;

// Every file under `dir` with a hash of its bytes: what "untouched" means.
QMap<QString, QByteArray> Snapshot(const QString& dir) {
  QMap<QString, QByteArray> files;
  QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) continue;
    files.insert(path.mid(dir.size()),
                 QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
  }
  return files;
}

}  // namespace

class DesktopTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<AppController> MakeApp(const QString& dir) {
    return kollega::testing::MakeDesktopApp(dir, QString::fromStdString(relay_->url()));
  }

  // A first run to the end: an account on the relay and a store in `dir`;
  // null (and a warning) if it did not get there.
  std::unique_ptr<AppController> NewAccount(const QString& dir) {
    return kollega::testing::NewDesktopAccount(dir, QString::fromStdString(relay_->url()));
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

  void firstRunCreatesAccountAndStore() {
    TempDir tmp;
    const QString dir = QString::fromStdString(tmp.Sub("store"));
    auto app = MakeApp(dir);
    QCOMPARE(app->state(), AppController::FirstRun);
    // Two different passphrases: refused before anything is made.
    app->createAccount(kPassphrase, kPassphrase + "x");
    QVERIFY(!app->error().isEmpty());
    QVERIFY(!QFileInfo::exists(dir));
    app->createAccount(kPassphrase, kPassphrase);
    QVERIFY(app->busy());  // the UI thread did not wait for the proof of work
    QTRY_COMPARE_WITH_TIMEOUT(app->state(), AppController::Ready, kTimeoutMs);
    QVERIFY(app->error().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(app->accountId().size(), 32, kTimeoutMs);
    QVERIFY(QFileInfo::exists(dir + "/store.key"));
    // A later start asks for the passphrase.
    app.reset();
    QCOMPARE(MakeApp(dir)->state(), AppController::Locked);
  }

  void wrongPassphraseChangesNothing() {
    TempDir tmp;
    const QString dir = QString::fromStdString(tmp.Sub("store"));
    QString account;
    {
      auto app = NewAccount(dir);
      QVERIFY(app);
      account = app->accountId();
    }
    const auto before = Snapshot(dir);
    QVERIFY(!before.isEmpty());
    auto app = MakeApp(dir);
    QCOMPARE(app->state(), AppController::Locked);
    app->unlock("not my passphrase");
    QTRY_VERIFY_WITH_TIMEOUT(!app->busy(), kTimeoutMs);
    QVERIFY(!app->error().isEmpty());
    QCOMPARE(app->state(), AppController::Locked);
    QVERIFY(app->client() == nullptr);
    QCOMPARE(Snapshot(dir), before);

    app->unlock(kPassphrase);
    QTRY_COMPARE_WITH_TIMEOUT(app->state(), AppController::Ready, kTimeoutMs);
    QVERIFY(app->error().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(app->accountId(), account, kTimeoutMs);
  }

  void messageShowsDeliveredThenRead() {
    TempDir tmp;
    auto seeker = NewAccount(QString::fromStdString(tmp.Sub("seeker")));
    auto helper = NewAccount(QString::fromStdString(tmp.Sub("helper")));
    QVERIFY(seeker && helper);
    MessagesModel* chat = seeker->messages();
    chat->open(helper->accountId());
    chat->send("Hello, is anyone there?");
    QTRY_COMPARE_WITH_TIMEOUT(chat->rowCount(), 1, kTimeoutMs);
    // The helper's app is running but the chat is not open: delivered only.
    QTRY_COMPARE_WITH_TIMEOUT(chat->statusAt(0), int(MessagesModel::Delivered), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(helper->conversations()->rowCount(), 1, kTimeoutMs);
    QCOMPARE(helper->conversations()->unreadFor(seeker->accountId()), 1);
    QTest::qWait(300);
    QCOMPARE(chat->statusAt(0), int(MessagesModel::Delivered));

    // The helper opens the conversation: the seeker sees it read.
    helper->conversations()->markSeen(seeker->accountId());
    helper->messages()->open(seeker->accountId());
    QTRY_COMPARE_WITH_TIMEOUT(helper->messages()->rowCount(), 1, kTimeoutMs);
    QCOMPARE(
        helper->messages()->data(helper->messages()->index(0), MessagesModel::kTextRole).toString(),
        QStringLiteral("Hello, is anyone there?"));
    QCOMPARE(helper->conversations()->unreadFor(seeker->accountId()), 0);
    QTRY_COMPARE_WITH_TIMEOUT(chat->statusAt(0), int(MessagesModel::Read), kTimeoutMs);
  }

  // Left alone, the app locks itself: the store is closed, and the
  // passphrase opens it again.
  void idleTimeLocksTheApp() {
    TempDir tmp;
    auto app = NewAccount(QString::fromStdString(tmp.Sub("store")));
    QVERIFY(app);
    app->setIdleLockMinutes(0);  // never: stays open
    QTest::qWait(100);
    QCOMPARE(app->state(), AppController::Ready);
    app->SetIdleLockUnitForTest(std::chrono::milliseconds(50));
    app->setIdleLockMinutes(2);
    QTRY_COMPARE_WITH_TIMEOUT(app->state(), AppController::Locked, kTimeoutMs);
    QVERIFY(app->client() == nullptr);
    QVERIFY(app->accountId().isEmpty());
    app->unlock(kPassphrase);
    QTRY_COMPARE_WITH_TIMEOUT(app->state(), AppController::Ready, kTimeoutMs);
  }

  // The Unlock screen as a person uses it: type, press Unlock, read the error.
  void unlockScreenShowsWrongPassphrase() {
    TempDir tmp;
    const QString dir = QString::fromStdString(tmp.Sub("store"));
    QVERIFY(NewAccount(dir));
    auto app = MakeApp(dir);
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", app.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    QObject* field = root->findChild<QObject*>("passphraseField");
    QObject* button = root->findChild<QObject*>("unlockButton");
    QObject* error = root->findChild<QObject*>("errorLabel");
    QVERIFY(field && button && error);
    QVERIFY(!error->property("visible").toBool());
    field->setProperty("text", "not my passphrase");
    QVERIFY(QMetaObject::invokeMethod(button, "clicked"));
    QCOMPARE(field->property("text").toString(), QString());  // not left on screen
    QTRY_VERIFY_WITH_TIMEOUT(error->property("visible").toBool(), kTimeoutMs);
    QVERIFY(error->property("text").toString().contains("not right"));
    QCOMPARE(app->state(), AppController::Locked);
    QVERIFY(root->findChild<QObject*>("unlockScreen"));
  }

  // With no organisation joined, the Safety button, on the first screen
  // already, gives the emergency number.
  void safetyButtonShowsEmergencyNumber() {
    TempDir tmp;
    auto app = MakeApp(QString::fromStdString(tmp.Sub("store")));
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", app.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    QObject* dialog = root->findChild<QObject*>("safetyDialog");
    QObject* generic = root->findChild<QObject*>("safetyGeneric");
    QVERIFY(dialog && generic);
    QVERIFY(!dialog->property("opened").toBool());
    QVERIFY(QMetaObject::invokeMethod(root->findChild<QObject*>("safetyButton"), "clicked"));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), kTimeoutMs);
    QVERIFY(generic->property("visible").toBool());
    QVERIFY(generic->property("text").toString().contains("112"));
  }

  void languageSwitchChangesVisibleText() {
    TempDir tmp;
    auto app = MakeApp(QString::fromStdString(tmp.Sub("store")));
    QQmlApplicationEngine engine;
    app->languages()->SetEngine(&engine);
    engine.rootContext()->setContextProperty("app", app.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    auto text = [root](const char* name) {
      QObject* item = root->findChild<QObject*>(name);
      return item ? item->property("text").toString() : QStringLiteral("<missing %1>").arg(name);
    };
    QVERIFY(app->languages()->setLanguage("en"));
    QCOMPARE(text("firstRunTitle"), QStringLiteral("Welcome to Kollega"));
    // English has its plural forms from its catalogue too.
    QCOMPARE(
        QCoreApplication::translate("Conversations", "Conversation %1, %n new message(s)", "", 1),
        QStringLiteral("Conversation %1, 1 new message"));
    QCOMPARE(text("safetyButton"), QStringLiteral("Safety"));
    QVERIFY(app->languages()->setLanguage("da"));
    QCOMPARE(text("firstRunTitle"), QStringLiteral("Velkommen til Kollega"));
    QCOMPARE(text("safetyButton"), QStringLiteral("Hjælp nu"));
    QVERIFY(app->languages()->setLanguage("nb"));
    QCOMPARE(text("firstRunTitle"), QStringLiteral("Velkommen til Kollega"));
    QCOMPARE(text("safetyButton"), QStringLiteral("Hjelp nå"));
    QVERIFY(app->languages()->setLanguage("nl"));
    QCOMPARE(text("firstRunTitle"), QStringLiteral("Welkom bij Kollega"));
    QCOMPARE(text("safetyButton"), QStringLiteral("Hulp nu"));
    QVERIFY(!app->languages()->setLanguage("xx"));
    QCOMPARE(app->languages()->current(), QStringLiteral("nl"));
    QCOMPARE(kollega::desktop::Languages::ForLocale("nb_NO"), QStringLiteral("nb"));
    QCOMPARE(kollega::desktop::Languages::ForLocale("de_DE"), QStringLiteral("en"));
  }
};

QTEST_MAIN(DesktopTest)
#include "desktop_test.moc"
