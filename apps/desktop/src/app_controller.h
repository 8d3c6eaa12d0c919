// AppController: the desktop app's state for QML — first run, locked or
// ready — and the one place that opens, creates, links and locks the
// client store (the same encrypted store the `kollega` CLI uses,
// docs/storage-encryption.md). Owns the models the screens show.
//
// The UI thread never waits on the disk or the network: opening the store
// (scrypt, then RocksDB) runs on a thread of its own, client calls complete
// on client-core's worker, and every result is posted back to this object's
// thread (PostTo in event_pump.h).
//
// Ownership: owns the Client, its EventPump and the models; borrows nothing.
// The destructor stops the pump and closes the client before the models go.
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>
#include <QVariantList>
#include <chrono>
#include <memory>

#include "cases_controller.h"
#include "conversations_model.h"
#include "event_pump.h"
#include "kollega/client-core/client.h"
#include "languages.h"
#include "messages_model.h"
#include "orgs_controller.h"
#include "settings_store.h"
#include "trust_controller.h"

namespace kollega::desktop {

class AppController : public QObject {
  Q_OBJECT
  Q_PROPERTY(State state READ state NOTIFY stateChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString error READ error NOTIFY errorChanged)
  Q_PROPERTY(double signUpProgress READ signUpProgress NOTIFY signUpProgressChanged)
  Q_PROPERTY(QString accountId READ accountId NOTIFY accountIdChanged)
  Q_PROPERTY(bool online READ online NOTIFY onlineChanged)
  Q_PROPERTY(QString relayUrl READ relayUrl WRITE setRelayUrl NOTIFY relayUrlChanged)
  Q_PROPERTY(int idleLockMinutes READ idleLockMinutes WRITE setIdleLockMinutes NOTIFY
                 idleLockMinutesChanged)
  Q_PROPERTY(QVariantList safetyContacts READ safetyContacts NOTIFY safetyContactsChanged)
  Q_PROPERTY(ConversationsModel* conversations READ conversations CONSTANT)
  Q_PROPERTY(MessagesModel* messages READ messages CONSTANT)
  Q_PROPERTY(Languages* languages READ languages CONSTANT)
  Q_PROPERTY(OrganisationsController* orgs READ orgs CONSTANT)
  Q_PROPERTY(CasesController* cases READ cases CONSTANT)
  Q_PROPERTY(TrustController* trust READ trust CONSTANT)

 public:
  enum State { FirstRun, Locked, Ready };
  Q_ENUM(State)

  struct Options {
    QString data_dir;  // the client store; created at first run
    // Where a new account is made or linked; empty = the one saved by an
    // earlier run, else kDefaultRelayUrl (settings_store.h).
    QString relay_url;
    // scrypt cost of a new store (Client::Options::StoreKey); 0 = default.
    // Lowered only by tests.
    uint8_t kdf_log2_n = 0;
    int idle_lock_minutes = 10;  // 0 = never lock by itself; a saved choice wins
    // What one "minute" of idle_lock_minutes lasts; shorter only in tests.
    std::chrono::milliseconds idle_lock_unit = std::chrono::minutes(1);
  };

  explicit AppController(Options options, QObject* parent = nullptr);
  ~AppController() override;

  State state() const { return state_; }
  bool busy() const { return busy_; }
  QString error() const { return error_; }
  double signUpProgress() const { return sign_up_progress_; }
  QString accountId() const { return account_id_; }
  bool online() const { return online_; }
  QString relayUrl() const { return options_.relay_url; }
  void setRelayUrl(const QString& url);
  int idleLockMinutes() const { return options_.idle_lock_minutes; }
  void setIdleLockMinutes(int minutes);
  QVariantList safetyContacts() const { return orgs_.safetyContacts(); }
  ConversationsModel* conversations() { return &conversations_; }
  MessagesModel* messages() { return &messages_; }
  Languages* languages() { return &languages_; }
  OrganisationsController* orgs() { return &orgs_; }
  CasesController* cases() { return &cases_; }
  TrustController* trust() { return &trust_; }
  // A language chosen in Settings: switched to and kept for later runs.
  Q_INVOKABLE void chooseLanguage(const QString& code);
  // True when an earlier run saved a language (it is already applied).
  bool HasSavedLanguage() const { return settings_.Language().has_value(); }
  // Screenshots only: every feature shows its example rows.
  void ShowExamples();
  // For tests: the open client, or nullptr while locked.
  client::Client* client() { return client_.get(); }
  void SetIdleLockUnitForTest(std::chrono::milliseconds unit) { options_.idle_lock_unit = unit; }

