// BookParser: the daily bars and exchange rates of a book document, checked
// as they stream past (and handed to the visitors in the second pass).

#include "exchange/bookparser_p.h"
#include "exchange/bookrecord_p.h"

#include "money/currency.h"

namespace pt::exchange {

using namespace detail;

Result<void> BookParser::priceGroup(std::size_t index)
{
    detail::Record group(indexed(u"prices", index));
    if (m_reader.token() != Token::BeginObject)
        return Error {
            QStringLiteral("%1: expected an object, found %2").arg(group.path(), tokenName(m_reader.token()))
        };
    bool hadBars = false;
    for (;;) {
        const Token token = m_reader.next();
        if (token == Token::EndObject)
            break;
        if (token == Token::Invalid)
            return syntax(group.path());
        if (m_reader.text() != u"bars") {
            if (auto read = readMember(group, { u"asset", u"source", u"fetchedAt" }); !read)
                return read;
            continue;
        }
        if (hadBars)
            return Error { group.at(u"bars") + QStringLiteral(": appears twice") };
        hadBars = true;
        auto asset = group.uuid(u"asset");
        if (!asset)
            return Error { group.has(u"asset") ? asset.error()
                                               : group.at(u"asset") + QStringLiteral(": missing before \"bars\"") };
        auto origin = provenance(group);
        if (!origin)
            return Error { origin.error() };
        if (m_pass == Pass::Check)
            m_priceRefs.push_back({ *asset, group.at(u"asset") });
        if (auto read = readBars(group, *origin, *asset); !read)
            return read;
    }
    if (!hadBars)
        return Error { group.at(u"bars") + QStringLiteral(": missing") };
    return {};
}

Result<void> BookParser::readBars(const detail::Record &group, const Provenance &provenance, const QString &assetUuid)
{
    const QString path = group.at(u"bars");
    RowId assetId = 0;
    if (m_pass == Pass::MarketData) {
        assetId = m_document.m_assetIds.value(assetUuid);
        if (assetId == 0)
            return Error { group.at(u"asset")
                           + QStringLiteral(": no asset with UUID %1 in the document").arg(assetUuid) };
    }
    qint64 &lastDay = m_lastBarDay[assetUuid];
    return forEachElement(path, [&](std::size_t index) -> Result<void> {
        const auto barPath = [&] {
            return indexed(path, index);
        };
        if (m_reader.token() != Token::BeginArray)
            return Error { QStringLiteral("%1: expected an array [date, open, high, low, close, adjustedClose, "
                                          "volume], found %2")
                               .arg(barPath(), tokenName(m_reader.token())) };
        DailyPrice bar;
        Decimal *values[] = { nullptr, &bar.open, &bar.high, &bar.low, &bar.close, &bar.adjustedClose, &bar.volume };
        std::size_t field = 0;
        for (;; ++field) {
            const Token token = m_reader.next();
            if (token == Token::EndArray)
                break;
            if (token == Token::Invalid)
                return syntax(barPath());
            if (field >= BarFields.size())
                return Error { barPath() + QStringLiteral(": more than 7 values") };
            const auto where = [&] {
                return QStringLiteral("%1[%2] (%3)")
                    .arg(barPath())
                    .arg(field)
                    .arg(QString::fromUtf16(BarFields[field]));
            };
            if (field == 0) {
                auto date = parseDate(where, token, m_reader.utf8());
                if (!date)
                    return Error { date.error() };
                bar.date = *date;
                continue;
            }
            if (token == Token::Null)
                continue;
            auto value = parseDecimal(where, token, m_reader.utf8());
            if (!value)
                return Error { value.error() };
            if (value->isNegative())
                return Error { QStringLiteral("%1: '%2' must not be negative").arg(where(), value->toString()) };
            *values[field] = *value;
        }
        if (field != BarFields.size())
            return Error { QStringLiteral("%1: %2 values; a bar has 7 (date, open, high, low, close, adjustedClose, "
                                          "volume)")
                               .arg(barPath())
                               .arg(field) };
        if (!bar.close.isPositive())
            return Error { QStringLiteral("%1[4] (close): must be greater than zero").arg(barPath()) };
        const qint64 day = bar.date.toJulianDay();
        if (lastDay != 0 && day <= lastDay)
            return Error { QStringLiteral("%1: %2 comes after a bar of the same asset on %3; an asset's bars are in "
                                          "date order, each day once")
                               .arg(barPath(), bar.date.toString(Qt::ISODate),
                                    QDate::fromJulianDay(lastDay).toString(Qt::ISODate)) };
        lastDay = day;
        if (m_pass == Pass::Check) {
            ++m_document.m_summary.counts.prices;
            return {};
        }
        return bars ? bars(assetId, bar, provenance) : Result<void>();
    });
}

Result<void> BookParser::rateGroup(std::size_t index)
{
    detail::Record group(indexed(u"fxRates", index));
    if (m_reader.token() != Token::BeginObject)
        return Error {
            QStringLiteral("%1: expected an object, found %2").arg(group.path(), tokenName(m_reader.token()))
        };
    bool hadRates = false;
    for (;;) {
        const Token token = m_reader.next();
        if (token == Token::EndObject)
            break;
        if (token == Token::Invalid)
            return syntax(group.path());
        if (m_reader.text() != u"rates") {
            if (auto read = readMember(group, { u"base", u"quote", u"source", u"fetchedAt" }); !read)
                return read;
            continue;
        }
        if (hadRates)
            return Error { group.at(u"rates") + QStringLiteral(": appears twice") };
        hadRates = true;
        QString codes[2];
        const char16_t *names[] = { u"base", u"quote" };
        for (int i = 0; i < 2; ++i) {
            auto code = group.text(QStringView(names[i]));
            if (!code)
                return Error { group.has(QStringView(names[i]))
                                   ? code.error()
                                   : group.at(QStringView(names[i])) + QStringLiteral(": missing before \"rates\"") };
            if (!currency::isValidCode(*code))
                return Error { QStringLiteral("%1: '%2' is not a currency code such as EUR or USD")
                                   .arg(group.at(QStringView(names[i])), shown(*code)) };
            codes[i] = *code;
        }
        if (codes[0] == codes[1])
            return Error { group.at(u"quote") + QStringLiteral(": the same currency as the base") };
        auto origin = provenance(group);
        if (!origin)
            return Error { origin.error() };
        if (auto read = readRates(group, *origin, codes[0], codes[1]); !read)
            return read;
    }
    if (!hadRates)
        return Error { group.at(u"rates") + QStringLiteral(": missing") };
    return {};
}

Result<void> BookParser::readRates(const detail::Record &group, const Provenance &provenance, const QString &base,
                                   const QString &quote)
{
    const QString path = group.at(u"rates");
    qint64 &lastDay = m_lastRateDay[base + u'/' + quote];
    return forEachElement(path, [&](std::size_t index) -> Result<void> {
        const auto ratePath = [&] {
            return indexed(path, index);
        };
        if (m_reader.token() != Token::BeginArray)
            return Error { QStringLiteral("%1: expected an array [date, rate], found %2")
                               .arg(ratePath(), tokenName(m_reader.token())) };
        store::FxRate rate { base, quote, {}, {} };
        std::size_t field = 0;
        for (;; ++field) {
            const Token token = m_reader.next();
            if (token == Token::EndArray)
                break;
            if (token == Token::Invalid)
                return syntax(ratePath());
            if (field >= 2)
                return Error { ratePath() + QStringLiteral(": more than 2 values") };
            const auto where = [&] {
                return QStringLiteral("%1[%2] (%3)")
                    .arg(ratePath())
                    .arg(field)
                    .arg(field == 0 ? QStringLiteral("date") : QStringLiteral("rate"));
            };
            if (field == 0) {
                auto date = parseDate(where, token, m_reader.utf8());
                if (!date)
                    return Error { date.error() };
                rate.date = *date;
            } else {
                auto value = parseDecimal(where, token, m_reader.utf8());
                if (!value)
                    return Error { value.error() };
                if (!value->isPositive())
                    return Error {
                        QStringLiteral("%1: '%2' must be greater than zero").arg(where(), value->toString())
                    };
                rate.rate = *value;
            }
        }
        if (field != 2)
            return Error { QStringLiteral("%1: %2 values; a rate has 2 (date, rate)").arg(ratePath()).arg(field) };
        const qint64 day = rate.date.toJulianDay();
        if (lastDay != 0 && day <= lastDay)
            return Error { QStringLiteral("%1: %2 comes after a rate of %3/%4 on %5; a pair's rates are in date "
                                          "order, each day once")
                               .arg(ratePath(), rate.date.toString(Qt::ISODate), base, quote,
                                    QDate::fromJulianDay(lastDay).toString(Qt::ISODate)) };
        lastDay = day;
        if (m_pass == Pass::Check) {
            ++m_document.m_summary.counts.fxRates;
            return {};
        }
        return rates ? rates(rate, provenance) : Result<void>();
    });
}

} // namespace pt::exchange
