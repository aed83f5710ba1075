#include "gui/settingsdialog.h"

#include "gui/appearance.h"
#include "gui/logging.h"
#include "gui/storesettingssection.h"
#include "gui/syncsettingssection.h"
#include "money/currency.h"
#include "store/database.h"
#include "ui_settingsdialog.h"

#include <QDir>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QStyle>

#include <algorithm>
#include <initializer_list>
#include <optional>

namespace pt::gui {

namespace {

const QString TimeFormat = QStringLiteral("HH:mm");

// An absolute http(s) URL with a host, without trailing slashes (paths are
// appended to it), as ProviderEndpoints::fromSettings() accepts it; or nothing.
std::optional<QUrl> parseUrl(const QString &text)
{
    QUrl url(text.trimmed(), QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http" && scheme != u"https"))
        return std::nullopt;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url;
}

// The provider variables set in the environment, which override the settings.
QStringList environmentOverrides()
{
    QStringList names;
    for (const char *name : { "PT_YAHOO_URL", "PT_YAHOO_QUERY_URL", "PT_YAHOO_COOKIE_URL", "PT_COINGECKO_URL",
                              "PT_BINANCE_URL", "PT_ECB_URL" }) {
        if (qEnvironmentVariableIsSet(name))
            names.append(QString::fromLatin1(name));
    }
    return names;
}

} // namespace

SettingsDialog::SettingsDialog(QSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
    , m_initial(AppSettings::load(settings))
{
    m_ui->setupUi(this);
    m_store = new StoreSettingsSection(*m_ui, this);
    m_sync = new SyncSettingsSection(m_ui->tabWidget);
    m_ui->tabWidget->insertTab(m_ui->tabWidget->indexOf(m_ui->appearanceTab), m_sync, tr("S&ync"));
    populate();
    showValues(m_initial);

    m_ui->messageLabel->setMinimumHeight(2 * fontMetrics().lineSpacing());
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_ui->messageIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this).pixmap(iconSize, iconSize));
    m_ui->messageIcon->setFixedSize(iconSize, iconSize);
    QSizePolicy policy = m_ui->messageIcon->sizePolicy();
    policy.setRetainSizeWhenHidden(true); // the text does not jump when the icon appears
    m_ui->messageIcon->setSizePolicy(policy);

    connect(m_store, &StoreSettingsSection::changed, this, &SettingsDialog::validateInput);
    connect(m_sync, &SyncSettingsSection::changed, this, &SettingsDialog::validateInput);
    for (const UrlField &field : urlFields())
        connect(field.edit, &QLineEdit::textChanged, this, &SettingsDialog::validateInput);
    // A spin box signals only acceptable text; its editor signals every keystroke.
    for (QAbstractSpinBox *spin :
         std::initializer_list<QAbstractSpinBox *> { m_ui->refreshSpin, m_ui->riskFreeSpin, m_ui->staleSpin }) {
        if (auto *editor = spin->findChild<QLineEdit *>())
            connect(editor, &QLineEdit::textChanged, this, &SettingsDialog::validateInput);
    }
    connect(m_ui->restoreDefaultsButton, &QPushButton::clicked, this, &SettingsDialog::restoreMarketDataDefaults);
    connect(m_ui->totalCurrencyCombo, &QComboBox::editTextChanged, this, &SettingsDialog::validateInput);
    connect(m_ui->closeTimeEdit, &QLineEdit::textChanged, this, &SettingsDialog::validateInput);
    // A plural suffix ("1 minute", "15 minutes") follows the value.
    connect(m_ui->refreshSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updateSuffixes);
    connect(m_ui->staleSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updateSuffixes);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    // The short fields of a tab line up at one width.
    const auto sameWidth = [](std::initializer_list<QWidget *> widgets, QWidget *fixed = nullptr) {
        int width = 0;
        for (QWidget *widget : widgets)
            width = std::max(width, widget->sizeHint().width());
        for (QWidget *widget : widgets)
            widget->setMinimumWidth(width);
        if (fixed)
            fixed->setFixedWidth(width);
    };
    sameWidth({ m_ui->totalCurrencyCombo, m_ui->riskFreeSpin, m_ui->staleSpin }, m_ui->closeTimeEdit);
    sameWidth({ m_ui->languageCombo, m_ui->themeCombo });

