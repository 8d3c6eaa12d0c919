// What every desktop test does to get an app: an AppController on a data
// directory and a relay, with a quick scrypt (the cost is a parameter, the
// path the same), taken through the first run to a ready, online account.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtTest>
#include <memory>

#include "app_controller.h"

namespace kollega::testing {

inline const QString kDesktopPassphrase = QStringLiteral("calm blue harbour");

// `relay_url` empty: none given (the app's saved or default relay).
inline std::unique_ptr<desktop::AppController> MakeDesktopApp(const QString& data_dir,
                                                              const QString& relay_url) {
  desktop::AppController::Options options;
  options.data_dir = data_dir;
  options.relay_url = relay_url;
  options.kdf_log2_n = 10;
  return std::make_unique<desktop::AppController>(options);
}

// Ready, with its account id and online, within `timeout_ms`; a warning
// with the app's error if not.
inline bool WaitDesktopReady(desktop::AppController& app, int timeout_ms = 10000) {
  const bool ready = QTest::qWaitFor(
      [&] {
        return app.state() == desktop::AppController::Ready && !app.accountId().isEmpty() &&
               app.online();
      },
      timeout_ms);
  if (!ready) qWarning("the app is not ready: %s", qPrintable(app.error()));
  return ready;
}

// A first run to the end: a new account and its store; null if it failed.
inline std::unique_ptr<desktop::AppController> NewDesktopAccount(const QString& data_dir,
                                                                 const QString& relay_url,
                                                                 int timeout_ms = 10000) {
  auto app = MakeDesktopApp(data_dir, relay_url);
  app->createAccount(kDesktopPassphrase, kDesktopPassphrase);
  return WaitDesktopReady(*app, timeout_ms) ? std::move(app) : nullptr;
}

}  // namespace kollega::testing
