// Exchange rates from the ECB into the store, end to end: the provider asks a
// real HTTP server on loopback that answers with files in the ECB's format
// (tab-indented, single-quoted, newest day first), and the rates the book
// needs land in fx_rate. Which of the three files is asked depends on how far
// behind the store is; currencies the book does not use are not stored;
// malformed files change nothing; and with the rates stored, a euro portfolio
// holding a dollar asset is valued completely.

#include "ecbrates.h"
#include "fakehttpserver.h"
#include "testsupport.h"

#include "jobs/exchangerates.h"
#include "jobs/scheduler.h"
#include "marketdata/providerregistry.h"
#include "store/assetrepository.h"
#include "store/fxraterepository.h"
#include "store/jobrepository.h"
#include "store/portfoliorepository.h"
#include "store/pricerepository.h"
#include "store/transactionrepository.h"
#include "valuation/valuator.h"

#include <QSqlQuery>

using namespace pt;
using namespace pt::store;
using pt::test::dec;

namespace {

const QByteArray Daily = "/eurofxref-daily.xml";
const QByteArray Last90 = "/eurofxref-hist-90d.xml";
const QByteArray Everything = "/eurofxref-hist.xml";

// What the test server would serve, as rates to store directly.
std::vector<marketdata::EuroRate> ratesBetween(QDate from, QDate to)
{
    std::vector<marketdata::EuroRate> rates;
    for (const test::EcbRate &rate : test::ecbRates(from, to))
        rates.push_back({rate.date, rate.currency, dec(qPrintable(rate.rate))});
    return rates;
}

marketdata::ProviderEndpoints endpointsAt(const QUrl &base)
{
    marketdata::ProviderEndpoints endpoints;
    endpoints.yahooChart = endpoints.yahooQuery = endpoints.yahooCookie = base;
    endpoints.coinGecko = endpoints.binance = endpoints.ecb = base;
    return endpoints;
}

int rateRows(const Database &db)
{
    QSqlQuery query(db.connection());
    query.exec(QStringLiteral("SELECT COUNT(*) FROM fx_rate"));
    query.next();
    return query.value(0).toInt();
}

} // namespace

class TestExchangeRates : public QObject
{
    Q_OBJECT

private:
    const QDate m_today{2024, 6, 14}; // a Friday
    const QDate m_firstEntry{2024, 1, 10};
    std::unique_ptr<test::TemporaryStore> m_store;
    std::unique_ptr<test::FakeHttpServer> m_server;
    std::unique_ptr<marketdata::ProviderRegistry> m_providers;
    RowId m_portfolio = 0;

    RowId addAsset(const char *symbol, const char *currency) const
    {
        Asset asset;
        asset.symbol = QString::fromLatin1(symbol);
        asset.name = asset.symbol;
        asset.currency = QString::fromLatin1(currency);
        return AssetRepository(m_store->db()).add(asset)->id;
    }

    void buy(RowId asset, QDate date, const char *quantity, const char *price, const char *currency) const
    {
        Transaction t;
        t.portfolioId = m_portfolio;
        t.type = TransactionType::Buy;
        t.date = date;
        t.assetId = asset;
        t.quantity = dec(quantity);
        t.price = dec(price);
        t.currency = QString::fromLatin1(currency);
        QVERIFY(TransactionRepository(m_store->db()).insert(t).ok());
    }

    jobs::JobOutcome update() const
    {
        const jobs::JobContext context{m_store->db(), *m_providers->provider(QStringLiteral("ecb")), nullptr, {}, {}};
        return jobs::updateExchangeRates(context, m_today);
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<test::TemporaryStore>();
        m_server = std::make_unique<test::FakeHttpServer>();
        QVERIFY(m_server->listen());
        m_providers = std::make_unique<marketdata::ProviderRegistry>(endpointsAt(m_server->baseUrl()));
        Portfolio portfolio;
        portfolio.name = QStringLiteral("Euro book");
        m_portfolio = PortfolioRepository(m_store->db()).add(portfolio)->id;
        // The files: history since a year before the first entry, 90 days, and the last day.
        test::serveEcb(*m_server, m_firstEntry.addYears(-1), m_today);
    }

    void cleanup()
    {
        m_providers.reset();
        m_server.reset();
        m_store.reset();
    }

    void needsAreTheCurrenciesOfTheBook()
    {
        auto empty = jobs::rateNeeds(m_store->db());
        PT_VERIFY_OK(empty);
        QVERIFY(empty->isEmpty()); // a euro portfolio without entries needs nothing
        buy(addAsset("ACME", "USD"), m_firstEntry, "10", "100", "USD");
        buy(addAsset("TOYO", "JPY"), m_firstEntry.addDays(5), "100", "2500", "JPY");
        addAsset("UNUSED", "CHF");
        auto needs = jobs::rateNeeds(m_store->db());
        PT_VERIFY_OK(needs);
        QCOMPARE(needs->currencies, QStringList({QStringLiteral("JPY"), QStringLiteral("USD")}));
        QCOMPARE(needs->from, m_firstEntry);
        // The all-portfolios total's currency counts too.
        QCOMPARE(jobs::rateNeeds(m_store->db(), {QStringLiteral("GBP")})->currencies,
                 QStringList({QStringLiteral("GBP"), QStringLiteral("JPY"), QStringLiteral("USD")}));
    }

