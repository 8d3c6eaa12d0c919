// CasesController (`app.cases`): the app's cases, for a seeker and a
// helper alike (docs/desktop.md "Cases"). It lists Client::Cases() with
// the names the screens show (organisation, category, helper), counts
// case messages not seen yet, shows one case's entries (CaseChat.qml) and
// forwards the user's actions in a case to client-core: write, accept an
// offer, refer, ask for or answer a handover, correct the support time,
// start a new conversation, close (with a category and a "heavy" mark),
// and a helper's availability. Every rule lives in client-core; this
// only shows and forwards.
//
// Everything is asked again after each case event (a list of cases is
// short), so the screens never show an update half-applied.
//
// Ownership: owned by the AppController; borrows the Client (Feature) and
// owns its two models. Thread-safety: UI thread only; client results are
// posted back to it and dropped once the app locked or the case changed.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <map>
#include <vector>

#include "case_entries_model.h"
#include "cases_model.h"
#include "feature.h"

namespace kollega::desktop {

class CasesController : public Feature {
  Q_OBJECT
  Q_PROPERTY(CasesModel* model READ model CONSTANT)
  Q_PROPERTY(CaseEntriesModel* entries READ entries CONSTANT)
  // Case messages (and offers, referrals, handover questions) not seen yet.
  Q_PROPERTY(int unread READ unread NOTIFY unreadChanged)
  // The case open in CaseChat: its row of the model as a map (empty when
  // none), plus "openNow" and "outOfHoursNotice" of its organisation.
  Q_PROPERTY(QString currentCase READ currentCase NOTIFY currentChanged)
  Q_PROPERTY(QVariantMap current READ current NOTIFY currentChanged)
  // For the open case's organisation: [{id, name}], [{id, label, phone,
  // hours, description}], and its other helpers [{account, name}].
  Q_PROPERTY(QVariantList categories READ categories NOTIFY currentChanged)
  Q_PROPERTY(QVariantList resources READ resources NOTIFY currentChanged)
  Q_PROPERTY(QVariantList helpers READ helpers NOTIFY currentChanged)
  // The last action that failed, in words; empty after the next success.
  Q_PROPERTY(QString error READ error NOTIFY errorChanged)
  // A helper closed a case marked heavy: suggest a debrief (until dismissed).
  Q_PROPERTY(bool debriefPrompt READ debriefPrompt NOTIFY debriefPromptChanged)
  // This account is a helper in a joined organisation's directory; its
  // availability there (Availability's numbers) and when "away" ends.
  Q_PROPERTY(bool isHelper READ isHelper NOTIFY availabilityChanged)
  Q_PROPERTY(int availability READ availability NOTIFY availabilityChanged)
  Q_PROPERTY(double awayUntil READ awayUntil NOTIFY availabilityChanged)

 public:
  // client::Availability for QML (same numbers).
  enum AvailabilityState { Unknown = 0, Available = 1, Away = 2, Full = 3 };
  Q_ENUM(AvailabilityState)

  explicit CasesController(QObject* parent = nullptr);
  // What one refresh gathered from client-core (cases_controller.cpp).
  struct Snapshot;

  CasesModel* model() { return &model_; }
  CaseEntriesModel* entries() { return &entries_; }
  int unread() const;
  QString currentCase() const { return current_; }
  QVariantMap current() const;
  QVariantList categories() const;
  QVariantList resources() const;
  QVariantList helpers() const;
  QString error() const { return error_; }
  bool debriefPrompt() const { return debrief_; }
  bool isHelper() const { return is_helper_; }
  int availability() const { return availability_; }
  double awayUntil() const { return static_cast<double>(away_until_ms_); }

  void SetClient(client::Client* client) override;
  void OnEvent(const client::Event& event) override;
  void ShowExamples() override;
  // Makes this area's types known to QML (import Kollega 1.0).
  static void RegisterQmlTypes();

  // Asks client-core again for everything shown (the Cases screen calls it
  // when shown; events call it too). Fetches the directory first when
  // `fetch`, for the helper's own availability as others see it.
  Q_INVOKABLE void refresh(bool fetch = false);
  // CaseChat shows `caseId` (Main.qml's window.openCase); "" shows none.
  Q_INVOKABLE void open(const QString& caseId);
  Q_INVOKABLE void send(const QString& text);
  // --- A helper, in the open case ---
  Q_INVOKABLE void accept();
  Q_INVOKABLE void refer(const QString& resourceId);
  Q_INVOKABLE void askHandover(const QString& helper);
  Q_INVOKABLE void setSupportMinutes(int minutes);
  Q_INVOKABLE void startConversation();
  // --- A seeker, in the open case ---
  Q_INVOKABLE void answerHandover(bool agreed, const QString& passOn);
  // --- Both: closes the open case and wipes it here. `category` (a
  // helper's choice, "" = as opened) and `heavy` count for a helper only.
  Q_INVOKABLE void closeCase(bool heavy, const QString& category);
  Q_INVOKABLE void dismissDebrief();
  // --- A helper's availability in every joined organisation ---
  Q_INVOKABLE void setAvailable();
  Q_INVOKABLE void setAway(double untilMs);

 signals:
  void unreadChanged();
  void currentChanged();
  void errorChanged();
  void debriefPromptChanged();
  void availabilityChanged();
  // The open case was closed here (by this user): CaseChat goes back.
  void caseClosed();

 private:
  void Apply(Snapshot& snapshot);
  void MarkCurrentRead();
  void ReloadEntries();
  // Runs a case action; on failure shows `failed` with client-core's words.
  // Then refreshes (`fetch`: the directory too).
  void Act(client::Async<Status> call, const QString& failed, bool fetch = false);
  void SetError(const QString& error);
  void SetDebrief(bool on);
  void NoteUnread(const std::string& case_id);
  QString HelperName(const std::string& org_id, const std::string& account) const;

  client::Client* client_ = nullptr;
  uint64_t generation_ = 0;  // bumped at lock: drops results from before
  CasesModel model_;
  CaseEntriesModel entries_;
  QString current_;
  std::map<std::string, int> unread_;  // case id -> count; kept while the app runs
  std::map<std::string, client::OrganisationInfo> orgs_;
  std::map<std::string, std::vector<client::CaseCategory>> categories_;
  std::map<std::string, std::vector<client::ContactInfo>> resources_;
  std::vector<client::HelperInfo> helpers_;
  std::string me_;  // this account (hex)
  QString error_;
  bool debrief_ = false;
  bool is_helper_ = false;
  int availability_ = Unknown;
  int64_t away_until_ms_ = 0;
};

}  // namespace kollega::desktop