    validateInput();
    resize(std::max(width(), sizeHint().width()), sizeHint().height());
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setKeychain(const secrets::Keychain &keychain)
{
    m_store->setKeychain(keychain);
    m_store->show(values()); // asks the new keychain
}

void SettingsDialog::setPlaintextFile(const secrets::PlaintextSecretFile &file)
{
    m_store->setPlaintextFile(file);
    m_store->show(values());
}

void SettingsDialog::populate()
{
    const QStringList overrides = environmentOverrides();
    m_ui->environmentNoteLabel->setText(
        tr("The environment variable(s) %1 override the addresses here.", nullptr, int(overrides.size()))
            .arg(overrides.join(QStringLiteral(", "))));
    m_ui->environmentNoteLabel->setVisible(!overrides.isEmpty());

    m_ui->refreshSpin->setRange(AppSettings::MinRefreshMinutes, AppSettings::MaxRefreshMinutes);
    m_ui->staleSpin->setRange(AppSettings::MinStaleAfterDays, AppSettings::MaxStaleAfterDays);
    m_ui->riskFreeSpin->setRange(AppSettings::MinRiskFreePercent, AppSettings::MaxRiskFreePercent);
    m_ui->riskFreeSpin->setDecimals(2);
    m_ui->riskFreeSpin->setSingleStep(0.25);
    m_ui->riskFreeSpin->setSuffix(tr(" %", "percent suffix of the risk-free rate"));

    m_ui->totalCurrencyCombo->addItems(baseCurrencyChoices());
    m_ui->totalCurrencyCombo->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9]{0,5}")), m_ui->totalCurrencyCombo));
    m_ui->closeTimeEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9:]{0,5}")), m_ui->closeTimeEdit));

    m_ui->languageCombo->addItem(tr("System", "language: follow the system's"), QStringLiteral("system"));
    for (const LanguageChoice &language : availableLanguages())
        m_ui->languageCombo->addItem(language.nativeName, language.code);
    m_ui->themeCombo->addItem(tr("System", "theme: follow the system's light or dark mode"),
                              AppSettings::themeKey(Theme::System));
    m_ui->themeCombo->addItem(tr("Light", "theme"), AppSettings::themeKey(Theme::Light));
    m_ui->themeCombo->addItem(tr("Dark", "theme"), AppSettings::themeKey(Theme::Dark));
}

void SettingsDialog::setSyncController(SyncController *controller)
{
    m_sync->setController(controller);
}

void SettingsDialog::showValues(const AppSettings &values)
{
    m_store->show(values);
    m_sync->showValues(values);
    m_ui->yahooChartEdit->setText(values.endpoints.yahooChart.toString());
    m_ui->yahooQueryEdit->setText(values.endpoints.yahooQuery.toString());
    m_ui->yahooCookieEdit->setText(values.endpoints.yahooCookie.toString());
    m_ui->coinGeckoEdit->setText(values.endpoints.coinGecko.toString());
    m_ui->binanceEdit->setText(values.endpoints.binance.toString());
    m_ui->ecbEdit->setText(values.endpoints.ecb.toString());
    m_ui->refreshSpin->setValue(values.refreshMinutes);
    m_ui->totalCurrencyCombo->setCurrentText(values.totalCurrency);
    m_ui->closeTimeEdit->setText(values.closeTime.toString(TimeFormat));
    m_ui->riskFreeSpin->setValue(values.riskFreePercent);
    m_ui->staleSpin->setValue(values.staleAfterDays);

    int language = m_ui->languageCombo->findData(values.language);
    if (language < 0) {
        // A language set in the file that this version does not ship: keep it.
        m_ui->languageCombo->addItem(values.language, values.language);
        language = m_ui->languageCombo->count() - 1;
    }
    m_ui->languageCombo->setCurrentIndex(language);
    m_ui->themeCombo->setCurrentIndex(m_ui->themeCombo->findData(AppSettings::themeKey(values.theme)));
    updateSuffixes();
}

