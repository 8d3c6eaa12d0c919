// SPDX-License-Identifier: GPL-3.0-or-later
#include "org_fixture.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimeZone>

namespace kollega::desktop::testing {
namespace {

constexpr int kAdminTimeoutMs = 30000;

QJsonObject Names(const char* en, const char* da, const char* nb, const char* nl) {
  return QJsonObject{{"en", en},
                     {"da", QString::fromUtf8(da)},
                     {"nb", QString::fromUtf8(nb)},
                     {"nl", QString::fromUtf8(nl)}};
}

QJsonObject Contact(const char* label, const char* phone, const char* hours = "") {
  return QJsonObject{{"label", QString::fromUtf8(label)}, {"phone", phone}, {"hours", hours}};
}

bool WriteFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

}  // namespace

OrgFixture::OrgFixture() = default;
OrgFixture::~OrgFixture() = default;

QString OrgFixture::Path(const QString& name) const {
  return QString::fromStdString(tmp_.path()) + "/" + name;
}

QByteArray OrgFixture::PolicyJson(const OrgPolicyOptions& options) {
  QJsonArray open;
  if (options.open_now) {
    for (int day = 1; day <= 7; ++day) {
      open.append(QJsonObject{{"weekday", day}, {"start_minute", 0}, {"end_minute", 1440}});
    }
  } else {
    // Neither today nor tomorrow in the organisation's zone: closed now,
    // and "opens again" names a day and a time.
    const int today = QDateTime::currentDateTimeUtc()
                          .toTimeZone(QTimeZone(options.time_zone.toUtf8()))
                          .date()
                          .dayOfWeek();
    const int day = (today + 3 - 1) % 7 + 1;
    open.append(QJsonObject{{"weekday", day}, {"start_minute", 9 * 60}, {"end_minute", 17 * 60}});
  }
  QJsonObject hours{{"time_zone", options.time_zone},
                    {"open", open},
                    {"out_of_hours_notice",
                     Names(kOutOfHoursEn, "Vi har lukket nu. En hjælper svarer, når vi åbner.",
                           "Vi har stengt nå. En hjelper svarer når vi åpner.",
                           "We zijn nu gesloten. Een helper antwoordt zodra we open zijn.")}};
  QJsonObject limit{{"max_support_minutes", int(options.max_support_minutes)},
                    {"over_days", int(options.over_days)},
                    {"max_conversations", int(options.max_conversations)}};
  QJsonArray categories{
      QJsonObject{{"id", kCategoryBurnout},
                  {"names", Names("Burnout", "Udbrændthed", "Utbrenthet", "Burn-out")}},
      QJsonObject{{"id", kCategoryStress},
                  {"names", Names("Stress and overload", "Stress og overbelastning",
                                  "Stress og overbelastning", "Stress en overbelasting")}}};
  QJsonArray emergency{
      QJsonObject{{"country", "DK"},
                  {"contacts", QJsonArray{Contact("Alarmcentralen", kEmergencyDk),
                                          Contact("Livslinien", kCrisisDk, "11-05")}}},
      QJsonObject{{"country", "NO"},
                  {"contacts", QJsonArray{Contact("Medisinsk nødtelefon", kEmergencyNo),
                                          Contact("Mental Helse", kCrisisNo, "24/7")}}}};
  QJsonArray resources{
      QJsonObject{{"id", "psychologist"},
                  {"titles", Names("Psychologist", "Psykolog", "Psykolog", "Psycholoog")},
                  {"descriptions", Names("Talking therapy.", "Samtaleterapi.", "Samtaleterapi.",
                                         "Gesprekstherapie.")}},
      QJsonObject{{"id", "lawyer"},
                  {"titles", Names("The association's lawyer", "Foreningens jurist",
                                   "Foreningens jurist", "Jurist van de vereniging")},
                  {"descriptions", Names("Complaints.", "Klagesager.", "Klagesaker.", "Klachten.")},
                  {"contact", Contact("Jurist", "+45 11 22 33 44")}}};
  QJsonObject policy{{"name", options.name},
                     {"regions", QJsonArray{"Hovedstaden", "Midtjylland", "Oslo"}},
                     {"professions", QJsonArray{"doctor", "dentist"}},
                     {"languages", QJsonArray{"da", "nb", "en"}},
                     {"categories", categories},
                     {"case_limit", limit},
                     {"hours", hours},
                     {"retention_days", 90},
                     {"max_open_cases_per_helper", int(options.max_open_cases_per_helper)},
                     {"resources", resources},
                     {"emergency", emergency},
                     {"on_call", Contact(kOnCallLabel, kOnCallPhone, "16-08")}};
  return QJsonDocument(policy).toJson();
}

QString OrgFixture::Admin(const QStringList& args) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("KOLLEGA_ADMIN_PASSPHRASE", "fixture admin passphrase");
  env.insert("KOLLEGA_TEST_SCRYPT_LOG2N", "10");
  process.setProcessEnvironment(env);
  process.start(KOLLEGA_ADMIN_BIN, args);
  if (!process.waitForFinished(kAdminTimeoutMs) || process.exitStatus() != QProcess::NormalExit ||
      process.exitCode() != 0) {
    qWarning("kollega-admin %s failed: %s", qPrintable(args.value(0)),
             process.readAllStandardError().constData());
    return {};
  }
  return QString::fromUtf8(process.readAllStandardOutput());
}

