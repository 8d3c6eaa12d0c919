// RenderScreenshots: kollega-desktop --screenshots DIR (scripts/screenshots.sh)
// renders each screen in each language, with made-up example conversations,
// to DIR/<screen>-<lang>.png, so a reviewer sees the app without building it.
// Nothing is opened or stored: the controller runs on an empty temporary
// directory and the models show example rows.
//
// Thread-safety: the GUI thread, with a QGuiApplication and no window yet.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace kollega::desktop {

// 0 when every file was written.
int RenderScreenshots(const QString& out_dir);

}  // namespace kollega::desktop
