#include "gui/appearance.h"

#include "gui/logging.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace pt::gui {

namespace {

const QString TranslationsResource = QStringLiteral(":/i18n");
const QString AppCatalog = QStringLiteral("portfoliotracker");
// Marks the translators installTranslators() made, to replace them on a second call.
const char TranslatorProperty[] = "pt_translator";

QPalette lightPalette()
{
    // Fusion's own palette is the light one.
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette palette = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return palette;
}

QPalette darkPalette()
{
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor text(230, 230, 230);
    const QColor disabledText(127, 127, 127);
    const QColor highlight(42, 130, 218);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(38, 38, 41));
    palette.setColor(QPalette::ToolTipBase, window);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(255, 80, 80));
    palette.setColor(QPalette::Light, QColor(70, 70, 74));
    palette.setColor(QPalette::Midlight, QColor(58, 58, 62));
    palette.setColor(QPalette::Mid, QColor(38, 38, 40));
    palette.setColor(QPalette::Dark, QColor(25, 25, 26));
    palette.setColor(QPalette::Shadow, QColor(10, 10, 10));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(90, 165, 255));
    palette.setColor(QPalette::LinkVisited, QColor(170, 140, 255));
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText }) {
        palette.setColor(QPalette::Disabled, role, disabledText);
    }
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(80, 80, 80));
    palette.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return palette;
}

// The platform's style, remembered before the first switch to Fusion.
QString &platformStyleName()
{
    static QString name;
    return name;
}

QTranslator *loadTranslator(QApplication &app, const QLocale &locale, const QString &catalog, const QString &folder)
{
    auto *translator = new QTranslator(&app);
    if (!translator->load(locale, catalog, QStringLiteral("_"), folder)) {
        delete translator;
        return nullptr;
    }
    translator->setProperty(TranslatorProperty, true);
    QCoreApplication::installTranslator(translator);
    return translator;
}

} // namespace

void applyTheme(Theme theme)
{
    QString &platformStyle = platformStyleName();
    if (theme == Theme::System) {
        if (platformStyle.isEmpty())
            return; // never changed: the platform's look is in place
        QApplication::setStyle(QStyleFactory::create(platformStyle));
        QApplication::setPalette(QPalette()); // nothing set: the style's and platform's palette
        return;
    }
    if (platformStyle.isEmpty())
        platformStyle = QApplication::style()->name();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(theme == Theme::Dark ? darkPalette() : lightPalette());
}

QString installTranslators(QApplication &app, const QString &language)
{
    const QList<QTranslator *> previous = app.findChildren<QTranslator *>(Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : previous) {
        if (translator->property(TranslatorProperty).toBool()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }

    const QString code = language.trimmed().toLower();
    const QLocale locale = code.isEmpty() || code == u"system" ? QLocale::system() : QLocale(code);
    const QString qtFolder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!loadTranslator(app, locale, QStringLiteral("qtbase"), qtFolder))
        qCDebug(lcGui, "No Qt translations for %s in %s", qPrintable(locale.name()), qPrintable(qtFolder));
    const QTranslator *own = loadTranslator(app, locale, AppCatalog, TranslationsResource);
    if (!own) {
        // The source text is English; the English file adds its plural forms ("1 day").
        qCDebug(lcGui, "No translations of the app for %s; using English", qPrintable(locale.name()));
        own = loadTranslator(app, QLocale(QLocale::English), AppCatalog, TranslationsResource);
    }
    return own ? own->language() : QString(); // as the .ts file names it: "de"
}

QList<LanguageChoice> availableLanguages()
{
    QList<LanguageChoice> languages;
    const QString prefix = AppCatalog + u'_';
    const QStringList files
        = QDir(TranslationsResource).entryList({ prefix + QStringLiteral("*.qm") }, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString code = file.mid(prefix.size()).chopped(3);
        const QLocale locale(code);
        // "English" rather than the "American English" of en_US.
        QString name = locale.language() == QLocale::English ? QStringLiteral("English") : locale.nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name.at(0).toUpper();
        languages.append({ code, name });
    }
    return languages;
}

} // namespace pt::gui
