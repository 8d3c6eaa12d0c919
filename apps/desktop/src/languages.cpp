// SPDX-License-Identifier: GPL-3.0-or-later
#include "languages.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

namespace kollega::desktop {

Languages::Languages(QObject* parent) : QObject(parent) {}

QString Languages::ForLocale(const QString& locale_name) {
  const QString lang = locale_name.section(QLatin1Char('_'), 0, 0).toLower();
  // Norwegian without a written standard, and Nynorsk, read Bokmål best of
  // the four.
  if (lang == QLatin1String("nb") || lang == QLatin1String("no") || lang == QLatin1String("nn")) {
    return QStringLiteral("nb");
  }
  if (lang == QLatin1String("da") || lang == QLatin1String("nl")) return lang;
  return QStringLiteral("en");
}

QStringList Languages::codes() const {
  return {QStringLiteral("en"), QStringLiteral("da"), QStringLiteral("nb"), QStringLiteral("nl")};
}

QString Languages::nativeName(const QString& code) const {
  if (code == QLatin1String("da")) return QStringLiteral("Dansk");
  if (code == QLatin1String("nb")) return QStringLiteral("Norsk bokmål");
  if (code == QLatin1String("nl")) return QStringLiteral("Nederlands");
  return QStringLiteral("English");
}

bool Languages::setLanguage(const QString& code) {
  if (!codes().contains(code)) return false;
  QCoreApplication::removeTranslator(&translator_);
  // English is the source text, but its catalogue holds the plural forms
  // ("1 new message", "2 new messages").
  if (!translator_.load(QStringLiteral(":/i18n/kollega_%1.qm").arg(code))) return false;
  QCoreApplication::installTranslator(&translator_);
  current_ = code;
  // Dates and times follow the chosen language; English keeps the system's
  // own English conventions where it has them.
  const QLocale system = QLocale::system();
  QLocale::setDefault(code == QLatin1String("en")
                          ? (system.language() == QLocale::English ? system : QLocale("en_GB"))
                          : QLocale(code));
  if (engine_ != nullptr) engine_->retranslate();
  emit currentChanged();
  return true;
}

std::string AppLanguageCode() {
  const QString name = QLocale().name().section(QLatin1Char('_'), 0, 0);
  return name == QLatin1String("C") ? std::string("en") : name.toStdString();
}

}  // namespace kollega::desktop
