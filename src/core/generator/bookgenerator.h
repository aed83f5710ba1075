#pragma once

#include "result.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <functional>

namespace pt::store {
class Database;
}

namespace pt {

// What a synthetic book should contain. Equal options give an equal book, row
// for row, on every platform: nothing depends on the clock, the locale or the
// standard library's distributions.
struct GeneratorOptions
{
    int portfolios = 2;
    int assets = 10;
    std::int64_t transactions = 200; // ledger entries in all, deposits and splits included
    int years = 1;                   // of daily prices, ending at endDate
    std::uint64_t seed = 1;
    QDate endDate;                   // null: BookGenerator::defaultEndDate(seed)
    // Price rows written per store transaction: bounds memory (about 110 bytes
    // a row) while keeping the number of commits small.
    std::int64_t priceBatchRows = 500'000;
};

// What was written.
struct GeneratorReport
{
    int portfolios = 0;
    int assets = 0;
    std::int64_t transactions = 0;
    std::int64_t prices = 0;
    std::int64_t splits = 0;
    QDate firstDay; // of the price history
    QDate lastDay;
};

// Writes a deterministic synthetic book into a store, for tests, benchmarks and
// demonstrations: portfolios, assets marked synthetic (symbols SYN0001..., names
// starting "Synthetic", no data source, so they never pass for market data),
// ledger entries that replay without error, and daily prices on trading days.
//
// Trading days are Monday to Friday except the fixed holidays Jan 1, May 1,
// Dec 25 and Dec 26 (a simplification of the major exchanges' calendars).
// Splits appear both as ledger entries and in the prices: the close drops by
// the split ratio on its day, and adjusted closes are scaled back over the history.
//
// The entries go in through the repositories' bulk paths, which do not replay
// the ledger, so the generator keeps its own book as it goes: it never sells
// more than is held, counting only units held at the start of a day so that the
// order of one day's entries cannot matter, and trades no asset on its split day.
class BookGenerator
{
public:
    // Stage is "portfolios", "assets", "transactions" or "prices".
    using ProgressHandler = std::function<void(const QString &stage, std::int64_t done, std::int64_t total)>;

    explicit BookGenerator(const store::Database &database) : m_database(database) {}

    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }

    // Refuses a store that already holds synthetic assets: two generated books
    // in one store would clash on symbols.
    Result<GeneratorReport> generate(const GeneratorOptions &options) const;

    // Checks the counts and ranges; the message names the option and its value.
    static Result<void> validate(const GeneratorOptions &options);

    // A fixed day in 2024 derived from the seed, never today, so the output
    // does not depend on when it is generated.
    static QDate defaultEndDate(std::uint64_t seed);
    static bool isHoliday(QDate date);
    static bool isTradingDay(QDate date);

private:
    void report(const QString &stage, std::int64_t done, std::int64_t total) const;

    const store::Database &m_database;
    ProgressHandler m_progress;
};

} // namespace pt
