// ScreenGallery: every screen of the app, with made-up example rows, one at
// a time in a window, for the screenshots (kollega-desktop --screenshots
// DIR, scripts/screenshots.sh: DIR/<screen>-<lang>.png, so a reviewer sees
// the app without building it) and for the tests that look at all screens
// (contrast). Nothing is opened or stored: the controller runs on an empty
// temporary directory and the models show example rows.
//
// Ownership: owns its controller, engine and window.
// Thread-safety: the GUI thread, with a QGuiApplication.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace kollega::desktop {

class AppController;

class ScreenGallery {
 public:
  ScreenGallery();
  ~ScreenGallery();

  // Null when Main.qml did not load.
  QQuickWindow* window() const { return window_; }
  AppController& controller() { return *controller_; }
  // The screens, by name: Main.qml's screens, and "Safety" (the dialog).
  static QStringList Screens();
  // Shows `screen` in `language` and lets it settle; false for an unknown
  // language. A dialog stays open until the next Show.
  bool Show(const QString& screen, const QString& language);

 private:
  QTemporaryDir empty_;
  std::unique_ptr<AppController> controller_;
  std::unique_ptr<QQmlApplicationEngine> engine_;
  QQuickWindow* window_ = nullptr;
  QString open_dialog_;
};

// 0 when every file was written.
int RenderScreenshots(const QString& out_dir);

}  // namespace kollega::desktop
