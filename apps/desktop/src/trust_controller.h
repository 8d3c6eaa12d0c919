// TrustController: the app's trust (this account's devices and linking, safety numbers, identity changes that block sending until accepted).
//
// Ownership: owned by the AppController; borrows the Client (Feature).
// Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "feature.h"

namespace kollega::desktop {

class TrustController : public Feature {
  Q_OBJECT

 public:
  using Feature::Feature;
  void SetClient(client::Client* client) override { client_ = client; }
  // Makes this area's types known to QML (import Kollega 1.0).
  static void RegisterQmlTypes();

 private:
  client::Client* client_ = nullptr;
};

}  // namespace kollega::desktop
