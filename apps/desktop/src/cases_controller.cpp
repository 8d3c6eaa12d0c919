// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases_controller.h"

#include <QQmlEngine>

namespace kollega::desktop {

void CasesController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<CasesController>("Kollega", 1, 0, "CasesController", "given as a property of app");
}

}  // namespace kollega::desktop
