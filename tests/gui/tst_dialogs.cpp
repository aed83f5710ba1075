#include "teststore.h"

#include "gui/appearance.h"
#include "gui/appsettings.h"
#include "gui/portfoliodialog.h"
#include "gui/settingsdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace pt;
using namespace pt::gui;

namespace {

template<typename T> T *child(const QWidget *parent, const char *name)
{
    auto *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

QPushButton *button(const QWidget *dialog, QDialogButtonBox::StandardButton which)
{
    return child<QDialogButtonBox>(dialog, "buttonBox")->button(which);
}

QString message(const QWidget *dialog)
{
    return child<QLabel>(dialog, "messageLabel")->text();
}

// Replaces a field's text the way a person does: select all, type.
void retype(QWidget *field, const QString &text)
{
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(field, Qt::Key_Delete);
    QTest::keyClicks(field, text);
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    // PortfolioDialog
    void portfolioRefusesEmptyName();
    void portfolioRefusesDuplicateName();
    void portfolioRefusesBadCurrency_data();
    void portfolioRefusesBadCurrency();
    void portfolioAcceptsGoodInput();
    void portfolioEditWarnsOfMethodChange();

    // AppSettings
    void settingsDefaultsWriteNothing();
    void settingsYahooKeys();
    void settingsInvalidValuesFallBack();

    // SettingsDialog
    void settingsDialogLoads();
    void settingsDialogSaves();
    void settingsDialogRefusesBadUrl_data();
    void settingsDialogRefusesBadUrl();
    void settingsDialogRefusesZeroInterval();
    void settingsDialogRefusesBadCloseTime_data();
    void settingsDialogRefusesBadCloseTime();
    void settingsDialogRestoresDefaults();
    void settingsDialogCancelWritesNothing();

    void tabOrder();
    void themes();

    // Pictures of the dialogs to look at, when PT_DIALOG_GRABS names a folder.
    void grabDialogs();

private:
    void grabAll(const QString &folder, const QString &suffix);
    QString iniPath() const { return m_folder.filePath(QStringLiteral("settings.ini")); }
    std::unique_ptr<QSettings> settings() const { return std::make_unique<QSettings>(iniPath(), QSettings::IniFormat); }
    QByteArray iniBytes() const
    {
        QFile file(iniPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QTemporaryDir m_folder;
    std::vector<Portfolio> m_portfolios;
};

void TestDialogs::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // As the app does at start: English, with its plural forms ("1 minute").
    QCOMPARE(installTranslators(*qApp, QStringLiteral("en")), QStringLiteral("en"));
    QVERIFY(m_folder.isValid());
    Portfolio growth;
    growth.id = 1;
    growth.name = QStringLiteral("Growth");
    growth.baseCurrency = QStringLiteral("EUR");
    Portfolio savings;
    savings.id = 2;
    savings.name = QStringLiteral("Savings");
    savings.baseCurrency = QStringLiteral("USD");
    savings.costBasisMethod = CostBasisMethod::AverageCost;
    m_portfolios = { growth, savings };
}

void TestDialogs::init()
{
    QFile::remove(iniPath());
}

void TestDialogs::portfolioRefusesEmptyName()
{
    PortfolioDialog dialog(m_portfolios);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY2(message(&dialog).startsWith(QStringLiteral("Name:")), qPrintable(message(&dialog)));
    QVERIFY(child<QLabel>(&dialog, "messageIcon")->isVisible());

    // Blanks are no name either.
    QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("   "));
    QVERIFY(!dialog.isInputValid());
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
}

void TestDialogs::portfolioRefusesDuplicateName()
{
    PortfolioDialog dialog(m_portfolios);
    dialog.show();
    QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral(" growth "));
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(message(&dialog), QStringLiteral("Name: there is already a portfolio named 'growth'."));
    QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("2"));
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
    QVERIFY(message(&dialog).isEmpty());
}

void TestDialogs::portfolioRefusesBadCurrency_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("shown"); // what the validator lets through
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QString() << QString()
                           << QStringLiteral("Base currency: enter a currency code such as EUR.");
    QTest::newRow("too short") << QStringLiteral("EU") << QStringLiteral("EU")
                               << QStringLiteral(
                                      "Base currency: 'EU' is not a currency code (3 to 5 letters or digits).");
    QTest::newRow("symbols dropped") << QStringLiteral("$%!") << QString()
                                     << QStringLiteral("Base currency: enter a currency code such as EUR.");
}

