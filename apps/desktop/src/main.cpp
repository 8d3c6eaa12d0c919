// kollega-desktop: the graphical Kollega app (docs/desktop.md).
//   kollega-desktop [--data-dir DIR] [--relay URL] [--language en|da|nb|nl]
//                   [--screenshots OUT_DIR]
// --screenshots renders every screen in every language to
// OUT_DIR/<screen>-<lang>.png and exits (scripts/screenshots.sh).
// The language and idle-lock minutes chosen in Settings are kept between
// runs (settings_store.h); --language and --relay win over what was kept.
// With a system tray, closing the window hides it there and the app keeps
// receiving; "Quit" in the tray's menu ends it (notifier.h).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickStyle>
#include <QQuickWindow>
#include <cstdio>
#include <cstdlib>

#include "app_controller.h"
#include "notifier.h"
#include "qr_image.h"
#include "screenshots.h"

namespace {

// The CLI's default (apps/kollega/args.cpp): both apps open the same store.
QString DefaultDataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    return QString::fromLocal8Bit(xdg) + "/kollega";
  }
  return QDir::homePath() + "/.local/share/kollega";
}

}  // namespace

int main(int argc, char** argv) {
  // Widgets for the tray icon's menu (notifier.h).
  QApplication app(argc, argv);
  app.setApplicationName("Kollega");
  QQuickStyle::setStyle("Basic");

  QCommandLineParser parser;
  parser.addHelpOption();
  parser.addOption(
      {"data-dir", "The encrypted client store (the CLI's by default).", "dir", DefaultDataDir()});
  parser.addOption({"relay",
                    "The Kollega relay for a new account (default: KOLLEGA_RELAY, else "
                    "the one saved at the last first run, else ws://127.0.0.1:8420).",
                    "url"});
  parser.addOption({"language", "en, da, nb or nl (default: the system's).", "code"});
  parser.addOption({"screenshots", "Render each screen to PNG files in dir and exit.", "dir"});
  // bench/: the cold start ends at the first frame shown (docs/performance.md).
  QCommandLineOption first_frame("exit-after-first-frame");
  first_frame.setFlags(QCommandLineOption::HiddenFromHelp);
  parser.addOption(first_frame);
  parser.process(app);

  using kollega::desktop::AppController;
  AppController::Options options;
  options.data_dir = parser.value("data-dir");
  // Empty: the controller takes the saved relay, else the default.
  options.relay_url =
      parser.isSet("relay") ? parser.value("relay") : qEnvironmentVariable("KOLLEGA_RELAY");
  kollega::desktop::RegisterQmlTypes();
  if (parser.isSet("screenshots")) {
    return kollega::desktop::RenderScreenshots(parser.value("screenshots"));
  }

  AppController controller(options);
  app.installEventFilter(&controller);
  QQmlApplicationEngine engine;
  controller.languages()->SetEngine(&engine);
  // The controller applied a saved language already; the command line wins.
  if (parser.isSet("language")) {
    controller.languages()->setLanguage(parser.value("language"));
  } else if (!controller.HasSavedLanguage()) {
    controller.languages()->setLanguage(
        kollega::desktop::Languages::ForLocale(QLocale::system().name()));
  }
  kollega::desktop::AddQrImageProvider(&engine);
  engine.rootContext()->setContextProperty("app", &controller);
  engine.load(QUrl("qrc:/qml/Main.qml"));
  if (engine.rootObjects().isEmpty()) return 1;

  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
  kollega::desktop::Notifier notifier(&controller);
  notifier.SetWindow(window);
  // With a tray, a closed window only hides: messages keep arriving.
  app.setQuitOnLastWindowClosed(!notifier.HasTray());
  QObject::connect(&notifier, &kollega::desktop::Notifier::showWindowRequested, window, [window] {
    if (window == nullptr) return;
    window->show();
    window->raise();
    window->requestActivate();
  });
  QObject::connect(&notifier, &kollega::desktop::Notifier::quitRequested, &app,
                   &QCoreApplication::quit, Qt::QueuedConnection);
  if (window && parser.isSet(first_frame)) {
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &app,
        [] {
          std::puts("first frame");
          std::fflush(stdout);
          QCoreApplication::exit(0);
        },
        Qt::QueuedConnection);
  }
  return app.exec();
}
