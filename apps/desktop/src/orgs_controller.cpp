// SPDX-License-Identifier: GPL-3.0-or-later
#include "orgs_controller.h"

#include <QDateTime>
#include <QLocale>
#include <QQmlEngine>
#include <QTimeZone>
#include <memory>

#include "event_pump.h"
#include "languages.h"

namespace kollega::desktop {
namespace {

QString Q(const std::string& s) { return QString::fromStdString(s); }

// Sorted, without repeats that differ only in case; empty values left out.
QStringList Choices(QStringList values) {
  QStringList out;
  values.sort(Qt::CaseInsensitive);
  for (const QString& v : values) {
    if (!v.isEmpty() && !out.contains(v, Qt::CaseInsensitive)) out.append(v);
  }
  return out;
}

}  // namespace

OrganisationsController::OrganisationsController(QObject* parent) : Feature(parent) {
  qr_thread_.setMaxThreadCount(1);
}

OrganisationsController::~OrganisationsController() { qr_thread_.waitForDone(); }

void OrganisationsController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<OrganisationsController>("Kollega", 1, 0, "OrganisationsController",
                                                      "given as a property of app");
  qmlRegisterUncreatableType<HelpersModel>("Kollega", 1, 0, "HelpersModel",
                                           "given as app.orgs.helpers");
}

void OrganisationsController::SetClient(client::Client* client) {
  client_ = client;
  ++load_;
  orgs_.clear();
  organisations_.clear();
  filter_options_.clear();
  filter_.clear();
  available_only_ = false;
  helpers_.Clear();
  pending_ = {};
  out_of_hours_.clear();
  safety_contacts_.clear();
  safety_org_.clear();
  SetBusy(false);
  SetError({});
  SetInfo({});
  emit organisationsChanged();
  emit filterOptionsChanged();
  emit filterChanged();
  emit outOfHoursChanged();
  emit safetyContactsChanged();
  emit safetyChoiceChanged();
  if (client_) LoadDirectory();
}

void OrganisationsController::LoadDirectory() {
  if (!client_) return;
  const uint64_t load = ++load_;
  client_->Organisations().Then([this, load](Result<std::vector<client::OrganisationInfo>> r) {
    auto orgs = std::make_shared<std::vector<client::OrganisationInfo>>();
    if (r.ok()) *orgs = std::move(*r);
    PostTo(this, [this, load, orgs] {
      if (!client_ || load != load_) return;
      OnOrganisations(std::move(*orgs));
      // The whole directory first: the filters offer what is there.
      client_->Helpers({}).Then([this, load](Result<std::vector<client::HelperInfo>> all) {
        auto helpers = std::make_shared<std::vector<client::HelperInfo>>();
        if (all.ok()) *helpers = std::move(*all);
        PostTo(this, [this, load, helpers] {
          if (!client_ || load != load_) return;
          QStringList regions, professions, languages, genders, sectors;
          for (const auto& o : orgs_) {
            for (const auto& v : o.regions) regions.append(Q(v));
            for (const auto& v : o.professions) professions.append(Q(v));
            for (const auto& v : o.languages) languages.append(Q(v));
          }
          for (const auto& h : *helpers) {
            regions.append(Q(h.region));
            professions.append(Q(h.profession));
            for (const auto& v : h.languages) languages.append(Q(v));
            genders.append(Q(h.gender));
            sectors.append(Q(h.sector));
          }
          QVariantList org_choices;
          for (const auto& o : orgs_) {
            org_choices.append(QVariantMap{{"value", Q(o.org_id)}, {"label", Q(o.name)}});
          }
          filter_options_ = {{"orgs", org_choices},
                             {"regions", Choices(regions)},
                             {"professions", Choices(professions)},
                             {"languages", Choices(languages)},
                             {"genders", Choices(genders)},
                             {"sectors", Choices(sectors)}};
          emit filterOptionsChanged();
          setFilter({}, {});
        });
      });
    });
  });
}

