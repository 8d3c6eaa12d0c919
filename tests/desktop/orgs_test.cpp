// Finding help in kollega-desktop against a real relay hosting a real
// organisation (org_fixture.h): joining from a card (link, pasted code, QR
// image), the helper directory and its filters, opening a case that
// reaches the helper's app, the out-of-hours notice before sending, and
// the Safety dialog's numbers per country (docs/desktop.md, "Finding help").
// SPDX-License-Identifier: GPL-3.0-or-later
#include <qrencode.h>

#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtTest>
#include <memory>

#include "app_controller.h"
#include "desktop_test_util.h"
#include "org_fixture.h"
#include "support/relay_process.h"

using kollega::desktop::AppController;
using kollega::desktop::HelpersModel;
using kollega::desktop::OrganisationsController;
using kollega::desktop::testing::HelperProfile;
using kollega::desktop::testing::OrgFixture;
using kollega::desktop::testing::OrgPolicyOptions;
using kollega::testing::TempDir;

namespace {

constexpr int kTimeoutMs = 10000;
const QString kPassphrase = kollega::testing::kDesktopPassphrase;
namespace fixture = kollega::desktop::testing;

// `text` as a QR code in a PNG file, as a phone's photo of a printed card
// would be after cropping: black modules on white, a quiet zone around.
bool WriteQrPng(const QString& text, const QString& path) {
  QRcode* code = QRcode_encodeString(text.toUtf8().constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == nullptr) return false;
  constexpr int kScale = 6, kQuiet = 4;
  const int side = (code->width + 2 * kQuiet) * kScale;
  QImage image(side, side, QImage::Format_RGB32);
  image.fill(Qt::white);
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if ((code->data[y * code->width + x] & 1) == 0) continue;
      for (int dy = 0; dy < kScale; ++dy) {
        for (int dx = 0; dx < kScale; ++dx) {
          image.setPixel((x + kQuiet) * kScale + dx, (y + kQuiet) * kScale + dy, 0xff000000);
        }
      }
    }
  }
  QRcode_free(code);
  return image.save(path, "PNG");
}

// The phone numbers the Safety dialog lists.
QStringList Phones(OrganisationsController* orgs) {
  QStringList phones;
  for (const QVariant& c : orgs->safetyContacts())
    phones.append(c.toMap().value("phone").toString());
  return phones;
}

// The items called `name` anywhere in `window`'s scene, popups and
// delegates included (they are not QObject children of the window).
QList<QQuickItem*> FindItems(QObject* window, const QString& name) {
  QList<QQuickItem*> found;
  auto* quick = qobject_cast<QQuickWindow*>(window);
  if (quick == nullptr) return found;
  QList<QQuickItem*> todo{quick->contentItem()};
  while (!todo.isEmpty()) {
    QQuickItem* item = todo.takeFirst();
    if (item->objectName() == name) found.append(item);
    todo.append(item->childItems());
  }
  return found;
}
QQuickItem* FindItem(QObject* window, const QString& name) {
  const auto found = FindItems(window, name);
  return found.isEmpty() ? nullptr : found.first();
}

// How many cases `app`'s client holds (a helper's inbox).
size_t CaseCount(AppController& app) {
  auto cases = app.client()->Cases().Get();
  return cases.ok() ? cases->size() : size_t(999);
}

}  // namespace

class OrgsTest : public QObject {
  Q_OBJECT

 private:
  // A first run to the end on the fixture's relay; null if it failed.
  std::unique_ptr<AppController> NewAccount(OrgFixture& org, const QString& name) {
    return kollega::testing::NewDesktopAccount(
        QString::fromStdString(tmp_->Sub(name.toStdString())), org.relayUrl());
  }

  // The seeker's app, joined to `org` through the controller.
  std::unique_ptr<AppController> JoinedSeeker(OrgFixture& org) {
    auto seeker = NewAccount(org, "seeker");
    if (!seeker) return nullptr;
    seeker->orgs()->join(org.card());
    if (!QTest::qWaitFor([&] { return seeker->orgs()->helpers()->rowCount() > 0; }, kTimeoutMs)) {
      qWarning("the seeker did not join: %s", qPrintable(seeker->orgs()->error()));
      return nullptr;
    }
    return seeker;
  }

