#include "../common/testsupport.h"

#include "marketdata/barvalidator.h"

using namespace pt;
using namespace pt::marketdata;
using pt::test::dec;

namespace {

// "2024-01-02=10.5 2024-01-03=11": bars by date and close; "nan" is a
// non-finite close, "-" a missing one (zero); "@v-1" after a close sets a
// negative volume.
std::vector<DailyPrice> bars(const QString &spec)
{
    std::vector<DailyPrice> result;
    for (const QString &item : spec.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList parts = item.split(u'=');
        DailyPrice bar;
        bar.date = QDate::fromString(parts[0], Qt::ISODate);
        QString close = parts.value(1);
        if (close.endsWith(QStringLiteral("@v-1"))) {
            bar.volume = Decimal(-1);
            close.chop(4);
        }
        if (close == QStringLiteral("nan"))
            bar.close = Decimal::invalid();
        else if (close != QStringLiteral("-"))
            bar.close = *Decimal::parse(close);
        result.push_back(bar);
    }
    return result;
}

// "2024-01-04:2/1": splits by date and ratio.
std::vector<CorporateAction> splits(const QString &spec)
{
    std::vector<CorporateAction> result;
    for (const QString &item : spec.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList parts = item.split(u':');
        const QStringList ratio = parts[1].split(u'/');
        CorporateAction split;
        split.kind = CorporateAction::Kind::Split;
        split.date = QDate::fromString(parts[0], Qt::ISODate);
        split.numerator = *Decimal::parse(ratio[0]);
        split.denominator = *Decimal::parse(ratio[1]);
        result.push_back(split);
    }
    return result;
}

QString describe(const std::vector<DailyPrice> &bars)
{
    QStringList items;
    for (const DailyPrice &bar : bars)
        items << bar.date.toString(Qt::ISODate) + u'=' + bar.close.toString();
    return items.join(u' ');
}

} // namespace

class TestBarValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("splitSpec");
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("dropped");
        QTest::addColumn<int>("flagged");
        QTest::addColumn<QString>("noteContains");

        const QDate none;
        QTest::newRow("clean") << "2024-01-02=10 2024-01-03=10.5 2024-01-04=11"
                               << "" << none << none << "2024-01-02=10 2024-01-03=10.5 2024-01-04=11" << 0 << 0 << "";
        QTest::newRow("unsorted input is sorted")
            << "2024-01-04=11 2024-01-02=10 2024-01-03=10.5"
            << "" << none << none << "2024-01-02=10 2024-01-03=10.5 2024-01-04=11" << 0 << 0 << "";
        QTest::newRow("missing close") << "2024-01-02=10 2024-01-03=- 2024-01-04=11"
                                       << "" << none << none << "2024-01-02=10 2024-01-04=11" << 1 << 0
                                       << "bar of 2024-01-03: no close";
        QTest::newRow("negative close") << "2024-01-02=10 2024-01-03=-4 2024-01-04=11"
                                        << "" << none << none << "2024-01-02=10 2024-01-04=11" << 1 << 0
                                        << "close -4 is not positive";
        QTest::newRow("non-finite close") << "2024-01-02=10 2024-01-03=nan"
                                          << "" << none << none << "2024-01-02=10" << 1 << 0 << "not a finite number";
        QTest::newRow("negative volume") << "2024-01-02=10 2024-01-03=10@v-1"
                                         << "" << none << none << "2024-01-02=10" << 1 << 0 << "volume -1 is negative";
        QTest::newRow("duplicate keeps last") << "2024-01-02=10 2024-01-03=10.5 2024-01-03=10.7"
                                              << "" << none << none << "2024-01-02=10 2024-01-03=10.7" << 1 << 0
                                              << "two bars for 2024-01-03: kept the later one (close 10.7, not 10.5)";
        QTest::newRow("clipped") << "2023-12-29=9 2024-01-02=10 2024-01-03=10.5 2024-01-04=11"
                                 << "" << QDate(2024, 1, 1) << QDate(2024, 1, 3) << "2024-01-02=10 2024-01-03=10.5" << 2
                                 << 0 << "";
        QTest::newRow("open start") << "2023-12-29=9 2024-01-02=10"
                                    << "" << none << QDate(2024, 1, 1) << "2023-12-29=9" << 1 << 0 << "";
        QTest::newRow("jump flagged") << "2024-01-02=10 2024-01-03=16"
                                      << "" << none << none << "2024-01-02=10 2024-01-03=16" << 0 << 1
                                      << "close moved from 10 on 2024-01-02 to 16 on 2024-01-03";
        QTest::newRow("crash flagged") << "2024-01-02=10 2024-01-03=4.9"
                                       << "" << none << none << "2024-01-02=10 2024-01-03=4.9" << 0 << 1
                                       << "more than 50 %";
        QTest::newRow("exactly 50 % is fine")
            << "2024-01-02=10 2024-01-03=15 2024-01-04=7.5"
            << "" << none << none << "2024-01-02=10 2024-01-03=15 2024-01-04=7.5" << 0 << 0 << "";
        QTest::newRow("split explains drop")
            << "2024-01-02=100 2024-01-03=25.2"
            << "2024-01-03:4/1" << none << none << "2024-01-02=100 2024-01-03=25.2" << 0 << 0 << "";
        QTest::newRow("reverse split explains jump")
            << "2024-01-02=1 2024-01-03=9.8"
            << "2024-01-03:1/10" << none << none << "2024-01-02=1 2024-01-03=9.8" << 0 << 0 << "";
        QTest::newRow("split on another day")
            << "2024-01-02=100 2024-01-03=25"
            << "2024-01-04:4/1" << none << none << "2024-01-02=100 2024-01-03=25" << 0 << 1 << "with no split that day";
        QTest::newRow("compared across a dropped bar")
            << "2024-01-02=10 2024-01-03=- 2024-01-04=30"
            << "" << none << none << "2024-01-02=10 2024-01-04=30" << 1 << 1 << "to 30 on 2024-01-04";
        QTest::newRow("empty") << ""
                               << "" << none << none << "" << 0 << 0 << "";
    }

    void validate()
    {
        QFETCH(QString, input);
        QFETCH(QString, splitSpec);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(QString, expected);
        QFETCH(int, dropped);
        QFETCH(int, flagged);
        QFETCH(QString, noteContains);

        History history;
        history.bars = bars(input);
        history.actions = splits(splitSpec);
        const ValidatedHistory result = validateHistory(history, from, to);
        QCOMPARE(describe(result.history.bars), expected);
        QCOMPARE(result.droppedBars, dropped);
        QCOMPARE(result.flaggedMoves, flagged);
        const QString notes = result.history.notes.join(u'\n');
        if (noteContains.isEmpty())
            QVERIFY2(dropped > 0 || flagged > 0 || notes.isEmpty(), qPrintable(notes));
        else
            QVERIFY2(notes.contains(noteContains), qPrintable(notes));
    }

    void validatingTwiceNotesOnce()
    {
        History history;
        history.bars = bars(QStringLiteral("2024-01-02=10 2024-01-03=30 2024-01-04=31"));
        const ValidatedHistory once = validateHistory(history, QDate(), QDate());
        const ValidatedHistory twice = validateHistory(once.history, QDate(), QDate());
        QCOMPARE(twice.flaggedMoves, 1);
        QCOMPARE(twice.history.notes.size(), 1);
        QCOMPARE(twice.history.bars.size(), size_t(3));
    }

    void actionsClippedAndKept()
    {
        History history;
        history.bars = bars(QStringLiteral("2024-01-02=10 2024-01-03=10"));
        history.actions = splits(QStringLiteral("2023-12-01:2/1 2024-01-03:3/2"));
        CorporateAction dividend;
        dividend.kind = CorporateAction::Kind::Dividend;
        dividend.date = QDate(2024, 1, 2);
        dividend.amount = dec("0.25");
        history.actions.push_back(dividend);
        history.notes << QStringLiteral("from the parser");

        const ValidatedHistory result = validateHistory(history, QDate(2024, 1, 1), QDate(2024, 1, 31));
        QCOMPARE(result.history.actions.size(), size_t(2));
        QCOMPARE(result.history.actions[0].kind, CorporateAction::Kind::Dividend);
        QCOMPARE(result.history.actions[1].numerator, dec("3"));
        QCOMPARE(result.history.notes.value(0), QStringLiteral("from the parser"));
        QCOMPARE(result.history.bars[1].close, dec("10")); // prices are never adjusted here
    }
};

QTEST_GUILESS_MAIN(TestBarValidator)
#include "tst_barvalidator.moc"
