// The alert evaluator, a pure function: crossings fire once, stay quiet while
// beyond, re-arm when back, fire again on the next crossing; defaults,
// disabled rules, missing observations; prices above and below.

#include "../common/testsupport.h"

#include "alerts/alertevaluator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using pt::Decimal;
using pt::store::AlertKind;
using pt::store::AlertRule;
using pt::test::dec;

Q_DECLARE_METATYPE(AlertKind)

namespace {

constexpr pt::RowId PortfolioId = 7;
constexpr pt::RowId AssetId = 3;

AlertRule rule(AlertKind kind, Decimal threshold, bool armed = true)
{
    AlertRule r;
    r.id = 11;
    r.kind = kind;
    r.threshold = threshold;
    r.armed = armed;
    if (pt::store::isPortfolioKind(kind))
        r.portfolioId = PortfolioId;
    else
        r.assetId = AssetId;
    return r;
}

// A portfolio with cost basis 1000 whose holdings are worth `value`.
pt::alerts::Observations portfolioAt(Decimal value, bool complete = true)
{
    pt::alerts::Observations observations;
    observations.portfolios.push_back(
        { PortfolioId, u"Main"_s, u"EUR"_s, QDate(2024, 3, 1), value, Decimal(1000), complete });
    return observations;
}

pt::alerts::Observations priceAt(Decimal close)
{
    pt::alerts::Observations observations;
    observations.prices.push_back({ AssetId, u"ACME"_s, u"USD"_s, QDate(2024, 3, 1), close });
    return observations;
}

} // namespace

class AlertEvaluatorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gainPercent_data();
    void gainPercent();
    void oneEvaluation_data();
    void oneEvaluation();
    void sequenceFiresOncePerCrossing_data();
    void sequenceFiresOncePerCrossing();
    void defaultsAndDisabled();
    void missingObservationsLeaveStateAlone();
    void eventCarriesWhatFired();
};

void AlertEvaluatorTest::gainPercent_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cost");
    QTest::addColumn<QString>("expected"); // "invalid" when there is none

    QTest::newRow("loss") << u"950"_s << u"1000"_s << u"-5"_s;
    QTest::newRow("gain") << u"1100"_s << u"1000"_s << u"10"_s;
    QTest::newRow("flat") << u"1000"_s << u"1000"_s << u"0"_s;
    QTest::newRow("thirds") << u"2"_s << u"3"_s << u"-33.333333333333"_s;
    QTest::newRow("no cost basis") << u"10"_s << u"0"_s << u"invalid"_s;
    QTest::newRow("negative cost basis") << u"10"_s << u"-5"_s << u"invalid"_s;
}

void AlertEvaluatorTest::gainPercent()
{
    QFETCH(QString, value);
    QFETCH(QString, cost);
    QFETCH(QString, expected);
    const Decimal gain = pt::alerts::gainPercent(*Decimal::parse(value), *Decimal::parse(cost));
    QCOMPARE(gain.toString(), expected);
}

// One evaluation of one rule: whether it fires and the armed state after.
void AlertEvaluatorTest::oneEvaluation_data()
{
    QTest::addColumn<AlertKind>("kind");
    QTest::addColumn<QString>("threshold");
    QTest::addColumn<bool>("armed");
    QTest::addColumn<QString>("observed"); // holdings value (cost 1000) or close
    QTest::addColumn<bool>("fires");
    QTest::addColumn<int>("armedAfter"); // -1: no change reported, else 0/1

    QTest::newRow("loss armed, above") << AlertKind::PortfolioLoss << u"-5"_s << true << u"960"_s << false << -1;
    QTest::newRow("loss armed, exactly at") << AlertKind::PortfolioLoss << u"-5"_s << true << u"950"_s << true << 0;
    QTest::newRow("loss armed, beyond") << AlertKind::PortfolioLoss << u"-5"_s << true << u"800"_s << true << 0;
    QTest::newRow("loss fired, still beyond")
        << AlertKind::PortfolioLoss << u"-5"_s << false << u"800"_s << false << -1;
    QTest::newRow("loss fired, back") << AlertKind::PortfolioLoss << u"-5"_s << false << u"950.01"_s << false << 1;
    QTest::newRow("gain armed, below") << AlertKind::PortfolioGain << u"10"_s << true << u"1099.99"_s << false << -1;
    QTest::newRow("gain armed, at") << AlertKind::PortfolioGain << u"10"_s << true << u"1100"_s << true << 0;
    QTest::newRow("gain fired, back") << AlertKind::PortfolioGain << u"10"_s << false << u"1000"_s << false << 1;
    QTest::newRow("above armed, below") << AlertKind::PriceAbove << u"150"_s << true << u"149.99"_s << false << -1;
    QTest::newRow("above armed, at") << AlertKind::PriceAbove << u"150"_s << true << u"150"_s << true << 0;
    QTest::newRow("above fired, still") << AlertKind::PriceAbove << u"150"_s << false << u"170"_s << false << -1;
    QTest::newRow("above fired, back") << AlertKind::PriceAbove << u"150"_s << false << u"140"_s << false << 1;
    QTest::newRow("below armed, above") << AlertKind::PriceBelow << u"100"_s << true << u"100.5"_s << false << -1;
    QTest::newRow("below armed, under") << AlertKind::PriceBelow << u"100"_s << true << u"99"_s << true << 0;
    QTest::newRow("below fired, back") << AlertKind::PriceBelow << u"100"_s << false << u"101"_s << false << 1;
}

