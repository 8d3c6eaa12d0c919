// Cases in kollega-desktop between a seeker's app and helpers' apps, against
// a real relay hosting a real organisation (org_fixture.h): the inbox and
// messages both ways, the limit warning after a support-time correction,
// a referral's resource card, a handover declined and agreed, closing with
// a category and "heavy" (the debrief prompt), the out-of-hours notice, and
// a helper's availability (docs/desktop.md, "Cases").
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickItem>
#include <QQuickWindow>
#include <QtTest>
#include <functional>
#include <memory>

#include "app_controller.h"
#include "desktop_test_util.h"
#include "messages_model.h"
#include "org_fixture.h"
#include "support/relay_process.h"

using kollega::desktop::AppController;
using kollega::desktop::CaseEntriesModel;
using kollega::desktop::CasesController;
using kollega::desktop::CasesModel;
using kollega::desktop::MessagesModel;
using kollega::desktop::testing::HelperProfile;
using kollega::desktop::testing::OrgFixture;
using kollega::desktop::testing::OrgPolicyOptions;
using kollega::testing::TempDir;

namespace {

constexpr int kTimeoutMs = 10000;
const QString kPassphrase = kollega::testing::kDesktopPassphrase;

// A field of the case open in `app`'s CaseChat.
QVariant Current(AppController& app, const char* field) {
  return app.cases()->current().value(QString::fromLatin1(field));
}

// The last entry of the open case, one role.
QVariant LastEntry(AppController& app, const char* role) {
  const int n = app.cases()->entries()->count();
  return n == 0 ? QVariant() : app.cases()->entries()->get(n - 1, QString::fromLatin1(role));
}

}  // namespace

