// SPDX-License-Identifier: GPL-3.0-or-later
#include "app_controller.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QQmlEngine>
#include <QVariantMap>

#include "kollega/client-core/cases.h"
#include "kollega/crypto/device_key.h"
#include "qr_reader.h"

namespace kollega::desktop {
namespace {

using client::As;
using client::Client;

// Short passphrases fall to a guess even through scrypt
// (docs/storage-encryption.md); the CLI asks for no minimum, the app does.
constexpr int kMinPassphraseLength = 8;

// Wipes the std::string copy of a secret when it goes out of scope.
struct WipeOnExit {
  std::string& secret;
  ~WipeOnExit() { crypto::Wipe(secret); }
};

bool StoreExists(const QString& dir) { return QFileInfo::exists(dir + "/store.key"); }

}  // namespace

void RegisterQmlTypes() {
  qmlRegisterUncreatableType<AppController>("Kollega", 1, 0, "AppController",
                                            "the app's controller is given as `app`");
  qmlRegisterUncreatableType<MessagesModel>("Kollega", 1, 0, "MessagesModel",
                                            "given as app.messages");
  qmlRegisterUncreatableType<ConversationsModel>("Kollega", 1, 0, "ConversationsModel",
                                                 "given as app.conversations");
  qmlRegisterUncreatableType<Languages>("Kollega", 1, 0, "Languages", "given as app.languages");
  OrganisationsController::RegisterQmlTypes();
  CasesController::RegisterQmlTypes();
  TrustController::RegisterQmlTypes();
}

AppController::AppController(Options options, QObject* parent)
    : QObject(parent),
      options_(std::move(options)),
      settings_(SettingsStore::PathFor(options_.data_dir)),
      state_(StoreExists(options_.data_dir) ? Locked : FirstRun),
      features_{&orgs_, &cases_, &trust_} {
  if (options_.relay_url.isEmpty()) {
    options_.relay_url = settings_.RelayUrl().value_or(QString::fromLatin1(kDefaultRelayUrl));
  }
  if (auto minutes = settings_.IdleLockMinutes()) options_.idle_lock_minutes = *minutes;
  if (auto language = settings_.Language()) languages_.setLanguage(*language);
  store_thread_.setMaxThreadCount(1);
  connect(&orgs_, &OrganisationsController::safetyContactsChanged, this,
          &AppController::safetyContactsChanged);
  idle_timer_.setSingleShot(true);
  connect(&idle_timer_, &QTimer::timeout, this, [this] {
    if (state_ == Ready) lock();
  });
}

AppController::~AppController() {
  store_thread_.waitForDone();
  if (pump_) pump_->Stop();
  pump_.reset();
  // Completes the client's outstanding calls (their results are posted to
  // objects still alive) before the models go.
  client_.reset();
}

void AppController::setRelayUrl(const QString& url) {
  if (url == options_.relay_url) return;
  options_.relay_url = url;
  emit relayUrlChanged();
}

void AppController::chooseLanguage(const QString& code) {
  if (languages_.setLanguage(code)) settings_.SetLanguage(code);
}

void AppController::setIdleLockMinutes(int minutes) {
  minutes = std::max(0, minutes);
  if (minutes == options_.idle_lock_minutes) return;
  options_.idle_lock_minutes = minutes;
  settings_.SetIdleLockMinutes(minutes);
  noteActivity();
  emit idleLockMinutesChanged();
}

bool AppController::CheckNewPassphrase(const QString& passphrase, const QString& repeat) {
  if (passphrase.size() < kMinPassphraseLength) {
    SetError(tr("Choose a passphrase of at least %1 characters.").arg(kMinPassphraseLength));
    return false;
  }
  if (passphrase != repeat) {
    SetError(tr("The two passphrases are not the same."));
    return false;
  }
  return true;
}

void AppController::createAccount(const QString& passphrase, const QString& repeat) {
  if (busy_ || state_ != FirstRun) return;
  // A store left by an attempt that could not reach the relay is reused.
  if (client_) return SetUpAccount(Purpose::kCreate, {});
  if (!CheckNewPassphrase(passphrase, repeat)) return;
  OpenStore(passphrase.toStdString(), Purpose::kCreate, {});
}

void AppController::linkDevice(const QString& passphrase, const QString& repeat,
                               const QString& code) {
  if (busy_ || state_ != FirstRun) return;
  const QString trimmed = code.trimmed();
  if (trimmed.isEmpty()) {
    SetError(tr("Type the code shown on your other device."));
    return;
  }
  if (client_) return SetUpAccount(Purpose::kLink, trimmed.toStdString());
  if (!CheckNewPassphrase(passphrase, repeat)) return;
  OpenStore(passphrase.toStdString(), Purpose::kLink, trimmed.toStdString());
}

void AppController::readLinkCodeFromImage(const QUrl& file) {
  if (busy_ || state_ != FirstRun) return;
  SetError({});
  const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
  // The store thread: idle at first run, and never the UI thread.
  store_thread_.start([this, path] {
    const QImage image(path);
    const bool opened = !image.isNull();
    QString code;
    for (const QString& text : ReadQrCodes(image)) {
      // A linking code is base64url; an organisation's card is a link.
      if (!text.contains(QLatin1Char(':'))) code = text;
    }
    PostTo(this, [this, opened, code] {
      if (!opened) return SetError(tr("That file could not be opened as an image."));
      if (code.isEmpty()) {
        return SetError(
            tr("No linking code was found in that image. Try a sharper picture, or "
               "type the code."));
      }
      emit linkCodeRead(code);
    });
  });
}

void AppController::unlock(const QString& passphrase) {
  if (busy_ || state_ != Locked) return;
  if (passphrase.isEmpty()) {
    SetError(tr("Type your passphrase."));
    return;
  }
  OpenStore(passphrase.toStdString(), Purpose::kUnlock, {});
}

void AppController::OpenStore(std::string passphrase, Purpose purpose, std::string code) {
  SetError({});
  SetBusy(true);
  Client::Options options;
  options.store_key.kdf_log2_n = options_.kdf_log2_n;
  const std::string dir = options_.data_dir.toStdString();
  // The closure owns the only copy of the passphrase and wipes it.
  store_thread_.start([this, dir, options, purpose, code = std::move(code),
                       passphrase = std::move(passphrase)]() mutable {
    WipeOnExit wipe{passphrase};
    options.store_key.passphrase = passphrase;
    auto opened = std::make_shared<Result<std::unique_ptr<Client>>>(Client::Open(dir, options));
    crypto::Wipe(options.store_key.passphrase);
    PostTo(this, [this, opened, purpose, code] { OnOpened(std::move(*opened), purpose, code); });
  });
}

void AppController::OnOpened(Result<std::unique_ptr<Client>> opened, Purpose purpose,
                             std::string code) {
  if (!opened.ok()) {
    SetBusy(false);
    if (opened.status().code() == StatusCode::kUnauthenticated) {
      SetError(tr("That passphrase is not right. Nothing was changed; try again."));
    } else {
      SetError(tr("The app could not open its data: %1")
                   .arg(QString::fromStdString(opened.status().message())));
    }
    return;
  }
  client_ = std::move(opened).value();
  pump_ = std::make_unique<EventPump>(client_.get(), this,
                                      [this](const client::EventPtr& e) { OnEvent(e); });
  if (purpose != Purpose::kUnlock) return SetUpAccount(purpose, std::move(code));
  client_->WhoAmI().Then([this](Result<client::WhoAmIInfo> me) {
    const bool has_account = me.ok();
    PostTo(this, [this, has_account] {
      if (has_account) return OnAccountReady();
      // The store exists but its account was never made: back to first run,
      // with the store open.
      SetBusy(false);
      SetState(FirstRun);
    });
  });
}

void AppController::SetUpAccount(Purpose purpose, std::string code) {
  SetError({});
  SetBusy(true);
  sign_up_progress_ = 0;
  emit signUpProgressChanged();
  const std::string relay = options_.relay_url.toStdString();
  auto done = [this](Status status) {
    const bool ok = status.ok();
    const QString message = QString::fromStdString(status.message());
    PostTo(this, [this, ok, message] {
      if (ok) {
        // The relay this account was made on: a later start (a first run
        // again after the store was removed) offers it.
        settings_.SetRelayUrl(options_.relay_url);
        return OnAccountReady();
      }
      SetBusy(false);
      SetError(tr("Could not reach the Kollega service: %1").arg(message));
    });
  };
  if (purpose == Purpose::kLink) {
    client_->LinkDevice(relay, code).Then(done);
  } else {
    client_->CreateAccount(relay).Then(done);
  }
  crypto::Wipe(code);
}

void AppController::OnAccountReady() {
  SetBusy(false);
  messages_.SetClient(client_.get());
  conversations_.SetClient(client_.get());
  for (Feature* feature : features_) feature->SetClient(client_.get());
  client_->WhoAmI().Then([this](Result<client::WhoAmIInfo> me) {
    if (!me.ok()) return;
    const QString id = QString::fromStdString(me->account_id);
    PostTo(this, [this, id] {
      if (!client_) return;  // locked meanwhile
      account_id_ = id;
      emit accountIdChanged();
    });
  });
  // Retries go on inside client-core; the first attempt's result only
  // shows as the online mark.
  client_->StartListening().Then([](Status s) { s.IgnoreError(); });
  SetState(Ready);
  noteActivity();
}

void AppController::OnEvent(const client::EventPtr& event) {
  if (!client_) return;
  if (auto* m = As<client::MessageReceived>(*event)) {
    conversations_.OnMessage(m->message, messages_.peer());
    messages_.OnMessage(m->message);
    emit incoming();
  } else if (auto* k = As<client::CaseChanged>(*event)) {
    if (k->what == "message" || k->what == "offered" || k->what == "handover-asked") {
      emit incoming();
    }
  } else if (auto* s = As<client::StatusChanged>(*event)) {
    messages_.OnStatus(s->peer, s->message_id, s->status);
  } else if (auto* c = As<client::ConnectionChanged>(*event)) {
    const bool online = c->state == client::ConnectionState::kOnline;
    if (online != online_) {
      online_ = online;
      emit onlineChanged();
    }
  } else if (auto* p = As<client::SignUpProgress>(*event)) {
    // A search may run past its expected length: stay short of full.
    const double share = p->expected ? double(p->tried) / double(p->expected) : 0;
    sign_up_progress_ = std::min(0.95, share);
    emit signUpProgressChanged();
  }
  for (Feature* feature : features_) {
    if (!client_) return;  // a feature locked the app
    feature->OnEvent(*event);
  }
}

void AppController::ShowExamples() {
  for (Feature* feature : features_) feature->ShowExamples();
}

void AppController::lock() {
  if (state_ != Ready) return;
  CloseClient();
  SetState(Locked);
}

void AppController::CloseClient() {
  idle_timer_.stop();
  messages_.SetClient(nullptr);
  conversations_.SetClient(nullptr);
  for (Feature* feature : features_) feature->SetClient(nullptr);
  if (pump_) pump_->Stop();
  pump_.reset();
  account_id_.clear();
  emit accountIdChanged();
  if (online_) {
    online_ = false;
    emit onlineChanged();
  }
  // Closing joins client-core's worker and flushes the store: off the UI
  // thread, and before any later open (one store thread).
  auto closing = std::make_shared<std::unique_ptr<Client>>(std::move(client_));
  store_thread_.start([closing] { closing->reset(); });
}

void AppController::refreshSafetyContacts() { orgs_.refreshSafetyContacts(); }

void AppController::noteActivity() {
  if (state_ != Ready || options_.idle_lock_minutes <= 0) return idle_timer_.stop();
  idle_timer_.start(options_.idle_lock_unit * options_.idle_lock_minutes);
}

bool AppController::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
      noteActivity();
      break;
    default:
      break;
  }
  return QObject::eventFilter(watched, event);
}

void AppController::SetState(State state) {
  if (state == state_) return;
  state_ = state;
  emit stateChanged();
}

void AppController::SetBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  emit busyChanged();
}

void AppController::SetError(const QString& error) {
  if (error == error_) return;
  error_ = error;
  emit errorChanged();
}

}  // namespace kollega::desktop
