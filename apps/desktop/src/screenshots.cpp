// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

#include "app_controller.h"
#include "qr_image.h"

namespace kollega::desktop {
namespace {

// Lets bindings, the Loader and any transitions settle before a grab.
void Settle() {
  QEventLoop loop;
  QTimer::singleShot(150, &loop, &QEventLoop::quit);
  loop.exec();
}

void LoadExamples(AppController& controller) {
  const int64_t now = QDateTime::currentMSecsSinceEpoch();
  const std::string peer = "3f9a1c0e5b7d2a4c6e8f0a1b2c3d4e5f";
  std::vector<client::Conversation> conversations = {
      {peer, 4, now - 60'000},
      {"a07c44e19b2d3f5a6c7e8d9f0a1b2c3d", 12, now - 3'600'000},
      {"c1d2e3f405162738495a6b7c8d9e0f1a", 2, now - 86'400'000}};
  controller.conversations()->ShowExamples(std::move(conversations),
                                           {{QString::fromStdString(peer), 1}});
  auto message = [&](bool outgoing, int64_t ago, const char* text, client::MessageStatus s) {
    client::Message m;
    m.peer = peer;
    m.outgoing = outgoing;
    m.sent_ms = m.stored_ms = now - ago;
    m.text = text;
    m.status = s;
    return m;
  };
  using client::MessageStatus;
  controller.messages()->ShowExamples(
      QString::fromStdString(peer),
      {message(true, 900'000, "Hi. It has been a hard week and I would like to talk to someone.",
               MessageStatus::kRead),
       message(false, 600'000, "Hello, I'm glad you wrote. I have time now. What happened?",
               MessageStatus::kReceived),
       message(true, 120'000, "A patient of mine died on Tuesday. I keep going over it.",
               MessageStatus::kDelivered),
       message(true, 30'000, "Thank you for answering so quickly.", MessageStatus::kSent)});
}

}  // namespace

ScreenGallery::ScreenGallery() {
  QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
  AppController::Options options;
  options.data_dir = empty_.path() + "/none";
  controller_ = std::make_unique<AppController>(options);
  LoadExamples(*controller_);
  controller_->ShowExamples();
  engine_ = std::make_unique<QQmlApplicationEngine>();
  controller_->languages()->SetEngine(engine_.get());
  AddQrImageProvider(engine_.get());
  engine_->rootContext()->setContextProperty("app", controller_.get());
  engine_->load(QUrl("qrc:/qml/Main.qml"));
  if (engine_->rootObjects().isEmpty()) return;
  window_ = qobject_cast<QQuickWindow*>(engine_->rootObjects().first());
  if (window_) window_->resize(900, 600);
}

ScreenGallery::~ScreenGallery() {
  // The window goes with the engine, before the controller it shows.
  engine_.reset();
}

namespace {

// A dialog shown over a screen: the gallery's name, the screen, the
// dialog's objectName, and what it is opened with.
struct DialogShot {
  const char* name;
  const char* screen;
  const char* dialog;
  const char* helper_name;
};
constexpr DialogShot kDialogs[] = {
    {"Safety", "Conversations", "safetyDialog", nullptr},
    {"StartCase", "Organisations", "startCaseDialog", "Anne"},
    {"CloseCase", "CaseChat", "caseCloseDialog", nullptr},
};

}  // namespace

QStringList ScreenGallery::Screens() {
  QStringList screens = {"FirstRun", "Unlock",   "Conversations", "Chat",    "Organisations",
                         "Cases",    "CaseChat", "Devices",       "Settings"};
  for (const DialogShot& d : kDialogs) screens << QString::fromLatin1(d.name);
  return screens;
}

bool ScreenGallery::Show(const QString& screen, const QString& language) {
  if (window_ == nullptr || !controller_->languages()->setLanguage(language)) return false;
  if (!open_dialog_.isEmpty()) {
    if (QObject* dialog = window_->findChild<QObject*>(open_dialog_)) {
      QMetaObject::invokeMethod(dialog, "close");
    }
    open_dialog_.clear();
  }
  const DialogShot* shot = nullptr;
  for (const DialogShot& d : kDialogs) {
    if (screen == QLatin1String(d.name)) shot = &d;
  }
  window_->setProperty("previewScreen", shot ? QString::fromLatin1(shot->screen) : screen);
  Settle();
  if (shot != nullptr) {
    open_dialog_ = QString::fromLatin1(shot->dialog);
    if (QObject* dialog = window_->findChild<QObject*>(open_dialog_)) {
      if (shot->helper_name) {
        dialog->setProperty("helper", QStringLiteral("a07c44e19b2d3f5a6c7e8d9f0a1b2c3d"));
        dialog->setProperty("helperName", QString::fromLatin1(shot->helper_name));
      }
      QMetaObject::invokeMethod(dialog, "open");
    }
    Settle();
  }
  return true;
}

int RenderScreenshots(const QString& out_dir) {
  ScreenGallery gallery;
  QQuickWindow* window = gallery.window();
  if (window == nullptr || !QDir().mkpath(out_dir)) return 1;
  int failures = 0;
  for (const QString& language : gallery.controller().languages()->codes()) {
    for (const QString& screen : ScreenGallery::Screens()) {
      gallery.Show(screen, language);
      const QString path = QStringLiteral("%1/%2-%3.png").arg(out_dir, screen.toLower(), language);
      if (!window->grabWindow().save(path)) {
        std::fprintf(stderr, "kollega-desktop: cannot write %s\n", qPrintable(path));
        ++failures;
      }
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace kollega::desktop
