// OrganisationsController's part of the Safety dialog (docs/organisations.md
// §9): which organisation and country, and their numbers from the pinned
// policy (Client::SafetyContacts works offline). Also the example rows of
// the screenshots.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDateTime>
#include <QLocale>
#include <memory>

#include "event_pump.h"
#include "orgs_controller.h"

namespace kollega::desktop {
namespace {

QString Q(const std::string& s) { return QString::fromStdString(s); }

QVariantMap Row(const client::ContactInfo& c) {
  return {{"label", Q(c.label)},
          {"phone", Q(c.phone)},
          {"email", Q(c.email)},
          {"hours", Q(c.hours)},
          {"country", Q(c.id)}};
}

}  // namespace

QStringList OrganisationsController::safetyCountries() const {
  QStringList countries;
  for (const auto& o : orgs_) {
    if (Q(o.org_id) != safety_org_) continue;
    for (const auto& c : o.emergency_countries) countries.append(Q(c));
  }
  return countries;
}

QString OrganisationsController::countryName(const QString& code) const {
  const QLocale::Territory territory = QLocale::codeToTerritory(code);
  if (territory == QLocale::AnyTerritory) return code;
  const QString name = QLocale(QLocale::AnyLanguage, territory).nativeTerritoryName();
  return name.isEmpty() ? QLocale::territoryToString(territory) : name;
}

void OrganisationsController::setSafetyOrg(const QString& org_id) {
  if (org_id == safety_org_) return;
  safety_org_ = org_id;
  emit safetyChoiceChanged();
  refreshSafetyContacts();
}

void OrganisationsController::setSafetyCountry(const QString& country) {
  safety_country_chosen_ = true;
  if (country == safety_country_) return;
  safety_country_ = country;
  emit safetyChoiceChanged();
  refreshSafetyContacts();
}

void OrganisationsController::refreshSafetyContacts() {
  if (!client_) {
    safety_contacts_.clear();
    emit safetyContactsChanged();
    return;
  }
  client_->Organisations().Then([this](Result<std::vector<client::OrganisationInfo>> r) {
    auto orgs = std::make_shared<std::vector<client::OrganisationInfo>>();
    if (r.ok()) *orgs = std::move(*r);
    PostTo(this, [this, orgs] {
      if (!client_) return;
      OnOrganisations(std::move(*orgs));
      if (!safety_country_chosen_) {
        // This computer's country when the policy lists it; else every
        // country's numbers rather than another country's.
        const QString system = QLocale::territoryToCode(QLocale::system().territory());
        const QString country =
            safetyCountries().contains(system, Qt::CaseInsensitive) ? system.toUpper() : QString();
        if (country != safety_country_) {
          safety_country_ = country;
          emit safetyChoiceChanged();
        }
      }
      if (safety_org_.isEmpty()) {
        safety_contacts_.clear();
        emit safetyContactsChanged();
        return;
      }
      const QString org = safety_org_;
      client_->SafetyContacts(org.toStdString(), safety_country_.toStdString())
          .Then([this, org](Result<std::vector<client::ContactInfo>> contacts) {
            QVariantList rows;
            if (contacts.ok()) {
              for (const auto& c : *contacts) rows.append(Row(c));
            }
            PostTo(this, [this, org, rows] {
              if (!client_ || org != safety_org_) return;
              safety_contacts_ = rows;
              emit safetyContactsChanged();
            });
          });
    });
  });
}

void OrganisationsController::ShowExamples() {
  const int64_t now = QDateTime::currentMSecsSinceEpoch();
  client::OrganisationInfo org;
  org.org_id = std::string(64, 'a');
  org.name = "Kollegastøtte";
  org.helpers = 3;
  org.time_zone = "Europe/Copenhagen";
  org.categories = {{"burnout", {{"en", "Burnout"}, {"da", "Udbrændthed"}}}};
  org.emergency_countries = {"DK", "NO"};
  OnOrganisations({org});
  auto helper = [&](const char* name, const char* profession, const char* region,
                    std::vector<std::string> languages, const char* intro,
                    client::Availability availability, int64_t back_at_ms) {
    client::HelperInfo h;
    h.org_id = org.org_id;
    h.account = std::string(32, 'b');
    h.name = name;
    h.profession = profession;
    h.region = region;
    h.languages = std::move(languages);
    h.introduction = intro;
    h.availability = availability;
    h.back_at_ms = back_at_ms;
    return h;
  };
  using client::Availability;
  helpers_.Set(
      {helper("Anne", "doctor", "Hovedstaden", {"da", "en"},
              "GP for twenty years. Evenings suit me best.", Availability::kAvailable, 0),
       helper("Jonas", "doctor", "Midtjylland", {"da"}, "Psychiatrist; I have been where you are.",
              Availability::kAway, now + 2 * 86'400'000),
       helper("Ingrid", "dentist", "Oslo", {"nb", "en"}, "Dentist in Oslo, ask me anything.",
              Availability::kFull, 0)},
      {{QString(org.org_id.c_str()), Q(org.name)}});
  filter_options_ = {{"orgs", QVariantList{}},
                     {"regions", QStringList{"Hovedstaden", "Midtjylland", "Oslo"}},
                     {"professions", QStringList{"dentist", "doctor"}},
                     {"languages", QStringList{"da", "en", "nb"}},
                     {"genders", QStringList{"female", "male"}},
                     {"sectors", QStringList{"private", "public"}}};
  emit filterOptionsChanged();
  safety_country_ = "DK";
  safety_contacts_ = {
      QVariantMap{{"label", "Alarmcentralen"}, {"phone", "112"}, {"country", "DK"}},
      QVariantMap{{"label", "Livslinien"}, {"phone", "70 201 201"}, {"country", "DK"}},
      QVariantMap{
          {"label", "Vagthavende kollega"}, {"phone", "+45 33 44 55 66"}, {"hours", "16-08"}}};
  emit safetyChoiceChanged();
  emit safetyContactsChanged();
}

}  // namespace kollega::desktop
