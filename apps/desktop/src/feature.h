// Feature: one area of the app (organisations, cases, trust) with its own
// controller object, shown to QML as a property of `app`. The AppController
// gives every feature the open client and every client-core event, so that
// an area is added beside the others without touching them.
//
// Ownership: the AppController owns its features; a feature borrows the
// Client between SetClient(client) and SetClient(nullptr) (lock, close).
// Thread-safety: UI thread only; events arrive there (EventPump).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include "kollega/client-core/client.h"

namespace kollega::desktop {

class Feature : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  // The account is ready (nullptr: the app locked; forget what was shown).
  virtual void SetClient(client::Client* client) = 0;
  // Every client-core event, on the UI thread, after the controller's own.
  virtual void OnEvent(const client::Event& event) { (void)event; }
  // Screenshots only (screenshots.h): example rows without a client.
  virtual void ShowExamples() {}
};

}  // namespace kollega::desktop
