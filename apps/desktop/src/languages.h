// Languages: the app's user-interface language (English, Danish, Norwegian
// Bokmål, Dutch). Loads the translation compiled into the resources at build
// time (apps/desktop/i18n) and retranslates the running QML, so a switch in
// Settings takes effect at once.
//
// Ownership: owns its QTranslator; borrows the engine (SetEngine), which must
// outlive it or be unset. Thread-safety: UI thread only.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>
#include <string>

class QQmlEngine;

namespace kollega::desktop {

class Languages : public QObject {
  Q_OBJECT
  Q_PROPERTY(QString current READ current NOTIFY currentChanged)
  Q_PROPERTY(QStringList codes READ codes CONSTANT)

 public:
  explicit Languages(QObject* parent = nullptr);

  // "en", "da", "nb" or "nl" for a locale name such as "nb_NO" or "no".
  static QString ForLocale(const QString& locale_name);

  void SetEngine(QQmlEngine* engine) { engine_ = engine; }
  QString current() const { return current_; }
  QStringList codes() const;
  // The language's own name ("Dansk"), as the switch lists it.
  Q_INVOKABLE QString nativeName(const QString& code) const;
  // False (and nothing changes) for a code that is not one of codes().
  Q_INVOKABLE bool setLanguage(const QString& code);

 signals:
  void currentChanged();

 private:
  QQmlEngine* engine_ = nullptr;
  QTranslator translator_;
  QString current_ = QStringLiteral("en");
};

// The app's language as a code ("en", "da", "nb", "nl"): Languages::
// setLanguage makes it the default locale. Read on the UI thread.
std::string AppLanguageCode();

}  // namespace kollega::desktop
