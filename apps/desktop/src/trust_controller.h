// TrustController: the app's trust (this account's devices and linking, safety numbers, identity changes that block sending until accepted).
//
// Ownership: owned by the AppController; borrows the Client (Feature).
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include "feature.h"

namespace kollega::desktop {

class TrustController : public Feature {
  Q_OBJECT
  // Contacts whose identity key changed and who are not accepted yet:
  // sending to them is blocked (Chat, CaseChat) until the user accepts.
  Q_PROPERTY(QStringList changedPeers READ changedPeers NOTIFY changedPeersChanged)

 public:
  using Feature::Feature;
  QStringList changedPeers() const { return changed_peers_; }

 signals:
  void changedPeersChanged();

 public:
  void SetClient(client::Client* client) override { client_ = client; }
  // Makes this area's types known to QML (import Kollega 1.0).
  static void RegisterQmlTypes();

 private:
  client::Client* client_ = nullptr;
  QStringList changed_peers_;
};

}  // namespace kollega::desktop