void AlertEvaluatorTest::oneEvaluation()
{
    QFETCH(AlertKind, kind);
    QFETCH(QString, threshold);
    QFETCH(bool, armed);
    QFETCH(QString, observed);
    QFETCH(bool, fires);
    QFETCH(int, armedAfter);

    const AlertRule r = rule(kind, *Decimal::parse(threshold), armed);
    const Decimal value = *Decimal::parse(observed);
    const auto observations = pt::store::isPortfolioKind(kind) ? portfolioAt(value) : priceAt(value);
    const auto evaluation = pt::alerts::evaluateAlerts(std::span(&r, 1), observations, 1000);
    QCOMPARE(evaluation.events.size(), fires ? 1u : 0u);
    if (armedAfter < 0) {
        QVERIFY(evaluation.changes.empty());
    } else {
        QCOMPARE(evaluation.changes.size(), 1u);
        QCOMPARE(evaluation.changes.front().stateKey, r.stateKey());
        QCOMPARE(evaluation.changes.front().armed, armedAfter == 1);
    }
}

// A sequence of valuations, the armed state carried from one to the next.
void AlertEvaluatorTest::sequenceFiresOncePerCrossing_data()
{
    QTest::addColumn<AlertKind>("kind");
    QTest::addColumn<QString>("threshold");
    QTest::addColumn<QStringList>("values");
    QTest::addColumn<QString>("fired"); // one character per value: 'x' fired, '.' quiet

    QTest::newRow("loss: drop, deeper, recover, drop again")
        << AlertKind::PortfolioLoss << u"-5"_s
        << QStringList { u"1000"_s, u"940"_s, u"900"_s, u"945"_s, u"990"_s, u"949"_s, u"1010"_s } << u".x...x."_s;
    QTest::newRow("gain: up, stays, falls back, up again")
        << AlertKind::PortfolioGain << u"10"_s << QStringList { u"1050"_s, u"1100"_s, u"1200"_s, u"1099"_s, u"1150"_s }
        << u".x..x"_s;
    QTest::newRow("above: crosses twice")
        << AlertKind::PriceAbove << u"150"_s << QStringList { u"149"_s, u"151"_s, u"155"_s, u"149"_s, u"150"_s }
        << u".x..x"_s;
    QTest::newRow("below: starts beyond, fires at once")
        << AlertKind::PriceBelow << u"100"_s << QStringList { u"90"_s, u"95"_s, u"100.01"_s, u"100"_s } << u"x..x"_s;
}

void AlertEvaluatorTest::sequenceFiresOncePerCrossing()
{
    QFETCH(AlertKind, kind);
    QFETCH(QString, threshold);
    QFETCH(QStringList, values);
    QFETCH(QString, fired);

    AlertRule r = rule(kind, *Decimal::parse(threshold));
    QString seen;
    for (const QString &text : values) {
        const Decimal value = *Decimal::parse(text);
        const auto observations = pt::store::isPortfolioKind(kind) ? portfolioAt(value) : priceAt(value);
        const auto evaluation = pt::alerts::evaluateAlerts(std::span(&r, 1), observations, 1000);
        seen += evaluation.events.empty() ? u'.' : u'x';
        for (const auto &change : evaluation.changes)
            r.armed = change.armed;
    }
    QCOMPARE(seen, fired);
}

