#include "teststore.h"

#include "../marketdata/fixtures.h"
#include "fakehttpserver.h"

#include "gui/assetsearchdialog.h"
#include "gui/itemroles.h"
#include "gui/searchresultsmodel.h"
#include "marketdata/httpclient.h"
#include "marketdata/providerregistry.h"
#include "store/assetrepository.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QUrlQuery>

using namespace pt;
using namespace pt::gui;

namespace {

marketdata::SearchHit hit(const char *symbol, const char *name, const char *source,
                          AssetClass assetClass = AssetClass::Stock)
{
    marketdata::SearchHit h;
    h.symbol = QString::fromLatin1(symbol);
    h.name = QString::fromLatin1(name);
    h.dataSource = QString::fromLatin1(source);
    h.sourceId = h.symbol;
    h.assetClass = assetClass;
    return h;
}

// Every provider at `base`, so no test reaches the real endpoints.
marketdata::ProviderEndpoints endpointsAt(const QUrl &base)
{
    marketdata::ProviderEndpoints endpoints;
    endpoints.yahooChart = base;
    endpoints.yahooQuery = base;
    endpoints.yahooCookie = base;
    endpoints.coinGecko = base;
    endpoints.binance = base;
    endpoints.ecb = base;
    return endpoints;
}

QString queryOf(const pt::test::RecordedRequest &request)
{
    return QUrlQuery(request.url).queryItemValue(QStringLiteral("q"));
}

} // namespace

// The asset search: the results model, local matches as the query is typed,
// provider search end to end against the loopback fake server in Yahoo's
// format, stale answers dropped, adding a hit, offline said in the dialog, and
// a GUI thread that keeps running while a search waits on the network.
class TestAssetSearchDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void resultsModelRows();
    void localMatchesAppearAtOnce();
    void choosesCatalogAsset();
    void providerSearchEndToEnd();
    void staleAnswersAreDropped();
    void closingDuringSearchIsSafe();
    void addsProviderHit();
    void offlineIsSaidInTheDialog();
    void guiThreadStaysResponsive();

private:
    // A fake server answering Yahoo's search for "apple" (after `delayMs`)
    // and with no match for anything else, and a registry pointing at it.
    void serveYahooSearch(int delayMs = 0);
    std::unique_ptr<AssetSearchDialog> openDialog(bool withProviders);
    int rowsFrom(const SearchResultsModel *model, const QString &source) const;
    int rowOf(const SearchResultsModel *model, const QString &symbol) const;

    std::unique_ptr<test::TestStore> m_store;
    std::unique_ptr<test::FakeHttpServer> m_server;
    std::unique_ptr<marketdata::ProviderRegistry> m_providers;
};

void TestAssetSearchDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAssetSearchDialog::init()
{
    m_store = std::make_unique<test::TestStore>();
    PT_VERIFY_OK(m_store->addAsset(QStringLiteral("SAP"), QStringLiteral("SAP SE"), QStringLiteral("EUR")));
    PT_VERIFY_OK(m_store->addAsset(QStringLiteral("AAPL"), QStringLiteral("Apple Inc."), QStringLiteral("USD")));
    PT_VERIFY_OK(m_store->addAsset(QStringLiteral("BTC"), QStringLiteral("Bitcoin"), QStringLiteral("EUR"),
                                   AssetClass::Crypto));
}

void TestAssetSearchDialog::cleanup()
{
    // Searches still on the pool use the providers: they end first.
    QThreadPool::globalInstance()->waitForDone();
    m_providers.reset();
    m_server.reset();
    m_store.reset();
}

void TestAssetSearchDialog::serveYahooSearch(int delayMs)
{
    m_server = std::make_unique<test::FakeHttpServer>();
    QVERIFY(m_server->listen());
    const QByteArray found = test::fixture(QStringLiteral("yahoo/search.json"));
    const QByteArray none = test::fixture(QStringLiteral("yahoo/search_none.json"));
    m_server->on("/v1/finance/search", [found, none, delayMs](const test::RecordedRequest &request) {
        test::FakeReply reply = test::FakeReply::json(queryOf(request) == u"apple" ? found : none);
        reply.delayMs = delayMs;
        return reply;
    });
    m_providers = std::make_unique<marketdata::ProviderRegistry>(endpointsAt(m_server->baseUrl()));
}

