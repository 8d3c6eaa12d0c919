// Finding help in kollega-desktop against a real relay hosting a real
// organisation (org_fixture.h): joining from a card (link, pasted code, QR
// image), the helper directory and its filters, opening a case that
// reaches the helper's app, the out-of-hours notice before sending, and
// the Safety dialog's numbers per country (docs/desktop.md, "Finding help").
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
#include <QtTest>
#include <memory>

#include "app_controller.h"
#include "org_fixture.h"
#include "support/relay_process.h"

using kollega::desktop::AppController;
using kollega::desktop::testing::HelperProfile;
using kollega::desktop::testing::OrgFixture;
using kollega::desktop::testing::OrgPolicyOptions;
using kollega::testing::TempDir;

namespace {

constexpr int kTimeoutMs = 10000;
const QString kPassphrase = QStringLiteral("calm blue harbour");

}  // namespace

class OrgsTest : public QObject {
  Q_OBJECT

 private:
  // A first run to the end on the fixture's relay; null if it failed.
  std::unique_ptr<AppController> NewAccount(OrgFixture& org, const QString& name) {
    AppController::Options options;
    options.data_dir = QString::fromStdString(tmp_->Sub(name.toStdString()));
    options.relay_url = org.relayUrl();
    options.kdf_log2_n = 10;
    auto app = std::make_unique<AppController>(options);
    app->createAccount(kPassphrase, kPassphrase);
    const bool ready = QTest::qWaitFor(
        [&] {
          return app->state() == AppController::Ready && !app->accountId().isEmpty() &&
                 app->online();
        },
        kTimeoutMs);
    if (!ready) {
      qWarning("first run did not finish: %s", qPrintable(app->error()));
      return nullptr;
    }
    return app;
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
};

QTEST_MAIN(OrgsTest)
#include "orgs_test.moc"