void TestDialogs::portfolioRefusesBadCurrency()
{
    QFETCH(QString, typed);
    QFETCH(QString, shown);
    QFETCH(QString, reason);
    PortfolioDialog dialog(m_portfolios);
    dialog.show();
    QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Pension"));
    QVERIFY(dialog.isInputValid());
    auto *combo = child<QComboBox>(&dialog, "currencyCombo");
    retype(combo, typed);
    QCOMPARE(combo->currentText(), shown);
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(message(&dialog), reason);
    QCOMPARE(dialog.problem(), reason);
}

void TestDialogs::portfolioAcceptsGoodInput()
{
    test::TestStore store;
    PortfolioDialog dialog(m_portfolios);
    dialog.show();
    QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("  Pension  "));
    retype(child<QComboBox>(&dialog, "currencyCombo"), QStringLiteral("chf"));
    auto *method = child<QComboBox>(&dialog, "methodCombo");
    QCOMPARE(method->count(), 2);
    method->setCurrentIndex(method->findData(int(CostBasisMethod::AverageCost)));
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
    QVERIFY(!dialog.costBasisMethodChanged()); // a new portfolio has nothing to recompute

    QTest::mouseClick(button(&dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Portfolio portfolio = dialog.portfolio();
    QCOMPARE(portfolio.id, RowId(0));
    QCOMPARE(portfolio.name, QStringLiteral("Pension"));
    QCOMPARE(portfolio.baseCurrency, QStringLiteral("CHF"));
    QCOMPARE(portfolio.costBasisMethod, CostBasisMethod::AverageCost);
    // What the dialog accepts, the store takes.
    PT_VERIFY_OK(store::PortfolioRepository(store.db()).add(portfolio));
}

void TestDialogs::portfolioEditWarnsOfMethodChange()
{
    PortfolioDialog dialog(m_portfolios);
    dialog.setPortfolio(m_portfolios.front());
    dialog.show();
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Edit Portfolio"));
    // Its own name is not a duplicate.
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
    QVERIFY(message(&dialog).isEmpty());

    auto *method = child<QComboBox>(&dialog, "methodCombo");
    method->setCurrentIndex(method->findData(int(CostBasisMethod::AverageCost)));
    QVERIFY(dialog.costBasisMethodChanged());
    QVERIFY(button(&dialog, QDialogButtonBox::Ok)->isEnabled()); // allowed, with a warning
    QVERIFY2(message(&dialog).contains(QStringLiteral("recomputed")), qPrintable(message(&dialog)));
    QVERIFY(child<QLabel>(&dialog, "messageIcon")->isVisible());

    // Renaming onto another portfolio is refused.
    retype(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Savings"));
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    retype(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Growth II"));
    const Portfolio edited = dialog.portfolio();
    QCOMPARE(edited.id, RowId(1));
    QCOMPARE(edited.name, QStringLiteral("Growth II"));
    QCOMPARE(edited.costBasisMethod, CostBasisMethod::AverageCost);
}

void TestDialogs::settingsDefaultsWriteNothing()
{
    {
        auto ini = settings();
        AppSettings().save(*ini);
    }
    auto ini = settings();
    QCOMPARE(ini->allKeys(), QStringList { QStringLiteral("settings/version") });
    const AppSettings loaded = AppSettings::load(*ini);
    QCOMPARE(loaded.refreshMinutes, 15);
    QCOMPARE(loaded.closeTime, QTime(22, 0));
    QCOMPARE(loaded.totalCurrency, QStringLiteral("EUR"));
    QCOMPARE(loaded.language, QStringLiteral("system"));
    QCOMPARE(loaded.theme, Theme::System);
    QCOMPARE(loaded.effectiveStorePath(), store::Database::defaultSqlitePath());
}

void TestDialogs::settingsYahooKeys()
{
    // Moving Yahoo's chart host alone keeps the other two where they were.
    const marketdata::ProviderEndpoints real;
    AppSettings values;
    values.endpoints.yahooChart = QUrl(QStringLiteral("http://127.0.0.1:8080/yahoo"));
    {
        auto ini = settings();
        values.save(*ini);
    }
    auto ini = settings();
    QCOMPARE(ini->value(QStringLiteral("providers/yahoo/url")).toString(),
             QStringLiteral("http://127.0.0.1:8080/yahoo"));
    const auto endpoints = marketdata::ProviderEndpoints::fromSettings(*ini);
    QCOMPARE(endpoints.yahooChart, values.endpoints.yahooChart);
    QCOMPARE(endpoints.yahooQuery, real.yahooQuery);
    QCOMPARE(endpoints.yahooCookie, real.yahooCookie);
    QCOMPARE(endpoints.coinGecko, real.coinGecko);
}

void TestDialogs::settingsInvalidValuesFallBack()
{
    {
        auto ini = settings();
        ini->setValue(QStringLiteral("schedule/refreshMinutes"), 0);
        ini->setValue(QStringLiteral("snapshots/closeTime"), QStringLiteral("25:99"));
        ini->setValue(QStringLiteral("valuation/totalCurrency"), QStringLiteral("euro!"));
        ini->setValue(QStringLiteral("valuation/riskFreePercent"), QStringLiteral("lots"));
        ini->setValue(QStringLiteral("valuation/staleAfterDays"), 1000);
        ini->setValue(QStringLiteral("ui/theme"), QStringLiteral("purple"));
    }
    auto ini = settings();
    const AppSettings loaded = AppSettings::load(*ini);
    const AppSettings defaults;
    QCOMPARE(loaded.refreshMinutes, defaults.refreshMinutes);
    QCOMPARE(loaded.closeTime, defaults.closeTime);
    QCOMPARE(loaded.totalCurrency, defaults.totalCurrency);
    QCOMPARE(loaded.riskFreePercent, defaults.riskFreePercent);
    QCOMPARE(loaded.staleAfterDays, defaults.staleAfterDays);
    QCOMPARE(loaded.theme, Theme::System);
}

void TestDialogs::settingsDialogLoads()
{
    {
        auto ini = settings();
        ini->setValue(QStringLiteral("store/path"), QStringLiteral("/tmp/books/mine.sqlite"));
        ini->setValue(QStringLiteral("providers/coingecko/url"), QStringLiteral("http://127.0.0.1:9000/cg/"));
        ini->setValue(QStringLiteral("schedule/refreshMinutes"), 30);
        ini->setValue(QStringLiteral("snapshots/closeTime"), QStringLiteral("21:30"));
        ini->setValue(QStringLiteral("valuation/totalCurrency"), QStringLiteral("USD"));
        ini->setValue(QStringLiteral("valuation/riskFreePercent"), QStringLiteral("2.5"));
        ini->setValue(QStringLiteral("valuation/staleAfterDays"), 7);
        ini->setValue(QStringLiteral("ui/language"), QStringLiteral("de"));
        ini->setValue(QStringLiteral("ui/theme"), QStringLiteral("dark"));
    }
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
    QCOMPARE(child<QLineEdit>(&dialog, "storePathEdit")->text(), QStringLiteral("/tmp/books/mine.sqlite"));
    QCOMPARE(child<QLineEdit>(&dialog, "coinGeckoEdit")->text(), QStringLiteral("http://127.0.0.1:9000/cg"));
    QCOMPARE(child<QLineEdit>(&dialog, "yahooChartEdit")->text(), QStringLiteral("https://query2.finance.yahoo.com"));
    QCOMPARE(child<QSpinBox>(&dialog, "refreshSpin")->value(), 30);
    QCOMPARE(child<QSpinBox>(&dialog, "refreshSpin")->suffix(), QStringLiteral(" minutes"));
    QCOMPARE(child<QComboBox>(&dialog, "totalCurrencyCombo")->currentText(), QStringLiteral("USD"));
    QCOMPARE(child<QLineEdit>(&dialog, "closeTimeEdit")->text(), QStringLiteral("21:30"));
    QCOMPARE(child<QDoubleSpinBox>(&dialog, "riskFreeSpin")->value(), 2.5);
    QCOMPARE(child<QSpinBox>(&dialog, "staleSpin")->value(), 7);
    QCOMPARE(child<QComboBox>(&dialog, "languageCombo")->currentData().toString(), QStringLiteral("de"));
    QCOMPARE(child<QComboBox>(&dialog, "languageCombo")->currentText(), QStringLiteral("Deutsch"));
    QCOMPARE(child<QComboBox>(&dialog, "themeCombo")->currentData().toString(), QStringLiteral("dark"));
    QVERIFY(!dialog.needsRestart());
}

void TestDialogs::settingsDialogSaves()
{
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    retype(child<QLineEdit>(&dialog, "storePathEdit"), QStringLiteral("/tmp/other.sqlite"));
    retype(child<QLineEdit>(&dialog, "ecbEdit"), QStringLiteral("http://localhost:8001/ecb/"));
    retype(child<QSpinBox>(&dialog, "refreshSpin"), QStringLiteral("1"));
    QCOMPARE(child<QSpinBox>(&dialog, "refreshSpin")->suffix(), QStringLiteral(" minute"));
    retype(child<QComboBox>(&dialog, "totalCurrencyCombo"), QStringLiteral("gbp"));
    retype(child<QLineEdit>(&dialog, "closeTimeEdit"), QStringLiteral("18:05"));
    child<QDoubleSpinBox>(&dialog, "riskFreeSpin")->setValue(3.25);
    child<QSpinBox>(&dialog, "staleSpin")->setValue(10);
    auto *language = child<QComboBox>(&dialog, "languageCombo");
    language->setCurrentIndex(language->findData(QStringLiteral("de")));
    auto *theme = child<QComboBox>(&dialog, "themeCombo");
    theme->setCurrentIndex(theme->findData(QStringLiteral("light")));
    QVERIFY(dialog.needsRestart());
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
    QVERIFY2(message(&dialog).contains(QStringLiteral("next start")), qPrintable(message(&dialog)));
    QVERIFY(iniBytes().isEmpty()); // nothing written before OK

    QTest::mouseClick(button(&dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    // Read back from the file by a new QSettings.
    auto reread = settings();
    QCOMPARE(reread->value(QStringLiteral("store/path")).toString(), QStringLiteral("/tmp/other.sqlite"));
    QCOMPARE(reread->value(QStringLiteral("providers/ecb/url")).toString(),
             QStringLiteral("http://localhost:8001/ecb"));
    QVERIFY(!reread->contains(QStringLiteral("providers/coingecko/url"))); // left at its default
    QCOMPARE(reread->value(QStringLiteral("schedule/refreshMinutes")).toInt(), 1);
    QCOMPARE(reread->value(QStringLiteral("snapshots/closeTime")).toString(), QStringLiteral("18:05"));
    QCOMPARE(reread->value(QStringLiteral("valuation/totalCurrency")).toString(), QStringLiteral("GBP"));
    QCOMPARE(reread->value(QStringLiteral("valuation/riskFreePercent")).toString(), QStringLiteral("3.25"));
    QCOMPARE(reread->value(QStringLiteral("valuation/staleAfterDays")).toInt(), 10);
    QCOMPARE(reread->value(QStringLiteral("ui/language")).toString(), QStringLiteral("de"));
    QCOMPARE(reread->value(QStringLiteral("ui/theme")).toString(), QStringLiteral("light"));

    const AppSettings loaded = AppSettings::load(*reread);
    QCOMPARE(loaded.endpoints.ecb, QUrl(QStringLiteral("http://localhost:8001/ecb")));
    QCOMPARE(marketdata::ProviderEndpoints::fromSettings(*reread).ecb, loaded.endpoints.ecb);
    QCOMPARE(loaded.riskFreeRate(), 0.0325);
    QCOMPARE(loaded.theme, Theme::Light);
}

void TestDialogs::settingsDialogRefusesBadUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("empty") << QString();
    QTest::newRow("ftp") << QStringLiteral("ftp://api.coingecko.com");
    QTest::newRow("no scheme") << QStringLiteral("api.coingecko.com/api/v3");
    QTest::newRow("no host") << QStringLiteral("https://");
    QTest::newRow("space") << QStringLiteral("https://api coingecko.com");
}

void TestDialogs::settingsDialogRefusesBadUrl()
{
    QFETCH(QString, url);
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    retype(child<QLineEdit>(&dialog, "coinGeckoEdit"), url);
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY2(message(&dialog).startsWith(QStringLiteral("CoinGecko: ")), qPrintable(message(&dialog)));
    QVERIFY(child<QLabel>(&dialog, "messageIcon")->isVisible());
    // The tab holding the field is marked.
    auto *tabs = child<QTabWidget>(&dialog, "tabWidget");
    QVERIFY(!tabs->tabIcon(tabs->indexOf(child<QWidget>(&dialog, "marketDataTab"))).isNull());
    QVERIFY(tabs->tabIcon(tabs->indexOf(child<QWidget>(&dialog, "storeTab"))).isNull());

    // OK refuses even when called directly, and writes nothing.
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QVERIFY(iniBytes().isEmpty());

    retype(child<QLineEdit>(&dialog, "coinGeckoEdit"), QStringLiteral("https://cg.example.org/api/v3"));
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
    QVERIFY(tabs->tabIcon(tabs->indexOf(child<QWidget>(&dialog, "marketDataTab"))).isNull());
}

void TestDialogs::settingsDialogRefusesZeroInterval()
{
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    auto *spin = child<QSpinBox>(&dialog, "refreshSpin");
    child<QTabWidget>(&dialog, "tabWidget")->setCurrentWidget(child<QWidget>(&dialog, "marketDataTab"));
    retype(spin, QStringLiteral("0"));
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(message(&dialog), QStringLiteral("Refresh every: enter a whole number of minutes from 1 to 1440."));
    retype(spin, QStringLiteral("90"));
    QCOMPARE(spin->value(), 90);
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));
}

void TestDialogs::settingsDialogRefusesBadCloseTime_data()
{
    QTest::addColumn<QString>("typed");
    QTest::newRow("empty") << QString();
    QTest::newRow("hour 25") << QStringLiteral("25:00");
    QTest::newRow("no colon") << QStringLiteral("2200");
    QTest::newRow("incomplete") << QStringLiteral("22:");
}

void TestDialogs::settingsDialogRefusesBadCloseTime()
{
    QFETCH(QString, typed);
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    retype(child<QLineEdit>(&dialog, "closeTimeEdit"), typed);
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY2(message(&dialog).startsWith(QStringLiteral("Daily close: ")), qPrintable(message(&dialog)));
    auto *tabs = child<QTabWidget>(&dialog, "tabWidget");
    QVERIFY(!tabs->tabIcon(tabs->indexOf(child<QWidget>(&dialog, "valuationTab"))).isNull());
}

void TestDialogs::settingsDialogRestoresDefaults()
{
    {
        auto ini = settings();
        ini->setValue(QStringLiteral("providers/yahoo/url"), QStringLiteral("http://127.0.0.1:1/y"));
        ini->setValue(QStringLiteral("schedule/refreshMinutes"), 60);
    }
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    QCOMPARE(child<QLineEdit>(&dialog, "yahooCookieEdit")->text(), QStringLiteral("http://127.0.0.1:1/y"));
    retype(child<QLineEdit>(&dialog, "binanceEdit"), QStringLiteral("nonsense"));
    retype(child<QSpinBox>(&dialog, "refreshSpin"), QStringLiteral("0"));
    QVERIFY(!button(&dialog, QDialogButtonBox::Ok)->isEnabled());

    QTest::mouseClick(child<QPushButton>(&dialog, "restoreDefaultsButton"), Qt::LeftButton);
    const marketdata::ProviderEndpoints real;
    QCOMPARE(child<QLineEdit>(&dialog, "yahooChartEdit")->text(), real.yahooChart.toString());
    QCOMPARE(child<QLineEdit>(&dialog, "yahooQueryEdit")->text(), real.yahooQuery.toString());
    QCOMPARE(child<QLineEdit>(&dialog, "yahooCookieEdit")->text(), real.yahooCookie.toString());
    QCOMPARE(child<QLineEdit>(&dialog, "binanceEdit")->text(), real.binance.toString());
    QCOMPARE(child<QSpinBox>(&dialog, "refreshSpin")->value(), 15);
    QVERIFY2(button(&dialog, QDialogButtonBox::Ok)->isEnabled(), qPrintable(message(&dialog)));

    QTest::mouseClick(button(&dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    auto reread = settings();
    QVERIFY(!reread->contains(QStringLiteral("providers/yahoo/url")));
    QVERIFY(!reread->contains(QStringLiteral("schedule/refreshMinutes")));
}

void TestDialogs::settingsDialogCancelWritesNothing()
{
    {
        auto ini = settings();
        ini->setValue(QStringLiteral("schedule/refreshMinutes"), 45);
    }
    const QByteArray before = iniBytes();
    QVERIFY(!before.isEmpty());
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    retype(child<QSpinBox>(&dialog, "refreshSpin"), QStringLiteral("5"));
    retype(child<QLineEdit>(&dialog, "closeTimeEdit"), QStringLiteral("20:00"));
    child<QComboBox>(&dialog, "themeCombo")->setCurrentIndex(2);
    QTest::mouseClick(button(&dialog, QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    ini.reset();
    QCOMPARE(iniBytes(), before);
}

// The named widgets in the order Tab visits them, from `first` round to it again.
static QStringList focusChain(QWidget *first, const QStringList &names)
{
    QStringList order;
    QWidget *widget = first;
    do {
        if (names.contains(widget->objectName()) && (widget->focusPolicy() & Qt::TabFocus))
            order.append(widget->objectName());
        widget = widget->nextInFocusChain();
    } while (widget != first);
    return order;
}

void TestDialogs::tabOrder()
{
    {
        PortfolioDialog dialog(m_portfolios);
        const QStringList names { QStringLiteral("nameEdit"), QStringLiteral("currencyCombo"),
                                  QStringLiteral("methodCombo") };
        QCOMPARE(focusChain(child<QWidget>(&dialog, "nameEdit"), names), names);
    }
    auto ini = settings();
    SettingsDialog dialog(*ini);
    const QStringList names { QStringLiteral("tabWidget"),
                              QStringLiteral("storePathEdit"),
                              QStringLiteral("browseButton"),
                              QStringLiteral("yahooChartEdit"),
                              QStringLiteral("yahooQueryEdit"),
                              QStringLiteral("yahooCookieEdit"),
                              QStringLiteral("coinGeckoEdit"),
                              QStringLiteral("binanceEdit"),
                              QStringLiteral("ecbEdit"),
                              QStringLiteral("refreshSpin"),
                              QStringLiteral("restoreDefaultsButton"),
                              QStringLiteral("totalCurrencyCombo"),
                              QStringLiteral("closeTimeEdit"),
                              QStringLiteral("riskFreeSpin"),
                              QStringLiteral("staleSpin"),
                              QStringLiteral("languageCombo"),
                              QStringLiteral("themeCombo") };
    QCOMPARE(focusChain(child<QWidget>(&dialog, "tabWidget"), names), names);
}

void TestDialogs::themes()
{
    const QString platformStyle = QApplication::style()->name();
    applyTheme(Theme::Dark);
    QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
    applyTheme(Theme::Light);
    QCOMPARE(QApplication::style()->name(), QStringLiteral("fusion"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    applyTheme(Theme::System);
    QCOMPARE(QApplication::style()->name(), platformStyle);
}

void TestDialogs::grabDialogs()
{
    const QString folder = qEnvironmentVariable("PT_DIALOG_GRABS");
    if (folder.isEmpty())
        QSKIP("set PT_DIALOG_GRABS to a folder to save pictures of the dialogs");
    grabAll(folder, QStringLiteral("en"));
    // German labels are longer: the place where clipping shows first.
    QCOMPARE(installTranslators(*qApp, QStringLiteral("de")), QStringLiteral("de"));
    grabAll(folder, QStringLiteral("de"));
    installTranslators(*qApp, QStringLiteral("en"));
    applyTheme(Theme::Dark);
    grabAll(folder, QStringLiteral("dark"));
    applyTheme(Theme::System);
}

void TestDialogs::grabAll(const QString &folder, const QString &suffix)
{
    const auto save = [&](QWidget *widget, const QString &name) {
        QVERIFY(widget->grab().save(QDir(folder).filePath(QStringLiteral("dlg-%1-%2.png").arg(name, suffix))));
    };
    {
        PortfolioDialog dialog(m_portfolios);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        save(&dialog, QStringLiteral("portfolio-new"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Savings"));
        save(&dialog, QStringLiteral("portfolio-duplicate"));
    }
    {
        PortfolioDialog dialog(m_portfolios);
        dialog.setPortfolio(m_portfolios.front());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *method = child<QComboBox>(&dialog, "methodCombo");
        method->setCurrentIndex(method->findData(int(CostBasisMethod::AverageCost)));
        save(&dialog, QStringLiteral("portfolio-edit"));
    }
    auto ini = settings();
    SettingsDialog dialog(*ini);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *tabs = child<QTabWidget>(&dialog, "tabWidget");
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        save(&dialog, QStringLiteral("settings-") + tabs->widget(i)->objectName().remove(QStringLiteral("Tab")));
    }
    tabs->setCurrentWidget(child<QWidget>(&dialog, "marketDataTab"));
    retype(child<QLineEdit>(&dialog, "coinGeckoEdit"), QStringLiteral("ftp://example.org"));
    save(&dialog, QStringLiteral("settings-badurl"));
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
