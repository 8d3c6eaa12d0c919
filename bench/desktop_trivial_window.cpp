// kollega-trivial-window: the cold-start baseline of kollega_desktop_bench.
// A Qt Quick Controls window with a title, a label, a field and a button,
// started like kollega-desktop (same style, same platform), that prints
// "first frame rss_kb=N" at its first frame and exits: what any Qt 6 Quick
// app on this machine pays before the app's own start-up.
//
// Thread-safety: a single-threaded program (Qt's render thread aside).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <cstdio>

#include "desktop_bench_util.h"

namespace {

constexpr char kWindow[] = R"(
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
ApplicationWindow {
    width: 900; height: 640; visible: true
    title: "Trivial"
    header: ToolBar { Label { text: "Trivial window"; anchors.centerIn: parent } }
    ColumnLayout {
        anchors.centerIn: parent
        Label { text: "Type something" }
        TextField { Layout.preferredWidth: 300 }
        Button { text: "OK" }
    }
}
)";

}  // namespace

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  QQuickStyle::setStyle("Basic");
  QQmlApplicationEngine engine;
  engine.loadData(kWindow);
  if (engine.rootObjects().isEmpty()) return 1;
  auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
  if (window == nullptr) return 1;
  QObject::connect(
      window, &QQuickWindow::frameSwapped, &app,
      [] {
        std::printf("first frame rss_kb=%ld\n", kollega::bench::RssKb());
        std::fflush(stdout);
        QCoreApplication::exit(0);
      },
      Qt::QueuedConnection);
  return app.exec();
}
