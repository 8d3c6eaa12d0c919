// SettingsStore: what the app keeps between runs outside the encrypted
// store — the language, the idle-lock minutes, and the relay of a first
// run. Never anything secret: it is a plain INI file (QSettings) beside the
// data directory, `<data dir>-desktop.ini` (docs/desktop.md "What the app
// stores where"), so each store has its own and nothing is written inside
// the store's directory.
//
// Ownership: owns its QSettings. Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>
#include <QString>
#include <memory>
#include <optional>

namespace kollega::desktop {

// The relay a first run uses when neither --relay, KOLLEGA_RELAY nor a
// saved choice names one: a relay on this computer (scripts/run-desktop.sh).
inline constexpr const char* kDefaultRelayUrl = "ws://127.0.0.1:8420";

class SettingsStore {
 public:
  // The settings file of the store in `data_dir`.
  static QString PathFor(const QString& data_dir);

  // An empty `path` keeps nothing (every getter then has no value).
  explicit SettingsStore(const QString& path);

  std::optional<QString> Language() const;
  void SetLanguage(const QString& code);
  std::optional<int> IdleLockMinutes() const;
  void SetIdleLockMinutes(int minutes);
  std::optional<QString> RelayUrl() const;
  void SetRelayUrl(const QString& url);

 private:
  std::optional<QString> String(const char* key) const;
  void Set(const char* key, const QVariant& value);

  std::unique_ptr<QSettings> settings_;
};

}  // namespace kollega::desktop