    void firstRunDownloadsTheHistoryOfWhatIsNeeded()
    {
        buy(addAsset("ACME", "USD"), m_firstEntry, "10", "100", "USD");
        const jobs::JobOutcome outcome = update();
        QCOMPARE(outcome.status, jobs::JobOutcome::Status::Done);
        QCOMPARE(m_server->requestCount(Everything), 1);
        QCOMPARE(m_server->requestCount(Last90) + m_server->requestCount(Daily), 0);
        const auto usd = *FxRateRepository(m_store->db()).coverage(QStringLiteral("USD"));
        // From a week before the first entry (2024-01-03, a Wednesday) to today.
        QCOMPARE(usd.first, QDate(2024, 1, 3));
        QCOMPARE(usd.last, m_today);
        QVERIFY(!FxRateRepository(m_store->db()).coverage(QStringLiteral("GBP"))->first.isValid());
        QVERIFY(outcome.log.contains(QStringLiteral("full history")));

        // Up to date now: the next run asks only for the newest day.
        const int rows = rateRows(m_store->db());
        QCOMPARE(update().status, jobs::JobOutcome::Status::Done);
        QCOMPARE(m_server->requestCount(Daily), 1);
        QCOMPARE(m_server->requestCount(Everything), 1);
        QCOMPARE(rateRows(m_store->db()), rows);
    }

    void aGapOfDaysAsksForTheNinetyDayFile()
    {
        buy(addAsset("ACME", "USD"), m_firstEntry, "10", "100", "USD");
        // Stored up to three weeks ago.
        std::vector<marketdata::EuroRate> old;
        for (const auto &rate : ratesBetween(m_firstEntry.addDays(-10), m_today.addDays(-21))) {
            if (rate.currency == u"USD")
                old.push_back(rate);
        }
        PT_VERIFY_OK(FxRateRepository(m_store->db()).upsertEuroRates(old, u"ecb"));
        QCOMPARE(update().status, jobs::JobOutcome::Status::Done);
        QCOMPARE(m_server->requestCount(Last90), 1);
        QCOMPARE(m_server->requestCount(Everything), 0);
        QCOMPARE(FxRateRepository(m_store->db()).coverage(QStringLiteral("USD"))->last, m_today);
    }

    void aCurrencyTheEcbDoesNotPublishIsNoted()
    {
        buy(addAsset("MERVAL", "ARS"), m_firstEntry, "1", "1000", "ARS");
        const jobs::JobOutcome outcome = update();
        QCOMPARE(outcome.status, jobs::JobOutcome::Status::Done);
        QVERIFY2(outcome.log.contains(QStringLiteral("publishes no rate for ARS")), qPrintable(outcome.log));
        QCOMPARE(rateRows(m_store->db()), 0);
    }

    void aMalformedFileFailsAndChangesNothing()
    {
        buy(addAsset("ACME", "USD"), m_firstEntry, "10", "100", "USD");
        m_server->on(Everything, [](const test::RecordedRequest &) {
            return test::FakeReply::text("<gesmes:Envelope><Cube><Cube time='2024-01-02'><Cube currency='USD'");
        });
        const jobs::JobOutcome outcome = update();
        QCOMPARE(outcome.status, jobs::JobOutcome::Status::Failed);
        QVERIFY2(outcome.error.contains(QStringLiteral("line")), qPrintable(outcome.error));
        QCOMPARE(rateRows(m_store->db()), 0);
    }

    void storedRatesCompleteTheValuation()
    {
        const RowId acme = addAsset("ACME", "USD");
        Transaction deposit;
        deposit.portfolioId = m_portfolio;
        deposit.type = TransactionType::Deposit;
        deposit.date = m_firstEntry;
        deposit.amount = dec("1000");
        deposit.currency = QStringLiteral("USD");
        PT_VERIFY_OK(TransactionRepository(m_store->db()).insert(deposit));
        buy(acme, m_firstEntry, "10", "100", "USD");
        PriceRecord close{acme, {}};
        close.bar.date = m_firstEntry;
        close.bar.close = dec("101");
        PT_VERIFY_OK(PriceRepository(m_store->db()).upsertCloses({&close, 1}));
        valuation::ValuationOptions options;
        options.lastDay = m_today;
        auto before = valuation::valueFromStore(m_store->db(), options);
        PT_VERIFY_OK(before);
        QVERIFY(before->portfolios.front().series.incomplete.back());

        QCOMPARE(update().status, jobs::JobOutcome::Status::Done);
        auto after = valuation::valueFromStore(m_store->db(), options);
        PT_VERIFY_OK(after);
        const valuation::ValueSeries &series = after->portfolios.front().series;
        QVERIFY(!series.incomplete.back());
        QVERIFY2(series.missing.isEmpty(), qPrintable(series.missing.join(QStringLiteral("; "))));
        // 10 × 101 USD of holdings and no cash left, in euros at today's rate.
        Decimal usdToday;
        for (const auto &rate : ratesBetween(m_today, m_today)) {
            if (rate.currency == u"USD")
                usdToday = rate.rate;
        }
        QCOMPARE(series.marketValue.back().toString(), (dec("1010") / usdToday).toString());
    }

    void theSchedulerQueuesTheEcbWhenTheBookNeedsRates()
    {
        jobs::Scheduler scheduler(m_store->database);
        QCOMPARE(*scheduler.tick(), 0); // euros only
        buy(addAsset("ACME", "USD"), m_firstEntry, "10", "100", "USD");
        QCOMPARE(*scheduler.tick(), 1);
        const auto pending = JobRepository(m_store->db()).list();
        QVERIFY(pending.ok());
        QCOMPARE(pending->size(), std::size_t(1));
        QCOMPARE(pending->front().source, QStringLiteral("ecb"));
        QCOMPARE(pending->front().kind, Job::Kind::Refresh);
    }
};

QTEST_GUILESS_MAIN(TestExchangeRates)
#include "tst_exchangerates.moc"