QList<SettingsDialog::UrlField> SettingsDialog::urlFields() const
{
    return {
        { m_ui->yahooChartEdit, tr("Yahoo chart") },   { m_ui->yahooQueryEdit, tr("Yahoo quote") },
        { m_ui->yahooCookieEdit, tr("Yahoo cookie") }, { m_ui->coinGeckoEdit, tr("CoinGecko") },
        { m_ui->binanceEdit, tr("Binance") },          { m_ui->ecbEdit, tr("ECB") },
    };
}

AppSettings SettingsDialog::values() const
{
    AppSettings values = m_initial;
    m_store->apply(values);
    m_sync->apply(values);

    const auto url = [](const QLineEdit *edit, const QUrl &fallback) {
        return parseUrl(edit->text()).value_or(fallback);
    };
    marketdata::ProviderEndpoints &endpoints = values.endpoints;
    endpoints.yahooChart = url(m_ui->yahooChartEdit, endpoints.yahooChart);
    endpoints.yahooQuery = url(m_ui->yahooQueryEdit, endpoints.yahooQuery);
    endpoints.yahooCookie = url(m_ui->yahooCookieEdit, endpoints.yahooCookie);
    endpoints.coinGecko = url(m_ui->coinGeckoEdit, endpoints.coinGecko);
    endpoints.binance = url(m_ui->binanceEdit, endpoints.binance);
    endpoints.ecb = url(m_ui->ecbEdit, endpoints.ecb);

    values.refreshMinutes = m_ui->refreshSpin->value();
    values.totalCurrency = m_ui->totalCurrencyCombo->currentText().trimmed().toUpper();
    if (const QTime time = QTime::fromString(m_ui->closeTimeEdit->text().trimmed(), TimeFormat); time.isValid())
        values.closeTime = time;
    values.riskFreePercent = m_ui->riskFreeSpin->value();
    values.staleAfterDays = m_ui->staleSpin->value();
    values.language = m_ui->languageCombo->currentData().toString();
    values.theme = AppSettings::themeFromKey(m_ui->themeCombo->currentData().toString());
    return values;
}

bool SettingsDialog::needsRestart() const
{
    const AppSettings current = values();
    const marketdata::ProviderEndpoints &now = current.endpoints;
    const marketdata::ProviderEndpoints &before = m_initial.endpoints;
    const bool endpointsChanged = now.yahooChart != before.yahooChart || now.yahooQuery != before.yahooQuery
        || now.yahooCookie != before.yahooCookie || now.coinGecko != before.coinGecko
        || now.binance != before.binance || now.ecb != before.ecb;
    const bool storeChanged = current.storeBackend != m_initial.storeBackend
        || (current.storeBackend == store::Backend::Sqlite ? current.storePath != m_initial.storePath
                                                           : current.postgres != m_initial.postgres);
    return endpointsChanged || storeChanged || current.language != m_initial.language;
}

void SettingsDialog::restoreMarketDataDefaults()
{
    const AppSettings defaults;
    m_ui->yahooChartEdit->setText(defaults.endpoints.yahooChart.toString());
    m_ui->yahooQueryEdit->setText(defaults.endpoints.yahooQuery.toString());
    m_ui->yahooCookieEdit->setText(defaults.endpoints.yahooCookie.toString());
    m_ui->coinGeckoEdit->setText(defaults.endpoints.coinGecko.toString());
    m_ui->binanceEdit->setText(defaults.endpoints.binance.toString());
    m_ui->ecbEdit->setText(defaults.endpoints.ecb.toString());
    m_ui->refreshSpin->setValue(defaults.refreshMinutes);
    validateInput(); // setValue() leaves the text of an invalid entry that equals the value alone
}

void SettingsDialog::updateSuffixes()
{
    m_ui->refreshSpin->setSuffix(tr(" minute(s)", "suffix of the refresh interval", m_ui->refreshSpin->value()));
    m_ui->staleSpin->setSuffix(tr(" day(s)", "suffix of the staleness limit", m_ui->staleSpin->value()));
}

