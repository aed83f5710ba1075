#include "marketdata/barvalidator.h"

#include <QSet>

#include <algorithm>
#include <map>

namespace pt::marketdata {

namespace {

QString isoDate(QDate date)
{
    return date.toString(Qt::ISODate);
}

// Why a bar cannot be stored, or an empty string when it can.
QString defectOf(const DailyPrice &bar)
{
    if (!bar.date.isValid())
        return QStringLiteral("a bar without a valid date");
    if (!bar.close.isValid())
        return QStringLiteral("bar of %1: the close is not a finite number").arg(isoDate(bar.date));
    if (bar.close.isZero())
        return QStringLiteral("bar of %1: no close").arg(isoDate(bar.date));
    if (bar.close.isNegative())
        return QStringLiteral("bar of %1: close %2 is not positive").arg(isoDate(bar.date), bar.close.toString());
    const std::pair<const char *, Decimal> others[] = { { "open", bar.open },
                                                        { "high", bar.high },
                                                        { "low", bar.low },
                                                        { "adjusted close", bar.adjustedClose },
                                                        { "volume", bar.volume } };
    for (const auto &[name, value] : others) {
        if (!value.isValid())
            return QStringLiteral("bar of %1: the %2 is not a finite number")
                .arg(isoDate(bar.date), QLatin1StringView(name));
        if (value.isNegative())
            return QStringLiteral("bar of %1: %2 %3 is negative")
                .arg(isoDate(bar.date), QLatin1StringView(name), value.toString());
    }
    return {};
}

bool inRange(QDate date, QDate from, QDate to)
{
    return (!from.isValid() || date >= from) && (!to.isValid() || date <= to);
}

// Split ratio (new units per old unit) of each date with a usable split.
std::map<QDate, Decimal> splitRatios(const std::vector<CorporateAction> &actions)
{
    std::map<QDate, Decimal> ratios;
    for (const CorporateAction &action : actions) {
        if (action.kind != CorporateAction::Kind::Split || !action.numerator.isPositive()
            || !action.denominator.isPositive())
            continue;
        const Decimal ratio = action.numerator / action.denominator;
        if (ratio.isPositive())
            ratios[action.date] = ratio;
    }
    return ratios;
}

// True when `close` is more than 50 % away from `previous`.
bool isLargeMove(Decimal previous, Decimal close)
{
    const Decimal half = Decimal::fromRaw(Decimal::ScaleFactor / 2);
    const Decimal change = ((close - previous) / previous).abs();
    return !change.isValid() || change > half;
}

} // namespace

int keepLastBarPerDate(std::vector<DailyPrice> &bars, QStringList &notes)
{
    std::stable_sort(bars.begin(), bars.end(),
                     [](const DailyPrice &a, const DailyPrice &b) { return a.date < b.date; });
    std::vector<DailyPrice> kept;
    kept.reserve(bars.size());
    int replaced = 0;
    for (DailyPrice &bar : bars) {
        if (!kept.empty() && kept.back().date == bar.date) {
            notes << QStringLiteral("two bars for %1: kept the later one (close %2, not %3)")
                         .arg(isoDate(bar.date), bar.close.toString(), kept.back().close.toString());
            kept.back() = std::move(bar);
            ++replaced;
        } else {
            kept.push_back(std::move(bar));
        }
    }
    bars = std::move(kept);
    return replaced;
}

ValidatedHistory validateHistory(History history, QDate from, QDate to)
{
    ValidatedHistory result;
    QStringList &notes = history.notes;
    const QSet<QString> earlierNotes(notes.begin(), notes.end());

    std::vector<DailyPrice> usable;
    usable.reserve(history.bars.size());
    for (DailyPrice &bar : history.bars) {
        if (const QString defect = defectOf(bar); !defect.isEmpty()) {
            notes << QStringLiteral("dropped %1").arg(defect);
            ++result.droppedBars;
        } else if (!inRange(bar.date, from, to)) {
            ++result.droppedBars; // providers answer with a margin around the range
        } else {
            usable.push_back(std::move(bar));
        }
    }
    result.droppedBars += keepLastBarPerDate(usable, notes);

    std::erase_if(history.actions, [&](const CorporateAction &action) {
        return !action.date.isValid() || !inRange(action.date, from, to);
    });
    std::stable_sort(history.actions.begin(), history.actions.end(),
                     [](const CorporateAction &a, const CorporateAction &b) { return a.date < b.date; });

    const std::map<QDate, Decimal> splits = splitRatios(history.actions);
    for (size_t i = 1; i < usable.size(); ++i) {
        const Decimal previous = usable[i - 1].close;
        const Decimal close = usable[i].close;
        if (!isLargeMove(previous, close))
            continue;
        if (const auto split = splits.find(usable[i].date);
            split != splits.end() && !isLargeMove(previous, close * split->second))
            continue; // a 2:1 split halves an unadjusted price
        const QString note
            = QStringLiteral("close moved from %1 on %2 to %3 on %4, more than 50 %, with no split that day")
                  .arg(previous.toString(), isoDate(usable[i - 1].date), close.toString(), isoDate(usable[i].date));
        // Validating a history that was validated already (a provider's answer,
        // merged into a job's) notes each move once.
        if (!earlierNotes.contains(note))
            notes << note;
        ++result.flaggedMoves;
    }

    history.bars = std::move(usable);
    result.history = std::move(history);
    return result;
}

} // namespace pt::marketdata
