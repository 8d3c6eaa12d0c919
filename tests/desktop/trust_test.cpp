// kollega-desktop's devices and trust, notifications and saved settings,
// headless against the real relay (QT_QPA_PLATFORM=offscreen, set by
// CTest): two devices of one account listed and one unlinked; QR codes that
// decode back to their text; safety numbers; an identity change that blocks
// sending in Chat until accepted; the notifier's count and its content-free
// text; the language and idle minutes kept across a restart.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <zbar.h>

#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QWindow>
#include <QtTest>
#include <memory>

#include "app_controller.h"
#include "desktop_test_util.h"
#include "kollega/crypto/signal_context.h"
#include "kollega/crypto/signal_keys.h"
#include "notifier.h"
#include "qr_image.h"
#include "store/client_store.h"
#include "support/relay_process.h"

using kollega::desktop::AppController;
using kollega::desktop::DevicesModel;
using kollega::desktop::Notifier;
using kollega::desktop::TrustController;
using kollega::testing::RelayProcess;
using kollega::testing::TempDir;

namespace {

constexpr int kTimeoutMs = 10000;
const QString kPassphrase = kollega::testing::kDesktopPassphrase;

// What a phone's camera would read from `image`: the first QR code's text.
QString DecodeQr(const QImage& image) {
  const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
  std::string pixels;
  for (int y = 0; y < gray.height(); ++y) {
    pixels.append(reinterpret_cast<const char*>(gray.constScanLine(y)),
                  static_cast<size_t>(gray.width()));
  }
  zbar::ImageScanner scanner;
  scanner.set_config(zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  scanner.set_config(zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  zbar::Image frame(static_cast<unsigned>(gray.width()), static_cast<unsigned>(gray.height()),
                    "Y800", pixels.data(), pixels.size());
  scanner.scan(frame);
  for (auto symbol = frame.symbol_begin(); symbol != frame.symbol_end(); ++symbol) {
    return QString::fromStdString(symbol->get_data());
  }
  return {};
}

// Every text in the conversation with `peer`, as the client stores it.
QStringList Texts(AppController& app, const QString& peer) {
  QStringList texts;
  auto history = app.client()->History(peer.toStdString()).Get();
  if (!history.ok()) return texts;
  for (const auto& m : *history) texts.append(QString::fromStdString(m.text));
  return texts;
}

}  // namespace

class TrustTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<AppController> MakeApp(const QString& dir, bool with_relay = true) {
    return kollega::testing::MakeDesktopApp(
        dir, with_relay ? QString::fromStdString(relay_->url()) : QString());
  }

  static bool WaitReady(AppController& app) { return kollega::testing::WaitDesktopReady(app); }

  std::unique_ptr<AppController> NewAccount(const QString& dir) {
    return kollega::testing::NewDesktopAccount(dir, QString::fromStdString(relay_->url()));
  }

  // `sender` writes to `receiver` and the receiver's store has it.
  static bool Exchange(AppController& sender, AppController& receiver, const QString& text) {
    sender.messages()->open(receiver.accountId());
    sender.messages()->send(text);
    return QTest::qWaitFor([&] { return Texts(receiver, sender.accountId()).contains(text); },
                           kTimeoutMs);
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

  // First run on a new computer: the code read from a picture of the QR code
  // the other device shows links it; a picture without one says so.
  void linkByPictureOfTheCode() {
    TempDir tmp;
    auto first = NewAccount(QString::fromStdString(tmp.Sub("first")));
    QVERIFY(first);
    first->trust()->startLinking();
    QTRY_VERIFY_WITH_TIMEOUT(!first->trust()->linkingCode().isEmpty(), kTimeoutMs);
    const QString picture = QString::fromStdString(tmp.Sub("code.png"));
    QVERIFY(kollega::desktop::QrImage(first->trust()->linkingCode()).save(picture));
    const QString blank = QString::fromStdString(tmp.Sub("blank.png"));
    QImage white(200, 200, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(white.save(blank));

    auto second = MakeApp(QString::fromStdString(tmp.Sub("second")));
    QSignalSpy read(second.get(), &AppController::linkCodeRead);
    second->readLinkCodeFromImage(QUrl::fromLocalFile(blank));
    QTRY_VERIFY_WITH_TIMEOUT(second->error().contains("No linking code"), kTimeoutMs);
    QCOMPARE(read.count(), 0);
    second->readLinkCodeFromImage(QUrl::fromLocalFile(picture));
    QTRY_COMPARE_WITH_TIMEOUT(read.count(), 1, kTimeoutMs);
    const QString code = read.first().first().toString();
    QCOMPARE(code, first->trust()->linkingCode());
    second->linkDevice(kPassphrase, kPassphrase, code);
    QVERIFY(WaitReady(*second));
    QCOMPARE(second->accountId(), first->accountId());
  }

  // A second computer linked with the first's code shows in both lists;
  // unlinked from the first, it is gone from the list and cannot connect.
  void devicesListedAndUnlinked() {
    TempDir tmp;
    auto first = NewAccount(QString::fromStdString(tmp.Sub("first")));
    QVERIFY(first);
    TrustController* trust = first->trust();
    QTRY_COMPARE_WITH_TIMEOUT(trust->devices()->rowCount(), 1, kTimeoutMs);

    trust->startLinking();
    QTRY_VERIFY_WITH_TIMEOUT(!trust->linkingCode().isEmpty(), kTimeoutMs);
    QVERIFY(!trust->linkingQr().isEmpty());
    const QString code = trust->linkingCode();
    auto second = MakeApp(QString::fromStdString(tmp.Sub("second")));
    second->linkDevice(kPassphrase, kPassphrase, code);
    QVERIFY(WaitReady(*second));
    QCOMPARE(second->accountId(), first->accountId());
    // The dialog closed: the code is not kept.
    trust->clearLinkingCode();
    QVERIFY(trust->linkingCode().isEmpty());
    QVERIFY(trust->linkingQr().isEmpty());

    trust->refreshDevices();
    QTRY_COMPARE_WITH_TIMEOUT(trust->devices()->rowCount(), 2, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(second->trust()->devices()->rowCount(), 2, kTimeoutMs);
    int other = 0;
    int here = 0;
    for (int row = 0; row < 2; ++row) {
      const QModelIndex index = trust->devices()->index(row);
      QVERIFY(!trust->devices()->nameAt(row).isEmpty());
      QVERIFY(trust->devices()->data(index, DevicesModel::kLinkedRole).toDateTime().isValid());
      if (trust->devices()->data(index, DevicesModel::kThisDeviceRole).toBool()) {
        ++here;
      } else {
        other = trust->devices()->deviceIdAt(row);
      }
    }
    QCOMPARE(here, 1);
    QVERIFY(other > 0);

    QSignalSpy unlinked(trust, &TrustController::deviceUnlinked);
    trust->unlinkDevice(other);
    QTRY_COMPARE_WITH_TIMEOUT(unlinked.count(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(trust->devices()->rowCount(), 1, kTimeoutMs);
    QVERIFY(
        trust->devices()->data(trust->devices()->index(0), DevicesModel::kThisDeviceRole).toBool());
    QVERIFY(trust->error().isEmpty());
    QVERIFY(!trust->thisDeviceUnlinked());
    // The relay dropped the unlinked computer and refuses it from now on.
    QTRY_VERIFY_WITH_TIMEOUT(!second->online(), kTimeoutMs);
    second->client()->Disconnect().Get().IgnoreError();
    const kollega::Status again = second->client()->Connect().Get();
    QVERIFY2(!again.ok(), "an unlinked device connected again");

    // A third computer unlinks itself: it says so, and cannot connect again.
    trust->startLinking();
    QTRY_VERIFY_WITH_TIMEOUT(!trust->linkingCode().isEmpty(), kTimeoutMs);
    auto third = MakeApp(QString::fromStdString(tmp.Sub("third")));
    third->linkDevice(kPassphrase, kPassphrase, trust->linkingCode());
    trust->clearLinkingCode();
    QVERIFY(WaitReady(*third));
    TrustController* own = third->trust();
    own->refreshDevices();
    QTRY_COMPARE_WITH_TIMEOUT(own->devices()->rowCount(), 2, kTimeoutMs);
    int self = 0;
    for (int row = 0; row < 2; ++row) {
      if (own->devices()
              ->data(own->devices()->index(row), DevicesModel::kThisDeviceRole)
              .toBool()) {
        self = own->devices()->deviceIdAt(row);
      }
    }
    QVERIFY(self > 0);
    own->unlinkDevice(self);
    QTRY_VERIFY_WITH_TIMEOUT(own->thisDeviceUnlinked(), kTimeoutMs);
    QVERIFY(own->error().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(trust->devices()->rowCount(), 1, kTimeoutMs);
    third->client()->Disconnect().Get().IgnoreError();
    QVERIFY2(!third->client()->Connect().Get().ok(), "a device that unlinked itself connected");
  }

  // The QR code drawn for a text (directly and through the "qr" image
  // provider QML uses) reads back as that text.
  void qrImageDecodesToItsText() {
    const QString code = QStringLiteral(
        "AbC-123_xyz0AbC-123_xyz0AbC-123_xyz0AbC-123_xyz0AbC-123_xyz0AbC-123_xyz0AbC-123_xyz0AbC-"
        "123_xyz0AbC-123_xyz0");
    QCOMPARE(DecodeQr(kollega::desktop::QrImage(code, 4)), code);
    const QString digits = QStringLiteral("052153849274026813957301846297054812639502718465930281");
    const QString source = kollega::desktop::QrSource(digits);
    QVERIFY(source.startsWith("image://qr/"));
    kollega::desktop::QrImageProvider provider;
    QSize size;
    const QImage image =
        provider.requestImage(source.mid(QStringLiteral("image://qr/").size()), &size, {200, 200});
    QVERIFY(!image.isNull());
    QCOMPARE(size, image.size());
    QVERIFY(image.width() >= 200);
    QCOMPARE(DecodeQr(image), digits);
    QVERIFY(kollega::desktop::QrSource({}).isEmpty());
  }

  // Both sides work out the same 60 digits, shown as 12 groups of 5.
  void safetyNumberIsSameOnBothSides() {
    TempDir tmp;
    auto alice = NewAccount(QString::fromStdString(tmp.Sub("alice")));
    auto bob = NewAccount(QString::fromStdString(tmp.Sub("bob")));
    QVERIFY(alice && bob);
    QVERIFY(Exchange(*alice, *bob, "hello"));
    alice->trust()->showSafetyNumber(bob->accountId());
    bob->trust()->showSafetyNumber(alice->accountId());
    QTRY_COMPARE_WITH_TIMEOUT(alice->trust()->safetyGroups().size(), 12, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(bob->trust()->safetyGroups().size(), 12, kTimeoutMs);
    const QStringList groups = alice->trust()->safetyGroups();
    QCOMPARE(groups.join("").size(), 60);
    for (const QString& group : groups) {
      QCOMPARE(group.size(), 5);
      for (QChar c : group) QVERIFY(c.isDigit());
    }
    QCOMPARE(bob->trust()->safetyGroups(), groups);
    QCOMPARE(DecodeQr(kollega::desktop::QrImage(groups.join(""), 4)), groups.join(""));
    QVERIFY(!alice->trust()->safetyQr().isEmpty());
    alice->trust()->clearSafetyNumber();
    QVERIFY(alice->trust()->safetyGroups().isEmpty());
    QVERIFY(TrustController::GroupSafetyNumber("12345").isEmpty());
  }

  // Bob comes back with another identity key (as Alice's store sees it):
  // in Chat the notice opens, Send is disabled with the reason shown;
  // accepting enables it again and the message goes.
  void identityChangeBlocksSendingUntilAccepted() {
    TempDir tmp;
    const QString alice_dir = QString::fromStdString(tmp.Sub("alice"));
    auto bob = NewAccount(QString::fromStdString(tmp.Sub("bob")));
    QVERIFY(bob);
    QString alice_id;
    {
      auto alice = NewAccount(alice_dir);
      QVERIFY(alice);
      alice_id = alice->accountId();
      QVERIFY(Exchange(*alice, *bob, "first"));
    }
    {
      // The app is closed: change the key Alice's store pinned for Bob, as
      // a relay substituting keys (or Bob's new set-up) would look to her.
      kollega::client::Client::Options::StoreKey key;
      key.passphrase = kPassphrase.toStdString();
      auto store = kollega::client::OpenRocksClientStore(alice_dir.toStdString() + "/store", key);
      QVERIFY(store.ok());
      auto context = kollega::crypto::SignalContext::Create();
      QVERIFY(context.ok());
      auto other = kollega::crypto::GenerateIdentityKeyPair(**context);
      QVERIFY(other.ok());
      const QByteArray bob_raw = QByteArray::fromHex(bob->accountId().toLatin1());
      QVERIFY((*store)->PinIdentity(bob_raw.toStdString(), other->public_key).ok());
    }
    auto alice = MakeApp(alice_dir);
    QQmlApplicationEngine engine;
    kollega::desktop::AddQrImageProvider(&engine);
    engine.rootContext()->setContextProperty("app", alice.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    alice->unlock(kPassphrase);
    QVERIFY(WaitReady(*alice));
    QVERIFY(QMetaObject::invokeMethod(root, "openChat", Q_ARG(QVariant, bob->accountId())));
    QObject* notice = root->findChild<QObject*>("identityChangeDialog");
    QVERIFY(notice);
    QVERIFY(!notice->property("opened").toBool());

    bob->messages()->open(alice_id);
    bob->messages()->send("after the change");
    QTRY_VERIFY_WITH_TIMEOUT(alice->trust()->changedPeers().contains(bob->accountId()), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(notice->property("opened").toBool(), kTimeoutMs);
    QCOMPARE(notice->property("peer").toString(), bob->accountId());
    // Locked, the notice goes; unlocked (offline, so that nothing arrives
    // to flag it again), the change is still pending and the notice is back
    // (Client::PendingIdentityChanges).
    alice->lock();
    QTRY_VERIFY_WITH_TIMEOUT(!notice->property("opened").toBool(), kTimeoutMs);
    QVERIFY(alice->trust()->changedPeers().isEmpty());
    QCOMPARE(relay_->Stop(), 0);
    alice->unlock(kPassphrase);
    QTRY_COMPARE_WITH_TIMEOUT(alice->state(), AppController::Ready, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(alice->trust()->changedPeers().contains(bob->accountId()), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(notice->property("opened").toBool(), kTimeoutMs);
    QVERIFY(relay_->Restart());
    QVERIFY(WaitReady(*alice));
    QVERIFY(QMetaObject::invokeMethod(root, "openChat", Q_ARG(QVariant, bob->accountId())));
    QObject* input = root->findChild<QObject*>("messageInput");
    QObject* send = root->findChild<QObject*>("sendButton");
    QObject* blocked = root->findChild<QObject*>("identityBlockedNotice");
    QVERIFY(input && send && blocked);
    input->setProperty("text", "are you still there?");
    QVERIFY(!send->property("enabled").toBool());
    QVERIFY(blocked->property("visible").toBool());
    QVERIFY(!Texts(*alice, bob->accountId()).contains("after the change"));

    QObject* accept = root->findChild<QObject*>("acceptIdentityButton");
    QVERIFY(accept);
    QVERIFY(QMetaObject::invokeMethod(accept, "clicked"));
    QTRY_VERIFY_WITH_TIMEOUT(alice->trust()->changedPeers().isEmpty(), kTimeoutMs);
    QVERIFY(!blocked->property("visible").toBool());
    QVERIFY(send->property("enabled").toBool());
    // The new number to compare, then the notice closes.
    QTRY_COMPARE_WITH_TIMEOUT(alice->trust()->safetyGroups().size(), 12, kTimeoutMs);
    QVERIFY(QMetaObject::invokeMethod(root->findChild<QObject*>("identityDoneButton"), "clicked"));
    QTRY_VERIFY_WITH_TIMEOUT(!notice->property("opened").toBool(), kTimeoutMs);
    // What Bob sent meanwhile arrives; what Alice sends now reaches him.
    QTRY_VERIFY_WITH_TIMEOUT(Texts(*alice, bob->accountId()).contains("after the change"),
                             kTimeoutMs);
    QVERIFY(QMetaObject::invokeMethod(send, "clicked"));
    QTRY_VERIFY_WITH_TIMEOUT(Texts(*bob, alice_id).contains("are you still there?"), kTimeoutMs);
  }

  // The tray's count follows what is unread; a notification says only that
  // something arrived: no text, no sender.
  void notifierCountsWithoutContent() {
    TempDir tmp;
    auto alice = NewAccount(QString::fromStdString(tmp.Sub("alice")));
    auto bob = NewAccount(QString::fromStdString(tmp.Sub("bob")));
    QVERIFY(alice && bob);
    Notifier notifier(bob.get(), /*use_tray=*/false);
    QVERIFY(!notifier.HasTray());
    QCOMPARE(notifier.unread(), 0);
    // While the person is looking at the window, no notification.
    QWindow window;
    window.show();
    window.requestActivate();
    QTRY_VERIFY_WITH_TIMEOUT(window.isActive(), kTimeoutMs);
    notifier.SetWindow(&window);
    QVERIFY(Exchange(*alice, *bob, "seen in the window"));
    QTRY_COMPARE_WITH_TIMEOUT(notifier.unread(), 1, kTimeoutMs);
    QTest::qWait(200);
    QCOMPARE(notifier.notificationCount(), 0);
    // Hidden (closed to the tray): notified.
    window.hide();
    bob->conversations()->markSeen(alice->accountId());
    QCOMPARE(notifier.unread(), 0);
    QSignalSpy shown(&notifier, &Notifier::notified);
    const QString secret = QStringLiteral("my patient died on Tuesday");
    QVERIFY(Exchange(*alice, *bob, secret));
    QTRY_COMPARE_WITH_TIMEOUT(notifier.unread(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.notificationCount(), 1, kTimeoutMs);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(notifier.lastTitle(), QStringLiteral("Kollega"));
    QCOMPARE(notifier.lastMessage(), QStringLiteral("New message in Kollega"));
    for (const QString& said : {notifier.lastTitle(), notifier.lastMessage(), notifier.toolTip()}) {
      QVERIFY(!said.contains("patient"));
      QVERIFY(!said.contains(alice->accountId().left(8)));
    }
    QCOMPARE(notifier.toolTip(), QStringLiteral("Kollega: 1 unread"));
    QVERIFY(Exchange(*alice, *bob, "and another"));
    QTRY_COMPARE_WITH_TIMEOUT(notifier.unread(), 2, kTimeoutMs);
    QCOMPARE(notifier.toolTip(), QStringLiteral("Kollega: 2 unread"));
    QVERIFY(Notifier::IconImage(2) != Notifier::IconImage(0));
    bob->conversations()->markSeen(alice->accountId());
    QCOMPARE(notifier.unread(), 0);
  }

  // The language and idle minutes chosen in Settings, and the relay of the
  // first run, are there again at the next start.
  void settingsSurviveRestart() {
    TempDir tmp;
    const QString dir = QString::fromStdString(tmp.Sub("store"));
    {
      auto app = NewAccount(dir);
      QVERIFY(app);
      QCOMPARE(app->idleLockMinutes(), 10);
      app->chooseLanguage("da");
      app->setIdleLockMinutes(7);
    }
    auto app = MakeApp(dir, /*with_relay=*/false);
    QCOMPARE(app->idleLockMinutes(), 7);
    QCOMPARE(app->languages()->current(), QStringLiteral("da"));
    QVERIFY(app->HasSavedLanguage());
    QCOMPARE(app->relayUrl(), QString::fromStdString(relay_->url()));
    // Nothing secret in the file.
    QFile file(kollega::desktop::SettingsStore::PathFor(dir));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(!saved.contains(kPassphrase.toUtf8()));
    app->languages()->setLanguage("en");
  }
};

QTEST_MAIN(TrustTest)
#include "trust_test.moc"
