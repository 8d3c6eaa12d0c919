// OrgFixture: a real organisation on a real relay for the desktop tests,
// set up the way an operator and an administrator do it
// (tests/apps/organisations_flow.sh, docs/admin.md): the real
// `kollega-admin` binary makes the key, the relay is restarted hosting it
// (--organisation-keys), a policy the fixture writes as JSON is signed and
// published, and helpers whose apps exist are enrolled from their own
// account id and identity key (enrol-request, enrol --yes, publish).
//
// The policy: two categories with names in the app's four languages, a
// case limit, opening hours in Europe/Copenhagen that are open now or
// closed now (then it opens again in three days' time, 09:00), emergency
// numbers for Denmark and Norway, an on-call contact and two resource
// cards. The texts and numbers are in the constants below, for tests to
// compare with.
//
// Ownership: owns the relay process and a temporary directory (the
// organisation's key directory, its policy and requests); borrows the
// AppControllers given to Enrol. Thread-safety: the test's thread only.
// Every call blocks (QProcess, Async::Get): tests only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <string>

#include "app_controller.h"
#include "support/relay_process.h"

namespace kollega::desktop::testing {

struct OrgPolicyOptions {
  bool open_now = true;
  // Opening hours' zone; closed-now hours open three days on, 09:00 here.
  QString time_zone = QStringLiteral("Europe/Copenhagen");
  QString name = QStringLiteral("Kollegastøtte");
  uint32_t max_support_minutes = 240;
  uint32_t over_days = 56;
  uint32_t max_conversations = 0;
  uint32_t max_open_cases_per_helper = 2;
};

struct HelperProfile {
  QString name = QStringLiteral("Anne");
  QString profession = QStringLiteral("doctor");
  QString region = QStringLiteral("Hovedstaden");
  QString gender = QStringLiteral("female");
  QString sector = QStringLiteral("public");
  QStringList languages{QStringLiteral("da"), QStringLiteral("en")};
  QString introduction = QStringLiteral("Praktiserende læge i 20 år. Ring gerne om aftenen.");
  // Joins the organisation and says "available" from the helper's app.
  bool available = true;
};

// What the fixture's policy holds, for tests to look for on screen.
inline constexpr char kCategoryBurnout[] = "burnout";  // names: Burnout, Udbrændthed, ...
inline constexpr char kCategoryStress[] = "stress";    // names: Stress and overload, ...
inline constexpr char kEmergencyDk[] = "112";          // Denmark: Alarmcentralen
inline constexpr char kCrisisDk[] = "70 201 201";      // Denmark: Livslinien
inline constexpr char kEmergencyNo[] = "113";          // Norway: Medisinsk nødtelefon
inline constexpr char kCrisisNo[] = "116 123";         // Norway: Mental Helse
inline constexpr char kOnCallLabel[] = "Vagthavende kollega";
inline constexpr char kOnCallPhone[] = "+45 33 44 55 66";
inline constexpr char kOutOfHoursEn[] = "We are closed now. A helper answers when we open.";

class OrgFixture {
 public:
  OrgFixture();
  ~OrgFixture();
  OrgFixture(const OrgFixture&) = delete;
  OrgFixture& operator=(const OrgFixture&) = delete;

  // Starts the relay, makes the organisation's key, restarts the relay
  // hosting it, signs and publishes the policy. False (with a warning
  // saying why) if any step fails.
  bool SetUp(const OrgPolicyOptions& policy = {});
  // Signs and publishes a new version of the policy (e.g. closed now).
  bool PublishPolicy(const OrgPolicyOptions& policy);
  // Enrols the account of `app` (ready, online, on this relay) as a helper:
  // its request from WhoAmI, enrol --yes, publish; then, if
  // profile.available, its app joins and says "available".
  bool Enrol(AppController& app, const HelperProfile& profile = {});

  kollega::testing::RelayProcess& relay() { return *relay_; }
  QString relayUrl() const { return QString::fromStdString(relay_->url()); }
  // The organisation's card: kollega://org?relay=...&key=...
  QString card() const { return card_; }
  // The organisation id as client-core shows it (hex of the key).
  QString orgId() const { return org_id_; }
  // The policy's JSON (protobuf's JSON mapping of kollega.org.Policy).
  static QByteArray PolicyJson(const OrgPolicyOptions& policy);

 private:
  // Runs kollega-admin with `args`; its stdout, or a null QString (and a
  // warning with its stderr) when it fails.
  QString Admin(const QStringList& args);
  QString Path(const QString& name) const;

  kollega::testing::TempDir tmp_;
  std::unique_ptr<kollega::testing::RelayProcess> relay_;
  QString card_;
  QString org_id_;
  int requests_ = 0;
  int policies_ = 0;
};

}  // namespace kollega::desktop::testing