void OrganisationsController::OnOrganisations(std::vector<client::OrganisationInfo> orgs) {
  orgs_ = std::move(orgs);
  organisations_.clear();
  for (const auto& o : orgs_) {
    organisations_.append(QVariantMap{{"orgId", Q(o.org_id)},
                                      {"name", Q(o.name)},
                                      {"openNow", o.open_now},
                                      {"changesAt", double(o.changes_at_ms)},
                                      {"helpers", int(o.helpers)},
                                      {"timeZone", Q(o.time_zone)}});
  }
  emit organisationsChanged();
  const bool known = std::any_of(orgs_.begin(), orgs_.end(),
                                 [this](const auto& o) { return Q(o.org_id) == safety_org_; });
  if (!known) {
    safety_org_ = orgs_.empty() ? QString() : Q(orgs_.front().org_id);
    emit safetyChoiceChanged();
  }
}

QVariantMap OrganisationsController::filter() const {
  QVariantMap map;
  for (const char* field : {"org", "region", "profession", "language", "gender", "sector"}) {
    map.insert(field, filter_.value(field));
  }
  map.insert("availableOnly", available_only_);
  return map;
}

client::HelperFilter OrganisationsController::Filter() const {
  client::HelperFilter f;
  f.org_id = filter_.value("org").toStdString();
  f.region = filter_.value("region").toStdString();
  f.profession = filter_.value("profession").toStdString();
  f.language = filter_.value("language").toStdString();
  f.gender = filter_.value("gender").toStdString();
  f.sector = filter_.value("sector").toStdString();
  f.available_only = available_only_;
  return f;
}

void OrganisationsController::setFilter(const QString& field, const QVariant& value) {
  if (field == QLatin1String("availableOnly")) {
    available_only_ = value.toBool();
  } else if (!field.isEmpty()) {
    filter_.insert(field, value.toString());
  }
  if (!field.isEmpty()) emit filterChanged();
  if (!client_) return;
  const uint64_t load = ++load_;
  client_->Helpers(Filter()).Then([this, load](Result<std::vector<client::HelperInfo>> r) {
    auto helpers = std::make_shared<std::vector<client::HelperInfo>>();
    if (r.ok()) *helpers = std::move(*r);
    PostTo(this, [this, load, helpers] {
      if (!client_ || load != load_) return;
      QHash<QString, QString> names;
      for (const auto& o : orgs_) names.insert(Q(o.org_id), Q(o.name));
      helpers_.Set(std::move(*helpers), names);
    });
  });
}

QVariantList OrganisationsController::categories(const QString& org_id) const {
  const std::string language = AppLanguageCode();
  QVariantList out;
  QStringList seen;
  for (const auto& o : orgs_) {
    if (!org_id.isEmpty() && Q(o.org_id) != org_id) continue;
    for (const auto& c : o.categories) {
      if (seen.contains(Q(c.id))) continue;
      seen.append(Q(c.id));
      auto it = c.names.find(language);
      if (it == c.names.end()) it = c.names.find("en");
      if (it == c.names.end()) it = c.names.begin();
      out.append(
          QVariantMap{{"id", Q(c.id)}, {"name", it == c.names.end() ? Q(c.id) : Q(it->second)}});
    }
  }
  return out;
}

QString OrganisationsController::formatTime(const QString& org_id, double ms) const {
  QDateTime at = QDateTime::fromMSecsSinceEpoch(qint64(ms));
  for (const auto& o : orgs_) {
    if (Q(o.org_id) != org_id || o.time_zone.empty()) continue;
    const QTimeZone zone(QByteArray::fromStdString(o.time_zone));
    if (zone.isValid()) at = at.toTimeZone(zone);
  }
  const QLocale locale;
  QString text =
      locale.toString(at, QStringLiteral("ddd ")) + locale.toString(at, QLocale::ShortFormat);
  // Where the organisation's clock differs from this computer's, say whose
  // time it is.
  if (at.timeSpec() == Qt::TimeZone && at.offsetFromUtc() != at.toLocalTime().offsetFromUtc()) {
    text += QLatin1Char(' ') + at.timeZoneAbbreviation();
  }
  return text;
}

void OrganisationsController::SetBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  emit busyChanged();
}

void OrganisationsController::SetError(const QString& error) {
  if (error == error_) return;
  error_ = error;
  emit errorChanged();
}

void OrganisationsController::SetInfo(const QString& info) {
  if (info == info_) return;
  info_ = info;
  emit infoChanged();
}

}  // namespace kollega::desktop