void AlertEvaluatorTest::defaultsAndDisabled()
{
    // A default loss rule (id 0) behaves like a stored one and keys its state by portfolio.
    AlertRule fallback = rule(AlertKind::PortfolioLoss, pt::store::DefaultLossPercent);
    fallback.id = 0;
    QVERIFY(fallback.isDefault());
    QCOMPARE(fallback.stateKey(), u"portfolio/7/loss"_s);
    QCOMPARE(pt::store::DefaultLossPercent.toString(), u"-5"_s);
    QCOMPARE(pt::store::DefaultGainPercent.toString(), u"10"_s);
    auto evaluation = pt::alerts::evaluateAlerts(std::span(&fallback, 1), portfolioAt(Decimal(950)), 1000);
    QCOMPARE(evaluation.events.size(), 1u);
    QCOMPARE(evaluation.events.front().ruleId, pt::RowId(0));

    // Disabled ("off"): never fires, state untouched.
    AlertRule off = fallback;
    off.enabled = false;
    evaluation = pt::alerts::evaluateAlerts(std::span(&off, 1), portfolioAt(Decimal(500)), 1000);
    QVERIFY(evaluation.events.empty());
    QVERIFY(evaluation.changes.empty());
    off.armed = false;
    evaluation = pt::alerts::evaluateAlerts(std::span(&off, 1), portfolioAt(Decimal(1000)), 1000);
    QVERIFY(evaluation.changes.empty());

    // A changed threshold: -20 does not fire at -10.
    AlertRule wider = rule(AlertKind::PortfolioLoss, Decimal(-20));
    evaluation = pt::alerts::evaluateAlerts(std::span(&wider, 1), portfolioAt(Decimal(900)), 1000);
    QVERIFY(evaluation.events.empty());
}

void AlertEvaluatorTest::missingObservationsLeaveStateAlone()
{
    const std::vector<AlertRule> rules { rule(AlertKind::PortfolioLoss, Decimal(-5), false),
                                         rule(AlertKind::PriceAbove, Decimal(100), false) };
    // Nothing observed.
    auto evaluation = pt::alerts::evaluateAlerts(rules, {}, 1000);
    QVERIFY(evaluation.events.empty());
    QVERIFY(evaluation.changes.empty());
    // Incomplete valuation: not evaluated, although the value would re-arm it.
    evaluation = pt::alerts::evaluateAlerts(rules, portfolioAt(Decimal(1000), false), 1000);
    QVERIFY(evaluation.changes.empty());
    // Nothing held (no cost basis).
    pt::alerts::Observations empty = portfolioAt(Decimal(0));
    empty.portfolios.front().costBasis = Decimal(0);
    evaluation = pt::alerts::evaluateAlerts(rules, empty, 1000);
    QVERIFY(evaluation.changes.empty());
    // Another portfolio's observation does not count.
    pt::alerts::Observations other = portfolioAt(Decimal(500));
    other.portfolios.front().portfolioId = PortfolioId + 1;
    QVERIFY(pt::alerts::evaluateAlerts(std::span(rules.data(), 1), other, 1000).changes.empty());
}

void AlertEvaluatorTest::eventCarriesWhatFired()
{
    AlertRule loss = rule(AlertKind::PortfolioLoss, Decimal(-5));
    AlertRule below = rule(AlertKind::PriceBelow, Decimal(100));
    below.id = 12;
    const std::vector<AlertRule> rules { loss, below };
    pt::alerts::Observations observations = portfolioAt(dec("937.5"));
    observations.prices = priceAt(dec("99.5")).prices;
    const auto evaluation = pt::alerts::evaluateAlerts(rules, observations, 1234);
    QCOMPARE(evaluation.events.size(), 2u);
    const auto &first = evaluation.events[0];
    QCOMPARE(first.ruleId, pt::RowId(11));
    QCOMPARE(first.kind, AlertKind::PortfolioLoss);
    QCOMPARE(first.portfolioId, PortfolioId);
    QCOMPARE(first.observed.toString(), u"-6.25"_s);
    QCOMPARE(first.threshold.toString(), u"-5"_s);
    QCOMPARE(first.firedAt, std::int64_t(1234));
    QCOMPARE(first.day, QDate(2024, 3, 1));
    QCOMPARE(first.message,
             u"Portfolio 'Main' is down 6.25 % against its cost basis on 2024-03-01 "
             "(loss threshold -5.00 %)"_s);
    const auto &second = evaluation.events[1];
    QCOMPARE(second.kind, AlertKind::PriceBelow);
    QCOMPARE(second.assetId, AssetId);
    QCOMPARE(second.observed.toString(), u"99.5"_s);
    QCOMPARE(second.message, u"ACME closed at 99.5 USD on 2024-03-01, at or below 100 USD"_s);
    QCOMPARE(evaluation.changes.size(), 2u);
    QCOMPARE(evaluation.changes[1].stateKey, u"rule/12"_s);
}

QTEST_GUILESS_MAIN(AlertEvaluatorTest)
#include "tst_alertevaluator.moc"
