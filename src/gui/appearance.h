#pragma once

#include "gui/appsettings.h"

#include <QString>

class QApplication;

namespace pt::gui {

// The look and the language of the app, from the settings (AppSettings::theme,
// AppSettings::language).

// System leaves the platform's style and palette alone, so the app follows the
// system's light or dark mode; Light and Dark use the Fusion style with a light
// or a dark palette. May be called again while the app runs (after the settings
// dialog): System then restores the platform's style.
void applyTheme(Theme theme);

// Installs the translators of `language` ("system", "en", "de", ...; "system"
// follows the system locale's UI languages): Qt's own (qtbase_<lang>.qm from
// QLibraryInfo::TranslationsPath) and the app's (portfoliotracker_<lang>.qm,
// embedded in ptgui by qt_add_translations under :/i18n/). Call it before any
// window is created; translators installed by an earlier call are replaced.
// Without translations for the language the English ones are used (they carry
// the plural forms of the English source text). Returns the language of the
// app's translations installed ("de", "en"), empty if none could be loaded.
QString installTranslators(QApplication &app, const QString &language);

// The languages the app ships, as (code, native name): ("en", "English"),
// ("de", "Deutsch").
struct LanguageChoice
{
    QString code;
    QString nativeName;
};
QList<LanguageChoice> availableLanguages();

} // namespace pt::gui