bool OrgFixture::SetUp(const OrgPolicyOptions& policy) {
  const QString keys = Path("org-keys");
  if (!WriteFile(keys, {})) return false;
  relay_ = std::make_unique<kollega::testing::RelayProcess>(
      KOLLEGA_RELAY_BIN, std::vector<std::string>{"--organisation-keys", keys.toStdString()});
  if (!relay_->Start()) return false;
  const QString out = Admin({"init", "--dir", Path("org"), "--relay", relayUrl()});
  if (out.isNull()) return false;
  const QString card = Admin({"card", "--dir", Path("org")}).trimmed();
  const qsizetype key_at = card.indexOf("key=");
  if (!card.startsWith("kollega://") || key_at < 0) {
    qWarning("kollega-admin card printed no card: %s", qPrintable(card));
    return false;
  }
  card_ = card.section('\n', 0, 0).trimmed();
  const QString key = card_.mid(key_at + 4);
  org_id_ =
      QString::fromLatin1(QByteArray::fromBase64(key.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                     QByteArray::OmitTrailingEquals)
                              .toHex());
  // The relay reads the keys it hosts when it starts.
  if (!WriteFile(keys, key.toLatin1() + "\n")) return false;
  relay_->Stop();
  if (!relay_->Restart()) return false;
  return PublishPolicy(policy);
}

bool OrgFixture::PublishPolicy(const OrgPolicyOptions& policy) {
  const QString json = Path(QStringLiteral("policy-%1.json").arg(++policies_));
  const QString signed_file = json + ".signed";
  if (!WriteFile(json, PolicyJson(policy))) return false;
  if (Admin({"sign-policy", "--dir", Path("org"), json, "--out", signed_file}).isNull()) {
    return false;
  }
  const QString out = Admin({"publish", "--dir", Path("org"), signed_file});
  if (!out.contains("published")) {
    qWarning("the policy was not published: %s", qPrintable(out));
    return false;
  }
  return true;
}

bool OrgFixture::Enrol(AppController& app, const HelperProfile& profile) {
  client::Client* client = app.client();
  if (client == nullptr) {
    qWarning("the helper's app is locked");
    return false;
  }
  auto me = client->WhoAmI().Get();
  if (!me.ok()) {
    qWarning("WhoAmI: %s", me.status().message().c_str());
    return false;
  }
  const QString n = QString::number(++requests_);
  const QString request = Path("request-" + n + ".json");
  const QString certificate = Path("certificate-" + n + ".signed");
  QStringList args{"enrol-request",
                   "--account-id",
                   QString::fromStdString(me->account_id),
                   "--identity-key",
                   QString::fromStdString(me->identity_key),
                   "--name",
                   profile.name,
                   "--profession",
                   profile.profession,
                   "--region",
                   profile.region,
                   "--gender",
                   profile.gender,
                   "--sector",
                   profile.sector,
                   "--introduction",
                   profile.introduction,
                   "--out",
                   request};
  for (const QString& language : profile.languages) args << "--language" << language;
  if (Admin(args).isNull()) return false;
  const QString expires = QDateTime::currentDateTimeUtc().addYears(1).date().toString(Qt::ISODate);
  if (Admin({"enrol", "--dir", Path("org"), request, "--expires", expires, "--out", certificate,
             "--yes"})
          .isNull()) {
    return false;
  }
  const QString out = Admin({"publish", "--dir", Path("org"), certificate});
  if (!out.contains("published")) {
    qWarning("the certificate was not published: %s", qPrintable(out));
    return false;
  }
  if (!profile.available) return true;
  auto joined = client->JoinOrganisation(card_.toStdString()).Get();
  if (!joined.ok()) {
    qWarning("the helper could not join: %s", joined.status().message().c_str());
    return false;
  }
  Status available = client->SetAvailability(client::Availability::kAvailable).Get();
  if (!available.ok()) {
    qWarning("SetAvailability: %s", available.message().c_str());
    return false;
  }
  return true;
}

}  // namespace kollega::desktop::testing
