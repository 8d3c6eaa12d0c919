// SPDX-License-Identifier: GPL-3.0-or-later
#include "orgs_controller.h"

#include <QDateTime>
#include <QLocale>
#include <QQmlEngine>

namespace kollega::desktop {

void OrganisationsController::RegisterQmlTypes() {
  qmlRegisterUncreatableType<OrganisationsController>("Kollega", 1, 0, "OrganisationsController", "given as a property of app");
}

QString OrganisationsController::formatTime(const QString& org_id, double ms) const {
  (void)org_id;
  return QLocale().toString(QDateTime::fromMSecsSinceEpoch(qint64(ms)), QLocale::ShortFormat);
}

}  // namespace kollega::desktop