class CasesTest : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<AppController> NewAccount(OrgFixture& org, const QString& name) {
    return kollega::testing::NewDesktopAccount(
        QString::fromStdString(tmp_->Sub(name.toStdString())), org.relayUrl());
  }

  // The seeker joins and opens a case with `helper`, which the helper's
  // inbox shows; the case id, or "" (with a failure) if not.
  QString OpenCase(OrgFixture& org, AppController& seeker, AppController& helper) {
    auto joined = seeker.client()->JoinOrganisation(org.card().toStdString()).Get();
    if (!joined.ok()) return {};
    auto opened = seeker.client()
                      ->OpenCase(org.orgId().toStdString(), helper.accountId().toStdString(),
                                 kollega::desktop::testing::kCategoryBurnout,
                                 "I cannot sleep after the complaint")
                      .Get();
    if (!opened.ok()) return {};
    const QString id = QString::fromStdString(*opened);
    seeker.cases()->refresh(false);  // as the Cases screen does when shown
    if (!QTest::qWaitFor([&] { return helper.cases()->model()->rowOf(id) >= 0; }, kTimeoutMs)) {
      return {};
    }
    return id;
  }

  // Main.qml for `app`, as a person sees it.
  std::unique_ptr<QQmlApplicationEngine> Show(AppController& app) {
    auto engine = std::make_unique<QQmlApplicationEngine>();
    engine->rootContext()->setContextProperty("app", &app);
    engine->load(QUrl("qrc:/qml/Main.qml"));
    return engine;
  }
  static QObject* Find(QQmlApplicationEngine& engine, const char* name) {
    if (engine.rootObjects().isEmpty()) return nullptr;
    return engine.rootObjects().first()->findChild<QObject*>(QString::fromLatin1(name));
  }

  std::unique_ptr<TempDir> tmp_;

 private slots:
  void initTestCase() {
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    kollega::desktop::RegisterQmlTypes();
  }
  void init() { tmp_ = std::make_unique<TempDir>(); }
  void cleanup() { tmp_.reset(); }

  // Messages both ways, the limit warning on both sides after the helper
  // corrects the support time, and a referral shown as its card.
  void caseMessagesLimitAndReferral() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    const QString id = OpenCase(org, *seeker, *helper);
    QVERIFY(!id.isEmpty());

    // The helper's inbox: the seeker's first words, counted unread.
    QTRY_VERIFY_WITH_TIMEOUT(helper->cases()->unread() > 0, kTimeoutMs);
    const int row = helper->cases()->model()->rowOf(id);
    QCOMPARE(helper->cases()->model()->get(row, "helper").toBool(), true);
    QCOMPARE(helper->cases()->model()->get(row, "categoryName").toString(), QString("Burnout"));
    helper->cases()->open(id);
    QCOMPARE(helper->cases()->unread(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(helper->cases()->entries()->count(), 1, kTimeoutMs);
    QCOMPARE(LastEntry(*helper, "text").toString(), QString("I cannot sleep after the complaint"));

    helper->cases()->send("I am here. Tell me more?");
    QTRY_VERIFY_WITH_TIMEOUT(seeker->cases()->model()->rowOf(id) >= 0, kTimeoutMs);
    seeker->cases()->open(id);
    QTRY_COMPARE_WITH_TIMEOUT(LastEntry(*seeker, "text").toString(),
                              QString("I am here. Tell me more?"), kTimeoutMs);
    QCOMPARE(Current(*seeker, "peerName").toString(), QString("Anne"));
    seeker->cases()->send("It got worse this week");
    QTRY_COMPARE_WITH_TIMEOUT(LastEntry(*helper, "text").toString(),
                              QString("It got worse this week"), kTimeoutMs);

    // 240 minutes at most: three quarters is near, all of it reached.
    auto seeker_screen = Show(*seeker);
    QObject* warning = Find(*seeker_screen, "limitWarning");
    QMetaObject::invokeMethod(seeker_screen->rootObjects().first(), "openCase",
                              Q_ARG(QVariant, id));
    QVERIFY(!Find(*seeker_screen, "limitWarning")->property("visible").toBool());
    helper->cases()->setSupportMinutes(190);
    QTRY_COMPARE_WITH_TIMEOUT(Current(*helper, "limit").toInt(), int(CasesModel::Nearing),
                              kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "limit").toInt(), int(CasesModel::Nearing),
                              kTimeoutMs);
    warning = Find(*seeker_screen, "limitWarning");
    QVERIFY(warning && warning->property("visible").toBool());
    QVERIFY(warning->property("text").toString().contains("nearing"));
    helper->cases()->setSupportMinutes(240);
    QTRY_COMPARE_WITH_TIMEOUT(Current(*helper, "limit").toInt(), int(CasesModel::Reached),
                              kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "limit").toInt(), int(CasesModel::Reached),
                              kTimeoutMs);
    QTRY_VERIFY(warning->property("text").toString().contains("reached"));
    QCOMPARE(Current(*seeker, "supportMinutes").toInt(), 240);

    // The referral: the seeker sees the card, in the app's language.
    QVERIFY(!helper->cases()->resources().isEmpty());
    helper->cases()->refer("psychologist");
    QTRY_COMPARE_WITH_TIMEOUT(LastEntry(*seeker, "kind").toInt(), int(CaseEntriesModel::Referral),
                              kTimeoutMs);
    QCOMPARE(LastEntry(*seeker, "cardLabel").toString(), QString("Psychologist"));
    QCOMPARE(LastEntry(*seeker, "cardDescription").toString(), QString("Talking therapy."));
    QCOMPARE(helper->cases()->error(), QString());
  }

  // The seeker's words carry the chat's marks: delivered once the helper's
  // app has them, read once the helper opens the case.
  void caseTextsShowDeliveredThenRead() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    const QString id = OpenCase(org, *seeker, *helper);
    QVERIFY(!id.isEmpty());
    auto screen = Show(*seeker);
    QMetaObject::invokeMethod(screen->rootObjects().first(), "openCase", Q_ARG(QVariant, id));
    QTRY_COMPARE_WITH_TIMEOUT(seeker->cases()->entries()->count(), 1, kTimeoutMs);
    QVERIFY(LastEntry(*seeker, "outgoing").toBool());
    QTRY_COMPARE_WITH_TIMEOUT(LastEntry(*seeker, "status").toInt(), int(MessagesModel::Delivered),
                              kTimeoutMs);
    QObject* list = Find(*screen, "caseEntriesList");
    QVERIFY(list != nullptr);
    // What the bubble says under the words, as a person reads it.
    std::function<bool(QQuickItem*, const QString&)> says = [&](QQuickItem* item,
                                                                const QString& words) {
      if (item->isVisible() && item->property("text").toString().endsWith(words)) return true;
      for (QQuickItem* child : item->childItems()) {
        if (says(child, words)) return true;
      }
      return false;
    };
    auto stampSays = [&](const QString& words) {
      return says(qobject_cast<QQuickItem*>(list), words);
    };
    QTRY_VERIFY_WITH_TIMEOUT(stampSays(QString::fromUtf8("\u2713\u2713 Delivered")), kTimeoutMs);

    helper->cases()->open(id);
    QTRY_COMPARE_WITH_TIMEOUT(LastEntry(*seeker, "status").toInt(), int(MessagesModel::Read),
                              kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(stampSays(QString::fromUtf8("\u2713\u2713 Read")), kTimeoutMs);
    // The helper's view of the seeker's words has no mark.
    QTRY_COMPARE_WITH_TIMEOUT(helper->cases()->entries()->count(), 1, kTimeoutMs);
    QCOMPARE(LastEntry(*helper, "status").toInt(), int(MessagesModel::Received));
  }

  // Asked and declined keeps the case; asked and agreed opens one with the
  // other helper, carrying only what the seeker passed on.
  void handoverDeclinedThenAgreed() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto anne = NewAccount(org, "anne");
    auto bo = NewAccount(org, "bo");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(anne && bo && seeker);
    QVERIFY(org.Enrol(*anne));
    HelperProfile bo_profile;
    bo_profile.name = "Bo";
    QVERIFY(org.Enrol(*bo, bo_profile));
    const QString id = OpenCase(org, *seeker, *anne);
    QVERIFY(!id.isEmpty());
    seeker->cases()->refresh(true);  // Bo in the seeker's directory
    QTRY_VERIFY_WITH_TIMEOUT(seeker->cases()->model()->rowOf(id) >= 0, kTimeoutMs);
    seeker->cases()->open(id);
    anne->cases()->refresh(true);
    anne->cases()->open(id);
    QTRY_COMPARE_WITH_TIMEOUT(anne->cases()->helpers().size(), 1, kTimeoutMs);
    QCOMPARE(anne->cases()->helpers().front().toMap().value("name").toString(), QString("Bo"));

    anne->cases()->askHandover(bo->accountId());
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "handoverTo").toString(), bo->accountId(),
                              kTimeoutMs);
    QCOMPARE(Current(*seeker, "handoverName").toString(), QString("Bo"));
    seeker->cases()->answerHandover(false, "");
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "handoverTo").toString(), QString(), kTimeoutMs);
    QTest::qWait(500);
    QCOMPARE(bo->cases()->model()->count(), 0);
    QCOMPARE(Current(*anne, "caseState").toInt(), int(CasesModel::Open));

    anne->cases()->askHandover(bo->accountId());
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "handoverTo").toString(), bo->accountId(),
                              kTimeoutMs);
    seeker->cases()->answerHandover(true, "Night shifts, since spring");
    // The seeker's CaseChat moves to the new case, with Bo.
    QTRY_VERIFY_WITH_TIMEOUT(
        seeker->cases()->currentCase() != id && Current(*seeker, "peerName").toString() == "Bo",
        kTimeoutMs);
    const QString handed = seeker->cases()->currentCase();
    QTRY_VERIFY_WITH_TIMEOUT(bo->cases()->model()->rowOf(handed) >= 0, kTimeoutMs);
    bo->cases()->open(handed);
    QTRY_VERIFY_WITH_TIMEOUT(bo->cases()->entries()->count() >= 1, kTimeoutMs);
    QVERIFY(
        bo->cases()->entries()->get(0, "text").toString().contains("Night shifts, since spring"));
    QTRY_COMPARE_WITH_TIMEOUT(Current(*anne, "caseState").toInt(), int(CasesModel::Closed),
                              kTimeoutMs);
  }

  // The helper closes with another category and "heavy": the debrief prompt
  // shows; the case is gone from the helper's app, shown closed in the
  // seeker's until the seeker closes it too.
  void helperClosesWithCategoryAndDebrief() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    const QString id = OpenCase(org, *seeker, *helper);
    QVERIFY(!id.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(seeker->cases()->model()->rowOf(id) >= 0, kTimeoutMs);
    auto screen = Show(*helper);
    QMetaObject::invokeMethod(screen->rootObjects().first(), "openCase", Q_ARG(QVariant, id));
    QTRY_COMPARE_WITH_TIMEOUT(helper->cases()->categories().size(), 2, kTimeoutMs);
    QCOMPARE(Current(*helper, "category").toString(), QString("burnout"));

    // As a helper does it: the dialog, its category pre-set to the case's,
    // another chosen, "this was heavy" ticked, confirmed.
    QTRY_VERIFY_WITH_TIMEOUT(Find(*screen, "caseCloseDialog") != nullptr, kTimeoutMs);
    QObject* dialog = Find(*screen, "caseCloseDialog");
    QMetaObject::invokeMethod(dialog, "open");
    QObject* category = Find(*screen, "closeCategory");
    QObject* heavy = Find(*screen, "closeHeavy");
    QVERIFY(category && heavy);
    QTRY_VERIFY(category->property("visible").toBool());
    QCOMPARE(category->property("currentIndex").toInt(), 0);  // burnout, as opened
    QCOMPARE(category->property("currentText").toString(), QString("Burnout"));
    category->setProperty("currentIndex", 1);
    QCOMPARE(category->property("currentText").toString(), QString("Stress and overload"));
    heavy->setProperty("checked", true);
    QMetaObject::invokeMethod(dialog, "accept");
    QTRY_VERIFY_WITH_TIMEOUT(helper->cases()->debriefPrompt(), kTimeoutMs);
    QCOMPARE(helper->cases()->error(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(helper->cases()->model()->count(), 0, kTimeoutMs);
    // Back on the Cases screen, the prompt is there to see.
    QTRY_VERIFY(Find(*screen, "debriefPrompt") != nullptr);
    QTRY_VERIFY(Find(*screen, "debriefPrompt")->property("visible").toBool());

    seeker->cases()->open(id);
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "caseState").toInt(), int(CasesModel::Closed),
                              kTimeoutMs);
    seeker->cases()->closeCase(false, "");
    QTRY_COMPARE_WITH_TIMEOUT(seeker->cases()->model()->count(), 0, kTimeoutMs);
    QVERIFY(!seeker->cases()->debriefPrompt());
  }

  // Outside opening hours CaseChat shows the organisation's notice above
  // the box to write in; within them it does not.
  void caseChatShowsOutOfHoursNotice() {
    OrgFixture org;
    OrgPolicyOptions closed;
    closed.open_now = false;
    QVERIFY(org.SetUp(closed));
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    const QString id = OpenCase(org, *seeker, *helper);
    QVERIFY(!id.isEmpty());
    seeker->cases()->refresh(false);
    QTRY_VERIFY_WITH_TIMEOUT(seeker->cases()->model()->rowOf(id) >= 0, kTimeoutMs);
    auto screen = Show(*seeker);
    QMetaObject::invokeMethod(screen->rootObjects().first(), "openCase", Q_ARG(QVariant, id));
    QTRY_VERIFY_WITH_TIMEOUT(Find(*screen, "outOfHoursNotice") != nullptr, kTimeoutMs);
    QObject* notice = Find(*screen, "outOfHoursNotice");
    QTRY_VERIFY_WITH_TIMEOUT(notice->property("visible").toBool(), kTimeoutMs);
    auto orgs = seeker->client()->Organisations().Get();
    QVERIFY(orgs.ok() && !orgs->empty() && orgs->front().out_of_hours_notices.count("en"));
    // In the app's language, not the policy's first (Danish).
    QCOMPARE(notice->property("text").toString(),
             QString::fromStdString(orgs->front().out_of_hours_notices.at("en")));
    QVERIFY(orgs->front().out_of_hours_notices.at("en") != orgs->front().out_of_hours_notice);

    // Open again: the notice goes.
    QVERIFY(org.PublishPolicy({}));
    seeker->cases()->refresh(true);
    QTRY_VERIFY_WITH_TIMEOUT(!notice->property("visible").toBool(), kTimeoutMs);
  }

  // "Whoever is available first": the offer is in the helper's inbox as
  // offered, counted unread, and taking it opens it on both sides.
  void offeredCaseIsTakenFromTheInbox() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    QVERIFY(seeker->client()->JoinOrganisation(org.card().toStdString()).Get().ok());
    kollega::client::HelperFilter filter;
    filter.org_id = org.orgId().toStdString();
    auto offered = seeker->client()->OfferCase(filter, "", "Anyone there tonight?").Get();
    QVERIFY2(offered.ok(), offered.status().message().c_str());
    const QString id = QString::fromStdString(*offered);
    seeker->cases()->refresh(false);
    QTRY_VERIFY_WITH_TIMEOUT(helper->cases()->model()->rowOf(id) >= 0, kTimeoutMs);
    const int row = helper->cases()->model()->rowOf(id);
    QCOMPARE(helper->cases()->model()->get(row, "caseState").toInt(), int(CasesModel::Offered));
    QCOMPARE(helper->cases()->unread(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(seeker->cases()->model()->rowOf(id) >= 0, kTimeoutMs);
    QCOMPARE(seeker->cases()->model()->get(0, "caseState").toInt(), int(CasesModel::Offered));

    helper->cases()->open(id);
    helper->cases()->accept();
    QTRY_COMPARE_WITH_TIMEOUT(Current(*helper, "caseState").toInt(), int(CasesModel::Open),
                              kTimeoutMs);
    seeker->cases()->open(id);
    QTRY_COMPARE_WITH_TIMEOUT(Current(*seeker, "caseState").toInt(), int(CasesModel::Open),
                              kTimeoutMs);
    QCOMPARE(Current(*seeker, "peerName").toString(), QString("Anne"));
    QCOMPARE(helper->cases()->error(), QString());
  }

  // A helper in the directory sees their availability and sets it; a
  // seeker has no availability to set.
  void helperSetsAvailability() {
    OrgFixture org;
    QVERIFY(org.SetUp());
    auto helper = NewAccount(org, "helper");
    auto seeker = NewAccount(org, "seeker");
    QVERIFY(helper && seeker);
    QVERIFY(org.Enrol(*helper));
    QVERIFY(seeker->client()->JoinOrganisation(org.card().toStdString()).Get().ok());
    helper->cases()->refresh(true);
    seeker->cases()->refresh(true);
    QTRY_VERIFY_WITH_TIMEOUT(helper->cases()->isHelper(), kTimeoutMs);
    QCOMPARE(helper->cases()->availability(), int(CasesController::Available));
    const double until = QDateTime::currentMSecsSinceEpoch() + 2 * 86400000.0;
    helper->cases()->setAway(until);
    // What the seeker's directory shows after a fetch: away until then.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          auto helpers = seeker->client()->RefreshOrganisation(org.orgId().toStdString()).Get();
          (void)helpers.ok();
          auto list = seeker->client()->Helpers({}).Get();
          return list.ok() && list->size() == 1 &&
                 list->front().availability == kollega::client::Availability::kAway;
        }(),
        kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(helper->cases()->availability(), int(CasesController::Away),
                              kTimeoutMs);
    QCOMPARE(qint64(helper->cases()->awayUntil()), qint64(until));
    QVERIFY(!seeker->cases()->isHelper());
  }
};

QTEST_MAIN(CasesTest)
#include "cases_test.moc"
