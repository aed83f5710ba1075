#include "gui/appearance.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace pt::gui;

namespace {

// One <message> of a Qt Linguist .ts file.
struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type; // of <translation>: "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one, or one per plural form
    qint64 line = 0;
};

struct TsFile
{
    QString language;
    QList<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open %1").arg(path);
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"TS") {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == u"context") {
            context.clear();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            message = Message {};
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
            message.line = xml.lineNumber();
        } else if (name == u"source") {
            message.source = xml.readElementText();
        } else if (name == u"comment") {
            message.comment = xml.readElementText();
        } else if (name == u"translation") {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!message.numerus) {
                message.translations = { xml.readElementText() };
                ts.messages.append(message);
            } else {
                while (xml.readNextStartElement()) {
                    if (xml.name() == u"numerusform")
                        message.translations.append(xml.readElementText());
                    else
                        xml.skipCurrentElement();
                }
                ts.messages.append(message);
            }
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QString tsPath(const QString &language)
{
    return QDir(qEnvironmentVariable("PT_SOURCE_DIR"))
        .filePath(QStringLiteral("translations/portfoliotracker_%1.ts").arg(language));
}

QString where(const Message &m)
{
    return QStringLiteral("line %1, %2 \"%3\"").arg(m.line).arg(m.context, m.source);
}

// The placeholders of a text: %1..%99 and %n, sorted.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

// The number of keyboard mnemonics ("&File"; "&&" is a literal ampersand).
int mnemonics(QString text)
{
    text.replace(QStringLiteral("&&"), QString());
    static const QRegularExpression pattern(QStringLiteral("&[^\\s&]"));
    int count = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext(); it.next())
        ++count;
    return count;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void germanTranslatorLoads();
    void englishPluralForms();
    void qtOwnTranslations();
    void unknownLanguageFallsBackToEnglish();
    void availableLanguages();
    void germanFileIsComplete();
    void englishFileHasPluralForms();

private:
    QApplication *app() const { return qobject_cast<QApplication *>(QCoreApplication::instance()); }
};

void TestTranslations::germanTranslatorLoads()
{
    // The .qm embedded in ptgui (a static library) is found at run time.
    QVERIFY(QFile::exists(QStringLiteral(":/i18n/portfoliotracker_de.qm")));
    QCOMPARE(installTranslators(*app(), QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("pt::gui::HoldingsModel", "Quantity"), QStringLiteral("Stückzahl"));
    QCOMPARE(QCoreApplication::translate("pt::gui::MainWindow", "&Jobs"), QStringLiteral("A&ufgaben"));
    // A string of a Designer form, and one of the dialogs.
    QCOMPARE(QCoreApplication::translate("PortfolioDialog", "&Base currency:"), QStringLiteral("&Basiswährung:"));
    QCOMPARE(QCoreApplication::translate("pt::gui::SettingsDialog", " day(s)", "suffix of the staleness limit", 1),
             QStringLiteral(" Tag"));
    QCOMPARE(QCoreApplication::translate("pt::gui::SettingsDialog", " day(s)", "suffix of the staleness limit", 3),
             QStringLiteral(" Tage"));
}

void TestTranslations::englishPluralForms()
{
    QCOMPARE(installTranslators(*app(), QStringLiteral("en")), QStringLiteral("en"));
    // A second call replaced the German translator.
    QCOMPARE(QCoreApplication::translate("pt::gui::HoldingsModel", "Quantity"), QStringLiteral("Quantity"));
    QCOMPARE(QCoreApplication::translate("pt::gui::SettingsDialog", " minute(s)", "suffix of the refresh interval", 1),
             QStringLiteral(" minute"));
    QCOMPARE(QCoreApplication::translate("pt::gui::SettingsDialog", " minute(s)", "suffix of the refresh interval", 15),
             QStringLiteral(" minutes"));
}

void TestTranslations::qtOwnTranslations()
{
    const QString folder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(QDir(folder).filePath(QStringLiteral("qtbase_de.qm"))))
        QSKIP("Qt's German translations are not installed (qt6-translations-l10n)");
    installTranslators(*app(), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
}

void TestTranslations::unknownLanguageFallsBackToEnglish()
{
    installTranslators(*app(), QStringLiteral("de"));
    QCOMPARE(installTranslators(*app(), QStringLiteral("tlh")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("pt::gui::HoldingsModel", "Quantity"), QStringLiteral("Quantity"));
    QCOMPARE(QCoreApplication::translate("pt::gui::SettingsDialog", " day(s)", "suffix of the staleness limit", 1),
             QStringLiteral(" day"));
}

void TestTranslations::availableLanguages()
{
    QStringList codes;
    for (const LanguageChoice &language : pt::gui::availableLanguages())
        codes.append(language.code + u'=' + language.nativeName);
    QCOMPARE(codes, (QStringList { QStringLiteral("de=Deutsch"), QStringLiteral("en=English") }));
}

void TestTranslations::germanFileIsComplete()
{
    const TsFile ts = readTs(tsPath(QStringLiteral("de")));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, QStringLiteral("de"));
    QVERIFY2(ts.messages.size() > 100, qPrintable(QString::number(ts.messages.size())));
    QStringList problems;
    for (const Message &m : ts.messages) {
        if (m.type == u"vanished" || m.type == u"obsolete")
            continue; // no longer in the sources
        if (m.type == u"unfinished")
            problems.append(QStringLiteral("unfinished: ") + where(m));
        if (m.numerus && m.translations.size() != 2) // German: singular, plural
            problems.append(QStringLiteral("needs 2 plural forms: ") + where(m));
        for (const QString &text : m.translations) {
            if (text.isEmpty()) {
                problems.append(QStringLiteral("empty: ") + where(m));
                continue;
            }
            // %n aside: a singular may say "eine" instead of the number.
            QStringList wanted = placeholders(m.source);
            wanted.removeAll(QStringLiteral("%n"));
            QStringList got = placeholders(text);
            got.removeAll(QStringLiteral("%n"));
            if (got != wanted)
                problems.append(QStringLiteral("placeholders %1 instead of %2: ").arg(got.join(u','), wanted.join(u','))
                                + where(m));
            if (mnemonics(text) != mnemonics(m.source))
                problems.append(QStringLiteral("keyboard mnemonic lost or added in \"%1\": ").arg(text) + where(m));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestTranslations::englishFileHasPluralForms()
{
    const TsFile ts = readTs(tsPath(QStringLiteral("en")));
    QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
    QCOMPARE(ts.language, QStringLiteral("en"));
    int plurals = 0;
    QStringList problems;
    for (const Message &m : ts.messages) {
        if (!m.numerus || m.type == u"vanished" || m.type == u"obsolete")
            continue;
        ++plurals;
        if (m.type == u"unfinished")
            problems.append(QStringLiteral("unfinished: ") + where(m));
        if (m.translations.size() != 2 || m.translations.contains(QString()))
            problems.append(QStringLiteral("needs 2 plural forms: ") + where(m));
    }
    QVERIFY(plurals > 0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