std::unique_ptr<AssetSearchDialog> TestAssetSearchDialog::openDialog(bool withProviders)
{
    auto dialog = std::make_unique<AssetSearchDialog>(m_store->database, withProviders ? m_providers.get() : nullptr);
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        qWarning("the dialog was not exposed");
    if (!QTest::qWaitFor([&dialog] { return dialog->isCatalogLoaded(); }, 10000))
        qWarning("the catalog was not read");
    return dialog;
}

int TestAssetSearchDialog::rowsFrom(const SearchResultsModel *model, const QString &source) const
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, SearchResultsModel::SourceColumn).data().toString() == source)
            ++count;
    }
    return count;
}

int TestAssetSearchDialog::rowOf(const SearchResultsModel *model, const QString &symbol) const
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, SearchResultsModel::SymbolColumn).data().toString() == symbol)
            return row;
    }
    return -1;
}

void TestAssetSearchDialog::resultsModelRows()
{
    SearchResultsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &SearchResultsModel::modelReset);

    auto sap = m_store->addAsset(QStringLiteral("SAP.DE"), QStringLiteral("SAP SE (Xetra)"), QStringLiteral("EUR"));
    PT_VERIFY_OK(sap);
    model.setLocalMatches({*sap});
    model.setProviderHits(QStringLiteral("yahoo"), {hit("AAPL", "Apple Inc.", "yahoo"), hit("APC.DE", "Apple", "yahoo")});
    model.setProviderHits(QStringLiteral("coingecko"), {hit("APPLE", "Apple Coin", "coingecko", AssetClass::Crypto)});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.localCount(), 1);
    QCOMPARE(model.index(0, SearchResultsModel::SourceColumn).data().toString(), QStringLiteral("Catalog"));
    QVERIFY(model.entryAt(0)->inCatalog());
    QCOMPARE(model.index(1, SearchResultsModel::SourceColumn).data().toString(), QStringLiteral("Yahoo Finance"));
    QCOMPARE(model.index(3, SearchResultsModel::ClassColumn).data().toString(), QStringLiteral("Crypto"));
    QCOMPARE(model.index(3, SearchResultsModel::ClassColumn).data(RawValueRole).toString(), QStringLiteral("crypto"));
    QCOMPARE(model.entryAt(3)->asset.dataSource, QStringLiteral("coingecko"));

    // A provider answering again replaces its own rows only.
    model.setProviderHits(QStringLiteral("yahoo"), {hit("MSFT", "Microsoft", "yahoo")});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.providerCount(QStringLiteral("yahoo")), 1);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("APPLE"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("MSFT"));

    model.setLocalMatches({});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.localCount(), 0);
    model.clearProviderHits();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.count(), 0);

    // A hit without a name gets its symbol; its sourceId defaults to the symbol.
    marketdata::SearchHit bare;
    bare.symbol = QStringLiteral("XYZ");
    bare.dataSource = QStringLiteral("yahoo");
    const Asset asset = SearchResultsModel::assetFromHit(bare);
    QCOMPARE(asset.name, QStringLiteral("XYZ"));
    QCOMPARE(asset.sourceId, QStringLiteral("XYZ"));
}

void TestAssetSearchDialog::localMatchesAppearAtOnce()
{
    auto dialog = openDialog(false);
    SearchResultsModel *results = dialog->resultsModel();
    QAbstractItemModelTester tester(results, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // No event loop turn needed: matches show as the text changes.
    dialog->setQuery(QStringLiteral("ap"));
    QCOMPARE(results->rowCount(), 2);
    QCOMPARE(results->index(0, 0).data().toString(), QStringLiteral("AAPL")); // name starts with it
    QCOMPARE(results->index(1, 0).data().toString(), QStringLiteral("SAP"));  // symbol contains it
    auto *status = dialog->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY2(status->text().contains(QStringLiteral("catalog")), qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("not available")), qPrintable(status->text()));

    dialog->setQuery(QStringLiteral("bitc"));
    QCOMPARE(results->rowCount(), 1);
    QCOMPARE(results->index(0, SearchResultsModel::ClassColumn).data().toString(), QStringLiteral("Crypto"));
    dialog->setQuery(QString());
    QCOMPARE(results->rowCount(), 0);
}

