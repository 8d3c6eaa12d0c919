// What the accessibility tests measure on a window (docs/desktop.md,
// "Accessibility").
//
// CheckContrast: every text a person can see in a window, measured against
// what is actually drawn behind it, for WCAG 2.1 AA (1.4.3): 4.5:1, or 3:1
// for large text (18 pt, or 14 pt bold). The background is read from the
// rendered frame (the commonest colour under the text's box), so styles,
// palettes and overlapping items count as they look, not as declared.
// Disabled controls are exempt, as WCAG exempts inactive components.
//
// CheckControls: every control a person can see and use (buttons, fields,
// boxes), whether Tab reaches it and what a screen reader calls it.
//
// Used by the desktop tests on every screen of the gallery
// (screenshots.h). Thread-safety: the GUI thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <vector>

class QQuickWindow;

namespace kollega::desktop {

struct ContrastReading {
  QString text;    // the text, shortened
  QString object;  // its objectName or class, to find it
  QColor foreground, background;
  double ratio = 0;
  double required = 4.5;
};

// WCAG's contrast ratio of two opaque colours, 1 to 21.
double ContrastRatio(const QColor& a, const QColor& b);

// Every visible, enabled, non-empty text item of `window` with its reading.
std::vector<ContrastReading> CheckContrast(QQuickWindow* window);

struct ControlReading {
  QString object;           // its objectName or class, to find it
  QString accessible_name;  // what a screen reader says; empty is a defect
  bool tab_reachable = false;
};

// Every visible, enabled control of `window` (under an open modal dialog,
// the dialog's only).
std::vector<ControlReading> CheckControls(QQuickWindow* window);

}  // namespace kollega::desktop
