// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings_store.h"

#include <QDir>

namespace kollega::desktop {
namespace {

constexpr const char* kLanguage = "language";
constexpr const char* kIdleLockMinutes = "idle_lock_minutes";
constexpr const char* kRelayUrl = "relay_url";

}  // namespace

QString SettingsStore::PathFor(const QString& data_dir) {
  if (data_dir.isEmpty()) return {};
  return QDir::cleanPath(data_dir) + QStringLiteral("-desktop.ini");
}

SettingsStore::SettingsStore(const QString& path) {
  if (!path.isEmpty()) settings_ = std::make_unique<QSettings>(path, QSettings::IniFormat);
}

std::optional<QString> SettingsStore::String(const char* key) const {
  if (!settings_ || !settings_->contains(key)) return std::nullopt;
  const QString value = settings_->value(key).toString();
  if (value.isEmpty()) return std::nullopt;
  return value;
}

void SettingsStore::Set(const char* key, const QVariant& value) {
  if (!settings_) return;
  settings_->setValue(key, value);
  // Written at once: the app may be ended without a clean exit.
  settings_->sync();
}

std::optional<QString> SettingsStore::Language() const { return String(kLanguage); }

void SettingsStore::SetLanguage(const QString& code) { Set(kLanguage, code); }

std::optional<int> SettingsStore::IdleLockMinutes() const {
  if (!settings_ || !settings_->contains(kIdleLockMinutes)) return std::nullopt;
  bool ok = false;
  const int minutes = settings_->value(kIdleLockMinutes).toInt(&ok);
  if (!ok || minutes < 0) return std::nullopt;
  return minutes;
}

void SettingsStore::SetIdleLockMinutes(int minutes) { Set(kIdleLockMinutes, minutes); }

std::optional<QString> SettingsStore::RelayUrl() const { return String(kRelayUrl); }

void SettingsStore::SetRelayUrl(const QString& url) { Set(kRelayUrl, url); }

}  // namespace kollega::desktop
