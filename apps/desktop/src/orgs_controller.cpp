// SPDX-License-Identifier: GPL-3.0-or-later
#include "orgs_controller.h"

#include <QQmlEngine>

namespace kollega::desktop {

void OrganisationsController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<OrganisationsController>("Kollega", 1, 0, "OrganisationsController", "given as a property of app");
}

}  // namespace kollega::desktop
