// The market-data repositories the jobs write through: corporate actions and
// ECB rates are upserted idempotently (a second identical write changes
// nothing, not even fetched_at), all or nothing, and listed by range.

#include "testsupport.h"

#include "store/assetrepository.h"
#include "store/corporateactionrepository.h"
#include "store/database.h"
#include "store/fxraterepository.h"

#include <QSqlQuery>
#include <QThread>

using namespace pt;
using namespace pt::store;
using marketdata::CorporateAction;
using marketdata::EuroRate;
using pt::test::dec;

namespace {

QStringList fetchedAt(const Database &db, const QString &table)
{
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT fetched_at FROM %1 ORDER BY 1").arg(table)))
        qFatal("cannot read %s", qPrintable(table));
    QStringList stamps;
    while (query.next())
        stamps << query.value(0).toString();
    return stamps;
}

} // namespace

class TestMarketDataRepositories : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void euroRatesAreUpsertedOnceAndListedByRange()
    {
        test::TemporaryStore store;
        const FxRateRepository rates(store.db());
        const std::vector<EuroRate> day1{{QDate(2024, 3, 1), QStringLiteral("USD"), dec("1.0842")},
                                         {QDate(2024, 3, 1), QStringLiteral("JPY"), dec("162.5")},
                                         {QDate(2024, 3, 4), QStringLiteral("usd"), dec("1.0851")}};
        PT_VERIFY_OK(rates.upsertEuroRates(day1, u"ecb"));
        const QStringList before = fetchedAt(store.db(), QStringLiteral("fx_rate"));
        QThread::msleep(5);
        PT_VERIFY_OK(rates.upsertEuroRates(day1, u"ecb"));
        QCOMPARE(fetchedAt(store.db(), QStringLiteral("fx_rate")), before);

        auto usd = rates.list(QStringLiteral("USD"));
        PT_VERIFY_OK(usd);
        QCOMPARE(usd->size(), size_t(2));
        QCOMPARE(usd->at(0).base, QStringLiteral("EUR"));
        QCOMPARE(usd->at(0).rate.toString(), QStringLiteral("1.0842"));
        QCOMPARE(usd->at(1).date, QDate(2024, 3, 4));
        QCOMPARE(rates.list(QStringLiteral("USD"), QDate(2024, 3, 2))->size(), size_t(1));
        QCOMPARE(rates.list(QStringLiteral("USD"), {}, QDate(2024, 3, 1))->size(), size_t(1));

        // A corrected rate replaces the stored one.
        const std::vector<EuroRate> corrected{{QDate(2024, 3, 1), QStringLiteral("USD"), dec("1.0843")}};
        PT_VERIFY_OK(rates.upsertEuroRates(corrected, u"ecb"));
        QCOMPARE(rates.list(QStringLiteral("USD"))->front().rate.toString(), QStringLiteral("1.0843"));
    }

    void aBadRateWritesNothing()
    {
        test::TemporaryStore store;
        const FxRateRepository rates(store.db());
        const std::vector<EuroRate> batch{{QDate(2024, 3, 1), QStringLiteral("USD"), dec("1.08")},
                                          {QDate(2024, 3, 1), QStringLiteral("GBP"), dec("0")}};
        auto refused = rates.upsertEuroRates(batch, u"ecb");
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(QStringLiteral("GBP")), qPrintable(refused.error()));
        QCOMPARE(rates.list(QStringLiteral("USD"))->size(), size_t(0));
        QVERIFY(!rates.upsertEuroRates(std::vector<EuroRate>{{QDate(2024, 3, 1), QStringLiteral("XX"), dec("1")}},
                                       u"ecb"));
    }

    void corporateActionsAreUpsertedOnce()
    {
        test::TemporaryStore store;
        Asset asset;
        asset.symbol = QStringLiteral("ACME");
        asset.name = QStringLiteral("Acme");
        asset.currency = QStringLiteral("USD");
        asset = *AssetRepository(store.db()).add(asset);
        const CorporateActionRepository actions(store.db());

        CorporateAction split;
        split.date = QDate(2024, 6, 10);
        split.kind = CorporateAction::Kind::Split;
        split.numerator = dec("10");
        split.denominator = dec("1");
        CorporateAction dividend;
        dividend.date = QDate(2024, 3, 8);
        dividend.kind = CorporateAction::Kind::Dividend;
        dividend.amount = dec("0.24");
        const std::vector<CorporateAction> both{split, dividend};
        PT_VERIFY_OK(actions.upsertMany(asset.id, both, u"yahoo"));
        const QStringList before = fetchedAt(store.db(), QStringLiteral("corporate_action"));
        QThread::msleep(5);
        PT_VERIFY_OK(actions.upsertMany(asset.id, both, u"yahoo"));
        QCOMPARE(fetchedAt(store.db(), QStringLiteral("corporate_action")), before);

        const auto listed = *actions.list(asset.id);
        QCOMPARE(listed.size(), size_t(2));
        QCOMPARE(listed[0].kind, CorporateAction::Kind::Dividend); // oldest first
        QCOMPARE(listed[0].amount.toString(), QStringLiteral("0.24"));
        QCOMPARE(listed[1].numerator.toString(), QStringLiteral("10"));
        QCOMPARE(actions.list(asset.id, QDate(2024, 4, 1))->size(), size_t(1));

        // A split without a ratio is refused, and with it the whole batch.
        CorporateAction broken = split;
        broken.date = QDate(2024, 7, 1);
        broken.denominator = Decimal();
        const std::vector<CorporateAction> batch{dividend, broken};
        QVERIFY(!actions.upsertMany(asset.id, batch, u"yahoo"));
        QCOMPARE(actions.list(asset.id)->size(), size_t(2));
        // An unknown asset is refused by the foreign key.
        QVERIFY(!actions.upsertMany(asset.id + 50, both, u"yahoo"));
    }
};

QTEST_GUILESS_MAIN(TestMarketDataRepositories)
#include "tst_marketdatarepositories.moc"