  std::unique_ptr<TempDir> tmp_;

 private slots:
  void initTestCase() {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    kollega::desktop::RegisterQmlTypes();
  }
  void init() { tmp_ = std::make_unique<TempDir>(); }
  void cleanup() { tmp_.reset(); }

  // The fixture itself: a seeker's client that joins from the card sees
  // the enrolled helper, available, and the policy's numbers.
  void fixtureMakesAnOrganisation() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    auto joined = seeker->client()->JoinOrganisation(org.card().toStdString()).Get();
    QVERIFY2(joined.ok(), joined.status().message().c_str());
    QCOMPARE(QString::fromStdString(joined->org_id), org.orgId());
    QCOMPARE(joined->helpers, size_t(1));
    QVERIFY(joined->open_now);
    auto helpers = seeker->client()->Helpers({}).Get();
    QVERIFY(helpers.ok());
    QCOMPARE(helpers->size(), size_t(1));
    QCOMPARE(QString::fromStdString(helpers->front().account), helper->accountId());
    QCOMPARE(helpers->front().availability, kollega::client::Availability::kAvailable);
    auto contacts = seeker->client()->SafetyContacts(joined->org_id, "DK").Get();
    QVERIFY(contacts.ok());
    QCOMPARE(contacts->size(), size_t(3));
    QCOMPARE(contacts->front().phone, std::string(kollega::desktop::testing::kEmergencyDk));
    QCOMPARE(contacts->back().phone, std::string(kollega::desktop::testing::kOnCallPhone));
  }

  // Joining by the link, typed into the Organisations screen as a person
  // would: the organisation and its helper show.
  void joinByLink() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", seeker.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    QTRY_VERIFY_WITH_TIMEOUT(FindItem(root, "organisationsButton"), kTimeoutMs);
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "organisationsButton"), "clicked"));
    QTRY_VERIFY_WITH_TIMEOUT(FindItem(root, "joinField"), kTimeoutMs);
    FindItem(root, "joinField")->setProperty("text", org.card());
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "joinButton"), "clicked"));
    QQuickItem* info = FindItem(root, "orgsInfo");
    QVERIFY(info);
    QTRY_VERIFY_WITH_TIMEOUT(info->property("visible").toBool(), kTimeoutMs);
    QVERIFY(info->property("text").toString().contains(QString::fromUtf8("Kollegastøtte")));
    QQuickItem* list = FindItem(root, "helpersList");
    QVERIFY(list);
    QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 1, kTimeoutMs);
    HelpersModel* helpers = seeker->orgs()->helpers();
    QCOMPARE(helpers->get(0, "name").toString(), QStringLiteral("Anne"));
    QCOMPARE(helpers->get(0, "account").toString(), helper->accountId());
    QCOMPARE(helpers->get(0, "availability").toInt(), int(HelpersModel::Available));
    QVERIFY(helpers->get(0, "introduction").toString().startsWith("Praktiserende"));
    QCOMPARE(seeker->orgs()->organisations().size(), 1);
    QVERIFY(seeker->orgs()->organisations().front().toMap().value("openNow").toBool());

    // A helper enrolled since shows after "Refresh".
    auto second = NewAccount(org, "second");
    QVERIFY(second);
    HelperProfile bo;
    bo.name = "Bo";
    QVERIFY(org.Enrol(*second, bo));
    QTest::qWait(200);
    QCOMPARE(list->property("count").toInt(), 1);
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "refreshButton"), "clicked"));
    QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 2, kTimeoutMs);
  }

  // A code pasted broken over lines joins; a bad card, a card for another
  // relay and an unreachable relay each say so plainly.
  void joinByPastedCodeAndErrors() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    OrganisationsController* orgs = seeker->orgs();

    orgs->join("kollega://org?relay=ws%3A%2F%2F127.0.0.1&key=tooshort");
    QTRY_VERIFY_WITH_TIMEOUT(!orgs->busy(), kTimeoutMs);
    QVERIFY2(orgs->error().contains("not an organisation's card"), qPrintable(orgs->error()));

    QString elsewhere = org.card();
    elsewhere.replace(QRegularExpression("relay=[^&]*"), "relay=wss%3A%2F%2Frelay.example.org");
    orgs->join(elsewhere);
    QTRY_VERIFY_WITH_TIMEOUT(!orgs->busy(), kTimeoutMs);
    QVERIFY2(orgs->error().contains("another Kollega service"), qPrintable(orgs->error()));
    QCOMPARE(orgs->organisations().size(), 0);

    const QString card = org.card();
    const QString pasted = "  " + card.left(30) + "\n" + card.mid(30, 25) + "\r\n " + card.mid(55);
    orgs->join(pasted);
    QTRY_COMPARE_WITH_TIMEOUT(orgs->helpers()->rowCount(), 1, kTimeoutMs);
    QVERIFY(orgs->error().isEmpty());
    QCOMPARE(orgs->organisations().size(), 1);

    // The relay goes away: joining again (a refresh) cannot reach it.
    org.relay().Stop();
    orgs->join(card);
    QTRY_VERIFY_WITH_TIMEOUT(!orgs->busy(), 3 * kTimeoutMs);
    QVERIFY2(orgs->error().contains("could not be reached"), qPrintable(orgs->error()));
    QCOMPARE(orgs->helpers()->rowCount(), 1);  // what was fetched before stays
  }

  // A picture of the card's QR code joins; a picture without one says so.
  void joinByQrImage() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    OrganisationsController* orgs = seeker->orgs();
    const QString blank = QString::fromStdString(tmp_->Sub("blank.png"));
    QImage white(200, 200, QImage::Format_RGB32);
    white.fill(Qt::white);
    QVERIFY(white.save(blank));
    orgs->joinFromImage(QUrl::fromLocalFile(blank));
    QVERIFY(orgs->busy());  // read off the UI thread
    QTRY_VERIFY_WITH_TIMEOUT(!orgs->busy(), kTimeoutMs);
    QVERIFY2(orgs->error().contains("No QR code"), qPrintable(orgs->error()));

    const QString png = QString::fromStdString(tmp_->Sub("card.png"));
    QVERIFY(WriteQrPng(org.card(), png));
    orgs->joinFromImage(QUrl::fromLocalFile(png));
    QTRY_COMPARE_WITH_TIMEOUT(orgs->helpers()->rowCount(), 1, kTimeoutMs);
    QVERIFY(orgs->error().isEmpty());
    QCOMPARE(orgs->organisations().front().toMap().value("orgId").toString(), org.orgId());
  }

  // The filters offer the values present and narrow the directory.
  void filtersNarrowTheDirectory() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto anne = NewAccount(org, "anne");
    auto bo = NewAccount(org, "bo");
    QVERIFY(anne && bo);
    QVERIFY(org.Enrol(*anne));
    HelperProfile profile;
    profile.name = "Bo";
    profile.profession = "dentist";
    profile.region = "Oslo";
    profile.gender = "male";
    profile.sector = "private";
    profile.languages = {"nb"};
    profile.available = false;
    QVERIFY(org.Enrol(*bo, profile));
    auto seeker = JoinedSeeker(org);
    QVERIFY(seeker);
    OrganisationsController* orgs = seeker->orgs();
    HelpersModel* helpers = orgs->helpers();
    QTRY_COMPARE_WITH_TIMEOUT(helpers->rowCount(), 2, kTimeoutMs);
    const QVariantMap options = orgs->filterOptions();
    QCOMPARE(options.value("regions").toStringList(),
             (QStringList{"Hovedstaden", "Midtjylland", "Oslo"}));
    QCOMPARE(options.value("genders").toStringList(), (QStringList{"female", "male"}));
    QCOMPARE(options.value("languages").toStringList(), (QStringList{"da", "en", "nb"}));

    orgs->setFilter("language", "nb");
    QTRY_COMPARE_WITH_TIMEOUT(helpers->rowCount(), 1, kTimeoutMs);
    QCOMPARE(helpers->get(0, "name").toString(), QStringLiteral("Bo"));
    QCOMPARE(helpers->get(0, "availability").toInt(), int(HelpersModel::Unknown));
    orgs->setFilter("language", "");
    orgs->setFilter("availableOnly", true);
    QTRY_COMPARE_WITH_TIMEOUT(helpers->get(0, "name").toString(), QStringLiteral("Anne"),
                              kTimeoutMs);
    QCOMPARE(helpers->rowCount(), 1);
    orgs->setFilter("region", "Oslo");
    QTRY_COMPARE_WITH_TIMEOUT(helpers->rowCount(), 0, kTimeoutMs);
    orgs->setFilter("availableOnly", false);
    orgs->setFilter("sector", "private");
    QTRY_COMPARE_WITH_TIMEOUT(helpers->rowCount(), 1, kTimeoutMs);
    QCOMPARE(helpers->get(0, "name").toString(), QStringLiteral("Bo"));
  }

  // "Write to this helper" with a category, and "whoever is available
  // first": each case reaches the helper's app with its category.
  void openingACaseReachesTheHelper() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    QVERIFY(helper);
    QVERIFY(org.Enrol(*helper));
    auto seeker = JoinedSeeker(org);
    QVERIFY(seeker);
    OrganisationsController* orgs = seeker->orgs();
    const QVariantList categories = orgs->categories(org.orgId());
    QCOMPARE(categories.size(), 2);
    QCOMPARE(categories[0].toMap().value("id").toString(), QString(fixture::kCategoryBurnout));
    QCOMPARE(categories[0].toMap().value("name").toString(), QStringLiteral("Burnout"));
    // Named in the app's language.
    QVERIFY(seeker->languages()->setLanguage("da"));
    QCOMPARE(orgs->categories(org.orgId())[0].toMap().value("name").toString(),
             QString::fromUtf8("Udbrændthed"));
    QVERIFY(seeker->languages()->setLanguage("en"));
    QSignalSpy opened(orgs, &OrganisationsController::caseOpened);
    // "Write to this helper" on the screen: a category, a first message.
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", seeker.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    QVERIFY(QMetaObject::invokeMethod(root, "showPage", Q_ARG(QVariant, "Organisations")));
    QTRY_VERIFY_WITH_TIMEOUT(FindItem(root, "writeButton"), kTimeoutMs);
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "writeButton"), "clicked"));
    QQuickItem* category = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((category = FindItem(root, "categoryBox")) && category->isVisible(),
                             kTimeoutMs);
    QCOMPARE(category->property("count").toInt(), 3);  // none, burnout, stress
    category->setProperty("currentIndex", 1);
    QCOMPARE(category->property("currentText").toString(), QStringLiteral("Burnout"));
    FindItem(root, "caseMessage")->setProperty("text", QString::fromUtf8("Jeg sover dårligt."));
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "caseSend"), "clicked"));
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
    const QString case_id = opened.takeFirst().at(0).toString();
    QCOMPARE(case_id.size(), 32);
    QVERIFY(orgs->error().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(CaseCount(*helper), size_t(1), kTimeoutMs);
    auto cases = helper->client()->Cases().Get();
    QVERIFY(cases.ok());
    QCOMPARE(QString::fromStdString(cases->front().case_id), case_id);
    QCOMPARE(cases->front().category, std::string(fixture::kCategoryBurnout));
    QCOMPARE(QString::fromStdString(cases->front().peer), seeker->accountId());

    orgs->startCase({}, {}, fixture::kCategoryStress, "Is anyone free tonight?");
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(CaseCount(*helper), size_t(2), kTimeoutMs);
  }

  // Outside opening hours the notice shows, with when it opens again in
  // the organisation's zone, and nothing is sent until the seeker agrees.
  void outOfHoursNoticeBeforeSending() {
    OrgFixture org;
    OrgPolicyOptions closed;
    closed.open_now = false;
    QVERIFY(org.SetUp(closed));
    auto helper = NewAccount(org, "helper");
    QVERIFY(helper);
    QVERIFY(org.Enrol(*helper));
    auto seeker = JoinedSeeker(org);
    QVERIFY(seeker);
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", seeker.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    QVERIFY(QMetaObject::invokeMethod(root, "showPage", Q_ARG(QVariant, "Organisations")));
    OrganisationsController* orgs = seeker->orgs();
    QSignalSpy opened(orgs, &OrganisationsController::caseOpened);
    orgs->startCase(org.orgId(), helper->accountId(), {}, "Hello?");
    // The Organisations screen's dialog shows the notice and the time.
    QTRY_VERIFY_WITH_TIMEOUT(
        FindItem(root, "outOfHoursNotice") && FindItem(root, "outOfHoursNotice")->isVisible(),
        kTimeoutMs);
    QCOMPARE(FindItem(root, "outOfHoursNotice")->property("text").toString(),
             QString(fixture::kOutOfHoursEn));
    const double opens_at = orgs->outOfHours().value("opensAt").toDouble();
    QVERIFY(opens_at > QDateTime::currentMSecsSinceEpoch());
    // 09:00 on the organisation's clock, whatever this computer's zone.
    const QString opens = FindItem(root, "outOfHoursOpens")->property("text").toString();
    QVERIFY2(opens.contains("09:00"), qPrintable(opens));
    QVERIFY(opens.contains(orgs->formatTime(org.orgId(), opens_at)));
    QTest::qWait(500);
    QCOMPARE(opened.size(), 0);
    QCOMPARE(CaseCount(*seeker), size_t(0));
    QCOMPARE(CaseCount(*helper), size_t(0));

    // "Not now" sends nothing; asking again and "Send anyway" sends.
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "outOfHoursCancel"), "clicked"));
    QTRY_VERIFY_WITH_TIMEOUT(orgs->outOfHours().isEmpty(), kTimeoutMs);
    QTest::qWait(200);
    QCOMPARE(CaseCount(*seeker), size_t(0));
    orgs->startCase(org.orgId(), helper->accountId(), {}, "Hello?");
    QTRY_VERIFY_WITH_TIMEOUT(!orgs->outOfHours().isEmpty(), kTimeoutMs);
    QVERIFY(QMetaObject::invokeMethod(FindItem(root, "outOfHoursSend"), "clicked"));
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(CaseCount(*helper), size_t(1), kTimeoutMs);
  }

  // The Safety dialog, opened from the tool bar: each country's numbers and
  // the organisation's on-call contact.
  void safetyDialogShowsNumbersPerCountry() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    QVERIFY(helper);
    QVERIFY(org.Enrol(*helper));
    auto seeker = JoinedSeeker(org);
    QVERIFY(seeker);
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty("app", seeker.get());
    engine.load(QUrl("qrc:/qml/Main.qml"));
    QVERIFY(!engine.rootObjects().isEmpty());
    QObject* root = engine.rootObjects().first();
    OrganisationsController* orgs = seeker->orgs();
    orgs->setSafetyCountry("DK");
    QVERIFY(QMetaObject::invokeMethod(root->findChild<QObject*>("safetyButton"), "clicked"));
    QObject* dialog = root->findChild<QObject*>("safetyDialog");
    QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), kTimeoutMs);
    auto shown = [root] {
      QStringList texts;
      for (QQuickItem* label : FindItems(root, "safetyPhone")) {
        texts.append(label->property("text").toString());
      }
      return texts.join(" | ");
    };
    QTRY_VERIFY_WITH_TIMEOUT(shown().contains(fixture::kCrisisDk), kTimeoutMs);
    QVERIFY(shown().contains(fixture::kEmergencyDk));
    QVERIFY(shown().contains(fixture::kOnCallPhone));
    QVERIFY2(!shown().contains(fixture::kCrisisNo), qPrintable(shown()));
    QVERIFY(!root->findChild<QObject*>("safetyGeneric")->property("visible").toBool());
    QCOMPARE(orgs->safetyCountries(), (QStringList{"DK", "NO"}));

    orgs->setSafetyCountry("NO");
    QTRY_VERIFY_WITH_TIMEOUT(shown().contains(fixture::kCrisisNo), kTimeoutMs);
    QVERIFY(shown().contains(fixture::kEmergencyNo));
    QVERIFY(shown().contains(fixture::kOnCallPhone));
    QVERIFY2(!shown().contains(fixture::kCrisisDk), qPrintable(shown()));
    QCOMPARE(Phones(orgs).last(), QString(fixture::kOnCallPhone));
  }
};

QTEST_MAIN(OrgsTest)
#include "orgs_test.moc"
