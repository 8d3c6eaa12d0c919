// Accessibility, measured on every screen and dialog of the gallery as it
// is drawn (offscreen, software renderer; docs/desktop.md, "Accessibility"):
// WCAG AA contrast of each visible text against the colour behind it (the
// lowest ratio per screen is printed), and every control reachable with Tab
// and named for a screen reader.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QFont>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QtTest>

#include "a11y_check.h"
#include "app_controller.h"
#include "screenshots.h"

using kollega::desktop::CheckContrast;
using kollega::desktop::CheckControls;
using kollega::desktop::ContrastRatio;
using kollega::desktop::ScreenGallery;

class AccessibilityTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { kollega::desktop::RegisterQmlTypes(); }

  // The formula against WCAG's own reference points.
  void ratioFollowsWcag() {
    QCOMPARE(qRound(ContrastRatio(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(qRound(ContrastRatio(Qt::white, Qt::white) * 100), 100);
    // #767676 is the lightest grey that passes 4.5:1 on white.
    QVERIFY(ContrastRatio(QColor("#767676"), Qt::white) >= 4.5);
    QVERIFY(ContrastRatio(QColor("#777777"), Qt::white) < 4.5);
  }

  void everyScreenPassesAA() {
    ScreenGallery gallery;
    QVERIFY(gallery.window());
    QStringList failures;
    int texts = 0;
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("nl")}) {
      for (const QString& screen : ScreenGallery::Screens()) {
        QVERIFY(gallery.Show(screen, language));
        double lowest = 21;
        for (const auto& r : CheckContrast(gallery.window())) {
          ++texts;
          lowest = std::min(lowest, r.ratio);
          if (r.ratio + 1e-9 < r.required) {
            failures << QStringLiteral("%1/%2: \"%3\" (%4) %5 on %6 = %7:1, needs %8:1")
                            .arg(screen, language, r.text, r.object, r.foreground.name(),
                                 r.background.name())
                            .arg(r.ratio, 0, 'f', 2)
                            .arg(r.required);
          }
        }
        qInfo("%s/%s: lowest contrast %.2f:1", qPrintable(screen), qPrintable(language), lowest);
      }
    }
    QVERIFY(texts > 50);  // the walk found the screens' texts
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join('\n')));
  }

  // A larger system font makes titles and body text larger alike.
  void textFollowsTheSystemFontSize() {
    auto sizes = [] {
      ScreenGallery gallery;
      gallery.Show(QStringLiteral("Conversations"), QStringLiteral("en"));
      auto size = [&](const char* name) {
        QObject* item = gallery.window()->findChild<QObject*>(name);
        return item ? item->property("font").value<QFont>().pointSizeF() : -1.0;
      };
      return std::make_pair(size("conversationsTitle"), size("onlineMark"));
    };
    const QFont system = QGuiApplication::font();
    const auto normal = sizes();
    QFont larger_font = system;
    larger_font.setPointSizeF(system.pointSizeF() * 2);
    QGuiApplication::setFont(larger_font);
    const auto larger = sizes();
    QGuiApplication::setFont(system);
    QVERIFY(normal.first > 0 && normal.second > 0);
    QVERIFY2(larger.first > normal.first * 1.9, "the title keeps its size");
    QVERIFY2(larger.second > normal.second * 1.9, "body text keeps its size");
  }

  void everyControlReachableAndNamed() {
    ScreenGallery gallery;
    QVERIFY(gallery.window());
    QStringList failures;
    int controls = 0;
    for (const QString& screen : ScreenGallery::Screens()) {
      QVERIFY(gallery.Show(screen, QStringLiteral("en")));
      for (const auto& c : CheckControls(gallery.window())) {
        ++controls;
        if (!c.tab_reachable)
          failures << QStringLiteral("%1: %2 is not reached by Tab").arg(screen, c.object);
        if (c.accessible_name.isEmpty()) {
          failures << QStringLiteral("%1: %2 has no accessible name").arg(screen, c.object);
        }
      }
    }
    QVERIFY(controls > 40);  // the walk found the screens' controls
    if (!failures.isEmpty()) QFAIL(qPrintable(failures.join('\n')));
  }
};

QTEST_MAIN(AccessibilityTest)
#include "a11y_test.moc"
