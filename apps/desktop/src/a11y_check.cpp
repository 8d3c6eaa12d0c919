// SPDX-License-Identifier: GPL-3.0-or-later
#include "a11y_check.h"

#include <QAccessible>
#include <QFont>
#include <QHash>
#include <QImage>
#include <QQuickItem>
#include <QQuickWindow>
#include <cmath>

namespace kollega::desktop {
namespace {

double Channel(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double Luminance(const QColor& c) {
  return 0.2126 * Channel(c.redF()) + 0.7152 * Channel(c.greenF()) + 0.0722 * Channel(c.blueF());
}

QColor Blend(const QColor& fg, const QColor& bg) {
  const double a = fg.alphaF();
  return QColor::fromRgbF(float(fg.redF() * a + bg.redF() * (1 - a)),
                          float(fg.greenF() * a + bg.greenF() * (1 - a)),
                          float(fg.blueF() * a + bg.blueF() * (1 - a)));
}

bool IsText(const QQuickItem* item) {
  return item->inherits("QQuickText") || item->inherits("QQuickTextInput") ||
         item->inherits("QQuickTextEdit");
}

// The part of `item` not clipped away by an ancestor (a scrolled list).
QRectF VisibleSceneRect(const QQuickItem* item) {
  QRectF rect = item->mapRectToScene(item->boundingRect());
  for (const QQuickItem* up = item->parentItem(); up; up = up->parentItem()) {
    if (up->clip()) rect &= up->mapRectToScene(up->boundingRect());
  }
  return rect;
}

// The commonest colour under `rect`, away from the text's own colour: text
// covers less of its box than what it is drawn on.
QColor BackgroundUnder(const QImage& frame, const QRect& rect, const QColor& text) {
  QHash<QRgb, int> counts;
  for (int y = rect.top(); y <= rect.bottom(); ++y) {
    for (int x = rect.left(); x <= rect.right(); ++x) counts[frame.pixel(x, y) | 0xff000000u]++;
  }
  QRgb best = 0xffffffffu;
  int best_count = -1;
  for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
    if (ContrastRatio(QColor(it.key()), text) < 1.05) continue;  // the glyphs themselves
    if (it.value() > best_count) {
      best = it.key();
      best_count = it.value();
    }
  }
  return QColor(best);
}

void Collect(QQuickItem* item, const QImage& frame, double dpr, std::vector<ContrastReading>* out) {
  if (!item->isVisible() || item->opacity() <= 0.01) return;
  if (IsText(item) && item->isEnabled()) {
    const QString text = item->property("text").toString().trimmed();
    const QColor color = item->property("color").value<QColor>();
    const QRectF scene = VisibleSceneRect(item);
    const QRect pixels =
        QRectF(scene.topLeft() * dpr, scene.size() * dpr).toAlignedRect() & frame.rect();
    if (!text.isEmpty() && color.isValid() && pixels.width() > 1 && pixels.height() > 1) {
      ContrastReading reading;
      reading.text = text.left(40);
      reading.object = item->objectName().isEmpty()
                           ? QString::fromLatin1(item->metaObject()->className())
                           : item->objectName();
      reading.background = BackgroundUnder(frame, pixels, color);
      reading.foreground = Blend(color, reading.background);
      reading.ratio = ContrastRatio(reading.foreground, reading.background);
      const QFont font = item->property("font").value<QFont>();
      const bool large = font.pointSizeF() >= 18 || (font.bold() && font.pointSizeF() >= 14);
      reading.required = large ? 3.0 : 4.5;
      out->push_back(reading);
    }
  }
  for (QQuickItem* child : item->childItems()) Collect(child, frame, dpr, out);
}

// While a modal popup is open, what lies under its dimmer is not in reach.
QQuickItem* VisibleRoot(QQuickWindow* window) {
  QQuickItem* root = window->contentItem();
  for (QQuickItem* child : window->contentItem()->childItems()) {
    if (child->inherits("QQuickOverlay") && child->isVisible()) {
      for (QQuickItem* popup : child->childItems()) {
        if (popup->isVisible()) root = child;
      }
    }
  }
  return root;
}

bool IsControl(const QQuickItem* item) {
  return item->inherits("QQuickAbstractButton") || item->inherits("QQuickComboBox") ||
         item->inherits("QQuickSpinBox") || item->inherits("QQuickTextField") ||
         item->inherits("QQuickTextArea") || item->inherits("QQuickSlider");
}

// A control is reached when Tab stops on it or on a part of it (an editable
// spin box's text field).
bool TabStops(const QQuickItem* item) {
  if (item->activeFocusOnTab()) return true;
  for (const QQuickItem* child : item->childItems()) {
    if (child->isVisible() && TabStops(child)) return true;
  }
  return false;
}

void CollectControls(QQuickItem* item, std::vector<ControlReading>* out) {
  if (!item->isVisible() || item->opacity() <= 0.01) return;
  if (IsControl(item)) {
    if (item->isEnabled() && !VisibleSceneRect(item).isEmpty()) {
      ControlReading reading;
      reading.object = item->objectName().isEmpty()
                           ? QString::fromLatin1(item->metaObject()->className()) + " \"" +
                                 item->property("text").toString().left(30) + "\""
                           : item->objectName();
      if (QAccessibleInterface* a = QAccessible::queryAccessibleInterface(item)) {
        reading.accessible_name = a->text(QAccessible::Name).trimmed();
      }
      reading.tab_reachable = TabStops(item);
      out->push_back(reading);
    }
    // A spin box's or combo box's own parts are the control's, not more.
    if (!item->inherits("QQuickAbstractButton")) return;
  }
  for (QQuickItem* child : item->childItems()) CollectControls(child, out);
}

}  // namespace

double ContrastRatio(const QColor& a, const QColor& b) {
  const double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<ContrastReading> CheckContrast(QQuickWindow* window) {
  std::vector<ContrastReading> readings;
  const QImage frame = window->grabWindow().convertToFormat(QImage::Format_RGB32);
  if (frame.isNull()) return readings;
  Collect(VisibleRoot(window), frame, frame.devicePixelRatio(), &readings);
  return readings;
}

std::vector<ControlReading> CheckControls(QQuickWindow* window) {
  std::vector<ControlReading> readings;
  CollectControls(VisibleRoot(window), &readings);
  return readings;
}

}  // namespace kollega::desktop
