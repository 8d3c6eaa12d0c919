// SPDX-License-Identifier: GPL-3.0-or-later
#include "trust_controller.h"

#include <QQmlEngine>

namespace kollega::desktop {

void TrustController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<TrustController>("Kollega", 1, 0, "TrustController", "given as a property of app");
}

}  // namespace kollega::desktop
