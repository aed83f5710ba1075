#pragma once

#include "marketdata/provider.h"
#include "store/storelocation.h"

#include <QString>
#include <QStringList>
#include <QTime>

class QSettings;

namespace pt::gui {

// How the app looks: the platform's own style and palette (which follows the
// system's light or dark mode), or the Fusion style with a light or dark palette.
enum class Theme { System, Light, Dark };

// The app's settings, typed, with their keys and defaults in this one place.
// Everything else reads them through load() and writes them through save();
// nobody spells a key elsewhere. Secrets never go here: QSettings is a plain
// text file (passwords and tokens belong in the OS keychain).
//
//   key                          type / range                default
//   settings/version             int                         CurrentVersion
//   store/backend                "sqlite", "postgresql"      sqlite
//   store/path                   absolute file path          empty: Database::defaultSqlitePath()
//   store/postgres/host          host name or address        localhost
//   store/postgres/port          int, 1 to 65535             5432
//   store/postgres/database      database name               empty
//   store/postgres/user          role name                   empty
//   store/postgres/sslMode       libpq sslmode: disable, allow, prefer,
//                                require, verify-ca, verify-full   prefer
//   secrets/plaintextFallback    bool                        false
//   providers/yahoo/url          http(s) URL                 ProviderEndpoints{}.yahooChart
//   providers/yahoo/queryUrl     http(s) URL                 providers/yahoo/url if set, else .yahooQuery
//   providers/yahoo/cookieUrl    http(s) URL                 providers/yahoo/url if set, else .yahooCookie
//   providers/coingecko/url      http(s) URL                 ProviderEndpoints{}.coinGecko
//   providers/binance/url        http(s) URL                 ProviderEndpoints{}.binance
//   providers/ecb/url            http(s) URL                 ProviderEndpoints{}.ecb
//   schedule/refreshMinutes      int, 1 to 1440              15
//   snapshots/closeTime          "HH:mm"                     22:00
//   valuation/totalCurrency      currency code (EUR, USD)    EUR
//   valuation/riskFreePercent    number, -10 to 100          0
//   valuation/staleAfterDays     int, 1 to 365               5
//   ui/language                  "system", "en", "de"        system
//   ui/theme                     "system", "light", "dark"   system
//   sync/intervalMinutes         int, 0 to 1440 (0: only on  15
//                                request and after edits)
//   sync/caFile                  PEM file of a private CA    empty: the system's
//                                for a self-hosted server
//
// store/path is the SQLite file (kept under its first name, so older files
// still open the same store). The PostgreSQL password is never here: it is in
// the OS keychain under StoreLocation::secretKey(), or, only where no keychain
// answers and secrets/plaintextFallback is on, in the unencrypted file of
// secrets::PlaintextSecretFile (see docs/POSTGRESQL-AND-KEYCHAIN.md).
//
// The providers/* keys are the ones ProviderEndpoints::fromSettings() reads
// (and the README documents); the PT_*_URL environment variables still
// override them at start (ProviderEndpoints::fromEnvironment(endpoints)).
// A value out of range or unreadable in the file is replaced by its default,
// with a warning in the log.
struct AppSettings
{
    // Bumped when a key is renamed or its meaning changes; load() migrates
    // older files (version 1 is the first).
    static constexpr int CurrentVersion = 1;

    static constexpr int MinRefreshMinutes = 1;
    static constexpr int MaxRefreshMinutes = 1440;
    static constexpr int MinStaleAfterDays = 1;
    static constexpr int MaxStaleAfterDays = 365;
    static constexpr double MinRiskFreePercent = -10;
    static constexpr double MaxRiskFreePercent = 100;
    static constexpr int MaxSyncIntervalMinutes = 1440;

    store::Backend storeBackend = store::Backend::Sqlite;
    QString storePath; // SQLite; empty: the default store
    store::PostgresLocation postgres; // PostgreSQL; never a password
    // Whether a password may be kept unencrypted in a file where no keychain answers.
    bool plaintextPasswordFallback = false;
    marketdata::ProviderEndpoints endpoints;
    int refreshMinutes = 15;
    QTime closeTime = QTime(22, 0); // the day's snapshot counts as its close from then on
    QString totalCurrency = QStringLiteral("EUR"); // of the all-portfolios total
    double riskFreePercent = 0; // annual, for the Sharpe ratio: 2.5 means 2.5 %
    int staleAfterDays = 5; // a price or rate older than this marks a day stale
    QString language = QStringLiteral("system"); // "system" or a language code ("en", "de")
    Theme theme = Theme::System;
    // Sync (the account itself is the store's: SyncEngine::status().account).
    int syncIntervalMinutes = 15;
    QString syncCaFile;

    // The settings in `settings`, defaults for what is missing or invalid.
    static AppSettings load(const QSettings &settings);
    // Writes every setting. Values equal to their default are removed instead
    // of written, so that a default changed in a later version takes effect.
    void save(QSettings &settings) const;
    // Brings a file written by an older version up to CurrentVersion (renamed
    // keys moved, the version stamped). The app calls it once at start, before
    // load(); there is nothing to rename yet.
    static void migrate(QSettings &settings);

    // storePath, or the default store when it is empty.
    QString effectiveStorePath() const;
    // The store to open: the SQLite file (effectiveStorePath()) or the PostgreSQL database.
    store::StoreLocation storeLocation() const;
    // The risk-free rate as a fraction (0.025), as computeRisk() takes it.
    double riskFreeRate() const { return riskFreePercent / 100; }

    // libpq's sslmode values, weakest first.
    static QStringList sslModes();

    // "system", "light", "dark", and back (System for anything else).
    static QString themeKey(Theme theme);
    static Theme themeFromKey(const QString &key);
};

// The currencies offered for a base currency (of a portfolio, of the total):
// the euro and the currencies the ECB publishes daily reference rates for, so
// that values convert. Other valid codes (currency::isValidCode) can be typed.
QStringList baseCurrencyChoices();
// Whether the ECB publishes rates for `code` (or it is the euro).
bool hasReferenceRates(const QString &code);

} // namespace pt::gui
