// OrganisationsController: the app's organisations (join from a card, the helper directory and its filters, opening a case, the out-of-hours notice, the Safety dialog's organisation).
//
// Ownership: owned by the AppController; borrows the Client (Feature).
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feature.h"

namespace kollega::desktop {

class OrganisationsController : public Feature {
  Q_OBJECT

 public:
  using Feature::Feature;
  // `ms` (since the epoch) as a short date and time in the app's language
  // and the organisation's time zone (its opening hours'); the system's
  // zone when the organisation is unknown.
  Q_INVOKABLE QString formatTime(const QString& org_id, double ms) const;
  void SetClient(client::Client* client) override { client_ = client; }
  // Makes this area's types known to QML (import Kollega 1.0).
  static void RegisterQmlTypes();

 private:
  client::Client* client_ = nullptr;
};

}  // namespace kollega::desktop