void TestAssetSearchDialog::choosesCatalogAsset()
{
    auto dialog = openDialog(false);
    dialog->setQuery(QStringLiteral("sap"));
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("resultsView"));
    QCOMPARE(view->currentIndex().row(), 0); // the first result is current
    auto *add = dialog->findChild<QPushButton *>(QStringLiteral("addButton"));
    QVERIFY(add->isEnabled());
    QCOMPARE(add->text(), QStringLiteral("&Select"));
    QTest::mouseClick(add, Qt::LeftButton);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));
    QCOMPARE(dialog->asset().symbol, QStringLiteral("SAP"));
    QVERIFY(dialog->asset().id != 0);
}

void TestAssetSearchDialog::providerSearchEndToEnd()
{
    serveYahooSearch();
    auto dialog = openDialog(true);
    SearchResultsModel *results = dialog->resultsModel();
    QAbstractItemModelTester tester(results, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(dialog.get(), &AssetSearchDialog::searchFinished);

    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("queryEdit")), QStringLiteral("apple"));
    QCOMPARE(results->rowCount(), 1); // the catalog's AAPL, at once
    QCOMPARE(m_server->requestCount("/v1/finance/search"), 0); // debounced
    QVERIFY(finished.wait(30000));

    // One request for the whole word, not one per keystroke.
    QCOMPARE(m_server->requestCount("/v1/finance/search"), 1);
    QCOMPARE(queryOf(m_server->requests().constLast()), QStringLiteral("apple"));
    QVERIFY(rowsFrom(results, QStringLiteral("Yahoo Finance")) >= 3);
    const int xetra = rowOf(results, QStringLiteral("APC.DE"));
    QVERIFY(xetra > 0);
    QCOMPARE(results->entryAt(xetra)->asset.dataSource, QStringLiteral("yahoo"));
    QCOMPARE(results->entryAt(xetra)->asset.sourceId, QStringLiteral("APC.DE"));
    // The catalog's AAPL has no data source, so Yahoo's AAPL is a listing of
    // its own and both show; the catalog's comes first.
    QCOMPARE(results->index(0, SearchResultsModel::SourceColumn).data().toString(), QStringLiteral("Catalog"));
    QVERIFY(!dialog->findChild<QMessageBox *>());
}

void TestAssetSearchDialog::staleAnswersAreDropped()
{
    serveYahooSearch(1500);
    auto dialog = openDialog(true);
    SearchResultsModel *results = dialog->resultsModel();
    QSignalSpy finished(dialog.get(), &AssetSearchDialog::searchFinished);

    dialog->setQuery(QStringLiteral("apple"));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("/v1/finance/search") >= 1, 10000);
    dialog->setQuery(QStringLiteral("zzqx")); // before "apple" is answered
    QVERIFY(finished.wait(30000));
    QCOMPARE(dialog->query(), QStringLiteral("zzqx"));
    // Long enough for the answer to "apple" to have arrived and been dropped.
    QTest::qWait(2000);
    QCOMPARE(results->rowCount(), 0);
}

void TestAssetSearchDialog::closingDuringSearchIsSafe()
{
    serveYahooSearch(1000);
    auto dialog = openDialog(true);
    dialog->setQuery(QStringLiteral("apple"));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("/v1/finance/search") >= 1, 10000);
    dialog.reset(); // while the providers are still being asked
    QThreadPool::globalInstance()->waitForDone();
    QTest::qWait(50); // the answers arrive for a dialog that is gone, and are dropped
}

