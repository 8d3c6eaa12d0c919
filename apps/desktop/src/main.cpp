// kollega-desktop: the graphical Kollega app (docs/desktop.md).
//   kollega-desktop [--data-dir DIR] [--relay URL] [--language en|da|nb|nl]
//                   [--screenshots OUT_DIR]
// --screenshots renders every screen in every language to
// OUT_DIR/<screen>-<lang>.png and exits (scripts/screenshots.sh).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickStyle>
#include <QQuickWindow>
#include <cstdio>
#include <cstdlib>

#include "app_controller.h"
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
  QGuiApplication app(argc, argv);
  app.setApplicationName("Kollega");
  QQuickStyle::setStyle("Basic");

  QCommandLineParser parser;
  parser.addHelpOption();
  parser.addOption(
      {"data-dir", "The encrypted client store (the CLI's by default).", "dir", DefaultDataDir()});
  parser.addOption({"relay", "The Kollega relay for a new account.", "url",
                    qEnvironmentVariable("KOLLEGA_RELAY", "ws://127.0.0.1:8420")});
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
  options.relay_url = parser.value("relay");
  kollega::desktop::RegisterQmlTypes();
  if (parser.isSet("screenshots")) {
    return kollega::desktop::RenderScreenshots(parser.value("screenshots"));
  }

  AppController controller(options);
  app.installEventFilter(&controller);
  QQmlApplicationEngine engine;
  controller.languages()->SetEngine(&engine);
  const QString language = parser.isSet("language")
                               ? parser.value("language")
                               : kollega::desktop::Languages::ForLocale(QLocale::system().name());
  controller.languages()->setLanguage(language);
  engine.rootContext()->setContextProperty("app", &controller);
  engine.load(QUrl("qrc:/qml/Main.qml"));
  if (engine.rootObjects().isEmpty()) return 1;
  if (auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
      window && parser.isSet(first_frame)) {
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