  // First run: a new anonymous account, its store sealed with `passphrase`.
  Q_INVOKABLE void createAccount(const QString& passphrase, const QString& repeat);
  // First run: this computer joins the account whose device showed `code`.
  Q_INVOKABLE void linkDevice(const QString& passphrase, const QString& repeat,
                              const QString& code);
  // First run: the linking code read from a picture of the QR code the other
  // device shows (off the UI thread); linkCodeRead, or error.
  Q_INVOKABLE void readLinkCodeFromImage(const QUrl& file);
  // Locked: opens the store. A wrong passphrase sets error and changes nothing.
  Q_INVOKABLE void unlock(const QString& passphrase);
  // Closes the store; the passphrase is needed again.
  Q_INVOKABLE void lock();
  // The Safety dialog's numbers: the chosen organisation's for the chosen
  // country (OrganisationsController, app.orgs); empty when none is joined.
  Q_INVOKABLE void refreshSafetyContacts();
  // Any input restarts the idle-lock timer (the app's event filter).
  Q_INVOKABLE void noteActivity();

 signals:
  void stateChanged();
  void busyChanged();
  void errorChanged();
  void signUpProgressChanged();
  void accountIdChanged();
  void onlineChanged();
  void relayUrlChanged();
  void idleLockMinutesChanged();
  void safetyContactsChanged();
  // Something arrived for the user (a message, a case offered or written
  // in): what a content-free notification reacts to. Carries nothing.
  void incoming();
  // readLinkCodeFromImage found a code: for the first run's code field.
  void linkCodeRead(const QString& code);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  enum class Purpose { kCreate, kLink, kUnlock };
  // Opens (or creates) the store off the UI thread, then OnOpened.
  void OpenStore(std::string passphrase, Purpose purpose, std::string code);
  void OnOpened(Result<std::unique_ptr<client::Client>> opened, Purpose purpose, std::string code);
  void SetUpAccount(Purpose purpose, std::string code);
  void OnAccountReady();
  void OnEvent(const client::EventPtr& event);
  void CloseClient();
  void SetState(State state);
  void SetBusy(bool busy);
  void SetError(const QString& error);
  bool CheckNewPassphrase(const QString& passphrase, const QString& repeat);

  Options options_;
  // The language, idle minutes and first-run relay, kept between runs.
  SettingsStore settings_;
  State state_;
  bool busy_ = false;
  QString error_;
  double sign_up_progress_ = 0;
  QString account_id_;
  bool online_ = false;
  ConversationsModel conversations_;
  MessagesModel messages_;
  Languages languages_;
  OrganisationsController orgs_;
  CasesController cases_;
  TrustController trust_;
  // The three above, in the order they receive the client and events.
  std::vector<Feature*> features_;
  QTimer idle_timer_;
  // One thread: opening the store and closing it (joining client-core's
  // worker, flushing RocksDB) happen in order and off the UI thread.
  QThreadPool store_thread_;
  std::unique_ptr<client::Client> client_;
  std::unique_ptr<EventPump> pump_;
};

// Makes AppController and MessagesModel's enums known to QML as
// `import Kollega 1.0`. Once, before loading Main.qml.
void RegisterQmlTypes();

}  // namespace kollega::desktop