QString SettingsDialog::readProblem(QWidget *&tab) const
{
    tab = m_ui->storeTab;
    if (const QString store = m_store->problem(); !store.isEmpty())
        return store;

    tab = m_sync;
    if (const QString sync = m_sync->problem(); !sync.isEmpty())
        return sync;

    tab = m_ui->marketDataTab;
    for (const UrlField &field : urlFields()) {
        const QString text = field.edit->text().trimmed();
        if (text.isEmpty())
            return tr("%1: enter the provider's address (Restore Defaults puts back the real one).").arg(field.name);
        if (!parseUrl(text))
            return tr("%1: '%2' is not an http or https address such as https://api.example.com.")
                .arg(field.name, text);
    }
    if (!m_ui->refreshSpin->hasAcceptableInput())
        return tr("Refresh every: enter a whole number of minutes from %1 to %2.")
            .arg(AppSettings::MinRefreshMinutes)
            .arg(AppSettings::MaxRefreshMinutes);

    tab = m_ui->valuationTab;
    const QString code = m_ui->totalCurrencyCombo->currentText().trimmed().toUpper();
    if (code.isEmpty())
        return tr("Total currency: enter a currency code such as EUR.");
    if (!currency::isValidCode(code))
        return tr("Total currency: '%1' is not a currency code (3 to 5 letters or digits).").arg(code);
    if (!QTime::fromString(m_ui->closeTimeEdit->text().trimmed(), TimeFormat).isValid())
        return tr("Daily close: enter a time of day as HH:mm on the 24-hour clock, such as 22:00.");
    if (!m_ui->riskFreeSpin->hasAcceptableInput())
        return tr("Risk-free rate: enter a percentage from %1 to %2.")
            .arg(AppSettings::MinRiskFreePercent)
            .arg(AppSettings::MaxRiskFreePercent);
    if (!m_ui->staleSpin->hasAcceptableInput())
        return tr("Stale after: enter a whole number of days from %1 to %2.")
            .arg(AppSettings::MinStaleAfterDays)
            .arg(AppSettings::MaxStaleAfterDays);

    tab = nullptr;
    return {};
}

void SettingsDialog::validateInput()
{
    QWidget *problemTab = nullptr;
    m_problem = readProblem(problemTab);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty() && !m_savingPassword);

    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, this);
    for (int i = 0; i < m_ui->tabWidget->count(); ++i)
        m_ui->tabWidget->setTabIcon(i, m_ui->tabWidget->widget(i) == problemTab ? warning : QIcon());

    if (!m_problem.isEmpty()) {
        showMessage(m_problem, true);
    } else if (needsRestart()) {
        showMessage(tr("The new store, language or provider addresses are used from the next start."), false);
    } else {
        const QString code = values().totalCurrency;
        showMessage(hasReferenceRates(code)
                        ? QString()
                        : tr("Total currency: the ECB publishes no reference rates for %1, so amounts in "
                             "other currencies cannot be converted to it.")
                              .arg(code),
                    true);
    }
}

void SettingsDialog::showMessage(const QString &text, bool warning)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageIcon->setVisible(warning && !text.isEmpty());
}

void SettingsDialog::accept()
{
    validateInput();
    if (!m_problem.isEmpty() || m_savingPassword)
        return;
    const AppSettings chosen = values();
    if (!m_store->hasNewPassword()) {
        save(chosen);
        return;
    }
    // The password first: if it cannot be kept, nothing is written.
    m_savingPassword = true;
    validateInput();
    showMessage(tr("Keeping the password…"), false);
    m_store->savePassword(chosen.storeLocation(), [this, chosen](const QString &problem) {
        m_savingPassword = false;
        validateInput();
        if (!problem.isEmpty()) {
            m_ui->tabWidget->setCurrentWidget(m_ui->storeTab);
            showMessage(problem, true);
            return;
        }
        save(chosen);
    });
}

void SettingsDialog::save(const AppSettings &values)
{
    values.save(m_settings);
    m_settings.sync();
    if (m_initial.plaintextPasswordFallback && !values.plaintextPasswordFallback) {
        if (const QString problem = m_store->forgetPlaintextFile(); !problem.isEmpty())
            qCWarning(lcGui).noquote() << problem;
    }
    QDialog::accept();
}

} // namespace pt::gui