void TestAssetSearchDialog::addsProviderHit()
{
    serveYahooSearch();
    auto dialog = openDialog(true);
    SearchResultsModel *results = dialog->resultsModel();
    QSignalSpy finished(dialog.get(), &AssetSearchDialog::searchFinished);
    QSignalSpy added(dialog.get(), &AssetSearchDialog::assetAdded);
    dialog->setQuery(QStringLiteral("apple"));
    QVERIFY(finished.wait(30000));

    const int row = rowOf(results, QStringLiteral("APC.DE"));
    QVERIFY(row >= 0);
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("resultsView"));
    view->setCurrentIndex(results->index(row, 0));
    auto *currency = dialog->findChild<QLineEdit *>(QStringLiteral("currencyEdit"));
    QVERIFY(currency->isEnabled());
    currency->setText(QStringLiteral("eur"));
    auto *add = dialog->findChild<QPushButton *>(QStringLiteral("addButton"));
    QCOMPARE(add->text(), QStringLiteral("&Add to Catalog"));
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(added.wait(10000) || added.count() == 1);
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    const Asset asset = dialog->asset();
    QVERIFY(asset.id != 0);
    QCOMPARE(asset.symbol, QStringLiteral("APC.DE"));
    QCOMPARE(asset.currency, QStringLiteral("EUR"));
    QCOMPARE(asset.dataSource, QStringLiteral("yahoo"));
    QCOMPARE(asset.sourceId, QStringLiteral("APC.DE"));
    auto stored = store::AssetRepository(m_store->db()).find(asset.id);
    PT_VERIFY_OK(stored);
    QCOMPARE(stored->name, QStringLiteral("Apple Inc."));
    QCOMPARE(stored->exchange, results->entryAt(row)->asset.exchange);

    // The added listing is a catalog match now, and not offered twice.
    auto again = openDialog(true);
    QSignalSpy finishedAgain(again.get(), &AssetSearchDialog::searchFinished);
    again->setQuery(QStringLiteral("apple"));
    QVERIFY(finishedAgain.wait(30000));
    QCOMPARE(rowOf(again->resultsModel(), QStringLiteral("APC.DE")), 1); // now in the catalog, listed once
    QVERIFY(again->resultsModel()->entryAt(1)->inCatalog());
}

void TestAssetSearchDialog::offlineIsSaidInTheDialog()
{
    // A port nothing listens on: every connection is refused.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    QUrl closed;
    closed.setScheme(QStringLiteral("http"));
    closed.setHost(QStringLiteral("127.0.0.1"));
    closed.setPort(port);
    m_providers = std::make_unique<marketdata::ProviderRegistry>(endpointsAt(closed));
    // One attempt each, so the test does not sit through the backoff.
    for (const QString &key : m_providers->keys()) {
        marketdata::SourcePolicy policy;
        policy.maxAttempts = 1;
        policy.requestsPerSecond = 100;
        policy.burst = 10;
        m_providers->http().setPolicy(key, policy);
    }

    auto dialog = openDialog(true);
    QSignalSpy finished(dialog.get(), &AssetSearchDialog::searchFinished);
    dialog->setQuery(QStringLiteral("apple"));
    QCOMPARE(dialog->resultsModel()->rowCount(), 1); // the catalog still answers
    QVERIFY(finished.wait(60000));

    auto *status = dialog->findChild<QLabel *>(QStringLiteral("statusLabel"));
    QVERIFY2(status->text().contains(QStringLiteral("Offline")), qPrintable(status->text()));
    QVERIFY(!m_providers->http().isOnline());
    QVERIFY(!dialog->findChild<QMessageBox *>());
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->resultsModel()->rowCount(), 1);
}

void TestAssetSearchDialog::guiThreadStaysResponsive()
{
    serveYahooSearch(2000);
    auto dialog = openDialog(true);
    QSignalSpy finished(dialog.get(), &AssetSearchDialog::searchFinished);

    // A timer on the GUI thread: it must keep firing while the search waits.
    QTimer ticker;
    ticker.setInterval(20);
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 longestGap = 0;
    int ticks = 0;
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        longestGap = std::max(longestGap, now - last);
        last = now;
        ++ticks;
    });

    dialog->setQuery(QStringLiteral("apple"));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("/v1/finance/search") >= 1, 10000);
    clock.start();
    ticker.start();
    QVERIFY(finished.wait(30000));
    const qint64 waited = clock.elapsed();
    ticker.stop();

    qInfo("search answered after %lld ms; the GUI timer fired %d times, at most %lld ms apart", waited, ticks,
          longestGap);
    QVERIFY2(waited >= 1500, qPrintable(QStringLiteral("answered after %1 ms").arg(waited)));
    QVERIFY(rowsFrom(dialog->resultsModel(), QStringLiteral("Yahoo Finance")) > 0);
    // Every 20 ms, give or take a loaded machine: never a stall anywhere near
    // the server's 2 s.
    QVERIFY2(ticks >= waited / 20 / 3,
             qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(waited)));
    QVERIFY2(longestGap < 400, qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(longestGap)));
}

QTEST_MAIN(TestAssetSearchDialog)
#include "tst_assetsearchdialog.moc"
