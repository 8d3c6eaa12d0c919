// OrganisationsController: the seeker's way in (docs/desktop.md, "Finding
// help"): joining an organisation from its card (a kollega:// link, a
// pasted code or a QR image), the helper directory of the joined
// organisations with its filters, starting a case with a helper or with
// whoever is available first (after the out-of-hours notice when the
// organisation is closed), and the Safety dialog's numbers for a chosen
// country and organisation. Everything it shows comes from client-core
// (Client::Organisations, Helpers, SafetyContacts); it only chooses what
// to ask and which language to show.
//
// Ownership: owned by the AppController; borrows the Client (Feature);
// owns the directory model and a thread that reads QR images.
// Thread-safety: UI thread only; client results and QR reads are posted
// back to it, and dropped when the app locked meanwhile.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QThreadPool>
#include <QUrl>
#include <QVariantList>
#include <QVariantMap>

#include "feature.h"
#include "helpers_model.h"

namespace kollega::desktop {

class OrganisationsController : public Feature {
  Q_OBJECT
  // Each joined organisation: {orgId, name, openNow, changesAt, helpers,
  // timeZone}.
  Q_PROPERTY(QVariantList organisations READ organisations NOTIFY organisationsChanged)
  Q_PROPERTY(HelpersModel* helpers READ helpers CONSTANT)
  // The filters' choices: {orgs: [{value, label}], regions, professions,
  // languages, genders, sectors: [values]} from the policies and the
  // directory.
  Q_PROPERTY(QVariantMap filterOptions READ filterOptions NOTIFY filterOptionsChanged)
  // The filter in use: {org, region, profession, language, gender, sector:
  // value or "", availableOnly: bool}.
  Q_PROPERTY(QVariantMap filter READ filter NOTIFY filterChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString error READ error NOTIFY errorChanged)
  // What went well last ("You joined ..."), for a calm status line.
  Q_PROPERTY(QString info READ info NOTIFY infoChanged)
  // Set while a case waits for the seeker to confirm sending outside
  // opening hours: {orgId, name, notice, opensAt (ms; 0 = not set)};
  // empty otherwise.
  Q_PROPERTY(QVariantMap outOfHours READ outOfHours NOTIFY outOfHoursChanged)
  // The Safety dialog: the chosen organisation's numbers for the chosen
  // country ("" = every country the policy lists), then its on-call
  // contact: [{label, phone, email, hours, country}].
  Q_PROPERTY(QVariantList safetyContacts READ safetyContacts NOTIFY safetyContactsChanged)
  Q_PROPERTY(QString safetyOrg READ safetyOrg WRITE setSafetyOrg NOTIFY safetyChoiceChanged)
  Q_PROPERTY(
      QString safetyCountry READ safetyCountry WRITE setSafetyCountry NOTIFY safetyChoiceChanged)
  // The countries the chosen organisation lists numbers for.
  Q_PROPERTY(QStringList safetyCountries READ safetyCountries NOTIFY safetyChoiceChanged)

 public:
  explicit OrganisationsController(QObject* parent = nullptr);
  ~OrganisationsController() override;

  QVariantList organisations() const { return organisations_; }
  HelpersModel* helpers() { return &helpers_; }
  QVariantMap filterOptions() const { return filter_options_; }
  QVariantMap filter() const;
  bool busy() const { return busy_; }
  QString error() const { return error_; }
  QString info() const { return info_; }
  QVariantMap outOfHours() const { return out_of_hours_; }
  QVariantList safetyContacts() const { return safety_contacts_; }
  QString safetyOrg() const { return safety_org_; }
  void setSafetyOrg(const QString& org_id);
  QString safetyCountry() const { return safety_country_; }
  void setSafetyCountry(const QString& country);
  QStringList safetyCountries() const;

  // Joins from a card's text: a kollega:// link, or the code pasted with
  // line breaks in it.
  Q_INVOKABLE void join(const QString& card);
  // Joins from the QR code in an image file (read off the UI thread).
  Q_INVOKABLE void joinFromImage(const QUrl& file);
  // Fetches every joined organisation's policy and directory again.
  Q_INVOKABLE void refresh();
  // `field`: org, region, profession, language, gender, sector (a value or
  // "" for any) or availableOnly (bool). Lists the directory again.
  Q_INVOKABLE void setFilter(const QString& field, const QVariant& value);
  // The problem categories of `org_id` ("": of every joined organisation)
  // as [{id, name}], named in the app's language.
  Q_INVOKABLE QVariantList categories(const QString& org_id) const;
  // Starts a case with `helper` of `org_id`, or with whoever is available
  // first among the filtered helpers when `helper` is empty. Outside
  // opening hours it sends nothing and sets outOfHours; then
  // confirmOutOfHours() sends, cancelOutOfHours() forgets. caseOpened
  // tells the case's id.
  Q_INVOKABLE void startCase(const QString& org_id, const QString& helper, const QString& category,
                             const QString& text);
  Q_INVOKABLE void confirmOutOfHours();
  Q_INVOKABLE void cancelOutOfHours();
  // `ms` (since the epoch) as a short date and time in the app's language
  // and the organisation's time zone (its opening hours'); the system's
  // zone when the organisation is unknown.
  Q_INVOKABLE QString formatTime(const QString& org_id, double ms) const;
  // A country (ISO 3166 alpha-2) by its own name ("DK": "Danmark").
  Q_INVOKABLE QString countryName(const QString& code) const;
  // Loads safetyContacts for the chosen organisation and country.
  Q_INVOKABLE void refreshSafetyContacts();

  void SetClient(client::Client* client) override;
  void ShowExamples() override;
  // Makes this area's types known to QML (import Kollega 1.0).
  static void RegisterQmlTypes();

 signals:
  void organisationsChanged();
  void filterOptionsChanged();
  void filterChanged();
  void busyChanged();
  void errorChanged();
  void infoChanged();
  void outOfHoursChanged();
  void safetyContactsChanged();
  void safetyChoiceChanged();
  void caseOpened(const QString& caseId);

 private:
  struct PendingCase {
    QString org_id, helper, category, text;
  };
  // Organisations, then the whole directory (for the filters' choices),
  // then the filtered one. Results of an older load are dropped.
  void LoadDirectory();
  void OnOrganisations(std::vector<client::OrganisationInfo> orgs);
  void SendCase(PendingCase pending);
  client::HelperFilter Filter() const;
  void SetBusy(bool busy);
  void SetError(const QString& error);
  void SetInfo(const QString& info);

  client::Client* client_ = nullptr;
  HelpersModel helpers_;
  std::vector<client::OrganisationInfo> orgs_;
  QVariantList organisations_;
  QVariantMap filter_options_;
  QHash<QString, QString> filter_;  // field -> value
  bool available_only_ = false;
  bool busy_ = false;
  QString error_;
  QString info_;
  uint64_t load_ = 0;  // the newest LoadDirectory's number
  PendingCase pending_;
  QVariantMap out_of_hours_;
  QVariantList safety_contacts_;
  QString safety_org_;
  QString safety_country_;
  bool safety_country_chosen_ = false;
  // Last: destroyed first, so a running QR read finishes while the rest
  // is alive.
  QThreadPool qr_thread_;
};

// The organisation's out-of-hours notice in `language`, else English, else
// its policy's first language.
QString OutOfHoursNoticeIn(const client::OrganisationInfo& o, const std::string& language);

}  // namespace kollega::desktop
