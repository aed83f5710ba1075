#include "exchange/bookparser_p.h"
#include "exchange/bookrecord_p.h"

#include "money/currency.h"
#include "store/assetrepository.h"
#include "store/portfoliorepository.h"
#include "store/sqlrows.h"

#include <QIODevice>
#include <QSet>

#include <optional>

namespace pt::exchange {

namespace {

constexpr int ProgressEvery = 16384;

} // namespace

using namespace detail;

void BookParser::tick()
{
    if (m_progress && ++m_items % ProgressEvery == 0)
        m_progress(QStringLiteral("reading"), m_device.pos(), m_device.size());
}

Result<void> BookParser::header()
{
    Token token = m_reader.next();
    if (token == Token::Invalid)
        return Error { QStringLiteral("not a JSON document: %1").arg(m_reader.errorString()) };
    if (token != Token::BeginObject)
        return Error {
            QStringLiteral("the document is %1, not a Portfolio Tracker book (a JSON object)").arg(tokenName(token))
        };
    token = m_reader.next();
    if (token == Token::Invalid)
        return syntax(QStringLiteral("the document"));
    if (token != Token::Name || m_reader.text() != u"format")
        return Error { QStringLiteral("the document does not start with \"format\": it is not a Portfolio Tracker "
                                      "book") };
    token = m_reader.next();
    if (token == Token::Invalid)
        return syntax(QStringLiteral("format"));
    if (token != Token::String || m_reader.text() != BookFormat)
        return Error { QStringLiteral("format: '%1' is not a Portfolio Tracker book (\"%2\")")
                           .arg(shown(m_reader.text()), BookFormat) };
    token = m_reader.next();
    if (token == Token::Invalid)
        return syntax(QStringLiteral("the document"));
    if (token != Token::Name || m_reader.text() != u"version")
        return Error { QStringLiteral("version: missing; it must follow \"format\"") };
    token = m_reader.next();
    auto version = parseInteger(QStringLiteral("version"), token, m_reader.utf8());
    if (!version)
        return Error { version.error() };
    if (*version > BookFormatVersion)
        return Error { QStringLiteral("version: this document is of format version %1, and this Portfolio Tracker "
                                      "reads up to version %2; please update Portfolio Tracker to import it")
                           .arg(*version)
                           .arg(BookFormatVersion) };
    if (*version < 1)
        return Error { QStringLiteral("version: %1 is not a version of the format").arg(*version) };
    m_document.m_summary.version = int(*version);
    return {};
}

Result<void> BookParser::readMember(detail::Record &record, std::initializer_list<QStringView> allowed)
{
    const QString name = m_reader.text();
    if (std::find(allowed.begin(), allowed.end(), QStringView(name)) == allowed.end())
        return Error { record.at(name) + QStringLiteral(": unknown member") };
    if (record.find(name))
        return Error { record.at(name) + QStringLiteral(": appears twice") };
    const Token value = m_reader.next();
    if (value == Token::Invalid)
        return syntax(record.at(name));
    if (value == Token::BeginObject || value == Token::BeginArray)
        return Error { QStringLiteral("%1: expected a single value, found %2").arg(record.at(name), tokenName(value)) };
    record.members().push_back({ name, value, m_reader.utf8().toByteArray() });
    return {};
}

Result<detail::Record> BookParser::readRecord(const QString &path, std::initializer_list<QStringView> allowed)
{
    detail::Record record(path);
    if (m_reader.token() != Token::BeginObject)
        return Error { QStringLiteral("%1: expected an object, found %2").arg(path, tokenName(m_reader.token())) };
    for (;;) {
        const Token token = m_reader.next();
        if (token == Token::EndObject)
            return record;
        if (token == Token::Invalid)
            return syntax(path);
        if (auto read = readMember(record, allowed); !read)
            return Error { read.error() };
    }
}

Result<void> BookParser::forEachElement(const QString &section, const std::function<Result<void>(std::size_t)> &element)
{
    const Token token = m_reader.next();
    if (token == Token::Invalid)
        return syntax(section);
    if (token != Token::BeginArray)
        return Error { QStringLiteral("%1: expected an array, found %2").arg(section, tokenName(token)) };
    for (std::size_t index = 0;; ++index) {
        const Token next = m_reader.next();
        if (next == Token::EndArray)
            return {};
        if (next == Token::Invalid)
            return syntax(indexed(section, index));
        if (auto done = element(index); !done)
            return done;
        tick();
    }
}

Result<void> BookParser::parse()
{
    if (auto read = header(); !read)
        return read;
    QSet<QString> seen;
    for (;;) {
        Token token = m_reader.next();
        if (token == Token::EndObject)
            break;
        if (token == Token::Invalid)
            return syntax(QStringLiteral("the document"));
        const QString name = m_reader.text();
        if (seen.contains(name))
            return Error { name + QStringLiteral(": appears twice") };
        seen.insert(name);

        using Element = Result<void> (BookParser::*)(std::size_t);
        static const std::pair<QStringView, Element> Sections[] = {
            { u"portfolios", &BookParser::portfolio },
            { u"assets", &BookParser::asset },
            { u"transactions", &BookParser::transaction },
            { u"alertRules", &BookParser::alertRule },
            { u"corporateActions", &BookParser::corporateAction },
            { u"prices", &BookParser::priceGroup },
            { u"fxRates", &BookParser::rateGroup },
        };
        const auto section = std::find_if(std::begin(Sections), std::end(Sections),
                                          [&](const auto &entry) { return entry.first == name; });
        if (section != std::end(Sections)) {
            const bool marketData = name == u"prices" || name == u"fxRates";
            if (m_pass == Pass::MarketData && !marketData) {
                if (m_reader.next() == Token::Invalid || m_reader.skipValue() == Token::Invalid)
                    return syntax(name);
                continue;
            }
            const Element element = section->second;
            if (auto done = forEachElement(name, [&](std::size_t index) { return (this->*element)(index); }); !done)
                return done;
            continue;
        }

        // The informational members of the header.
        token = m_reader.next();
        if (token == Token::Invalid)
            return syntax(name);
        if (name == u"exportedAt" || name == u"application" || name == u"scope") {
            if (token != Token::String)
                return Error { QStringLiteral("%1: expected a string, found %2").arg(name, tokenName(token)) };
            if (name == u"exportedAt")
                m_document.m_summary.exportedAt = m_reader.text();
            if (name == u"scope") {
                m_document.m_summary.scope = m_reader.text();
                if (m_document.m_summary.scope != u"book" && m_document.m_summary.scope != u"portfolios")
                    return Error { QStringLiteral("scope: '%1' is neither \"book\" nor \"portfolios\"")
                                       .arg(shown(m_document.m_summary.scope)) };
            }
        } else if (name == u"schemaVersion") {
            auto version = parseInteger(name, token, m_reader.utf8());
            if (!version)
                return Error { version.error() };
            m_document.m_summary.schemaVersion = int(*version);
        } else {
            return Error { name + QStringLiteral(": unknown member of the document") };
        }
    }
    if (m_reader.next() != Token::EndOfDocument)
        return syntax(QStringLiteral("the document"));
    return {};
}

Result<void> BookParser::portfolio(std::size_t index)
{
    auto record
        = readRecord(indexed(u"portfolios", index),
                     { u"uuid", u"name", u"baseCurrency", u"costBasisMethod", u"createdAt", u"updatedAt", u"deleted" });
    if (!record)
        return Error { record.error() };
    Portfolio portfolio;
    portfolio.id = RowId(index + 1);
    auto stamp = record->stamp();
    if (!stamp)
        return Error { stamp.error() };
    portfolio.stamp = *stamp;
    auto name = record->text(u"name");
    auto base = record->text(u"baseCurrency");
    auto method = record->text(u"costBasisMethod", QStringLiteral("fifo"));
    for (const auto *value : { &name, &base, &method }) {
        if (!*value)
            return Error { value->error() };
    }
    portfolio.name = *name;
    portfolio.baseCurrency = *base;
    const auto costBasis = costBasisMethodFromKey(*method);
    if (!costBasis)
        return Error { QStringLiteral("%1: '%2' is neither \"fifo\" nor \"average\"")
                           .arg(record->at(u"costBasisMethod"), shown(*method)) };
    portfolio.costBasisMethod = *costBasis;
    if (portfolio.name != portfolio.name.trimmed())
        return Error { record->at(u"name") + QStringLiteral(": '%1' starts or ends with spaces").arg(portfolio.name) };
    if (auto valid = store::PortfolioRepository::validate(portfolio); !valid)
        return Error { record->path() + u'.' + valid.error() };

    const QString uuid = store::uuidText(portfolio.stamp.uuid);
    if (const auto other = m_portfolioUuids.constFind(uuid); other != m_portfolioUuids.cend())
        return Error { QStringLiteral("%1: %2 is also the UUID of %3")
                           .arg(record->at(u"uuid"), uuid, indexed(u"portfolios", *other)) };
    m_portfolioUuids.insert(uuid, index);
    m_document.m_portfolios.push_back(portfolio);
    return {};
}

Result<void> BookParser::asset(std::size_t index)
{
    auto record = readRecord(indexed(u"assets", index),
                             { u"uuid", u"symbol", u"name", u"assetClass", u"currency", u"exchange", u"dataSource",
                               u"sourceId", u"synthetic", u"tracked", u"createdAt", u"updatedAt", u"deleted" });
    if (!record)
        return Error { record.error() };
    Asset asset;
    asset.id = RowId(index + 1);
    auto stamp = record->stamp();
    if (!stamp)
        return Error { stamp.error() };
    asset.stamp = *stamp;
    auto symbol = record->text(u"symbol");
    auto name = record->text(u"name");
    auto assetClass = record->text(u"assetClass");
    auto currencyCode = record->text(u"currency");
    auto exchange = record->text(u"exchange", QString());
    auto dataSource = record->text(u"dataSource", QString());
    auto sourceId = record->text(u"sourceId", QString());
    for (const auto *value : { &symbol, &name, &assetClass, &currencyCode, &exchange, &dataSource, &sourceId }) {
        if (!*value)
            return Error { value->error() };
    }
    auto synthetic = record->boolean(u"synthetic", false);
    auto tracked = record->boolean(u"tracked", false);
    for (const auto *value : { &synthetic, &tracked }) {
        if (!*value)
            return Error { value->error() };
    }
    const auto kind = assetClassFromKey(*assetClass);
    if (!kind)
        return Error { QStringLiteral("%1: '%2' is not an asset class (stock, etf, fund, bond, crypto, commodity, "
                                      "currency)")
                           .arg(record->at(u"assetClass"), shown(*assetClass)) };
    asset.symbol = *symbol;
    asset.name = *name;
    asset.assetClass = *kind;
    asset.currency = *currencyCode;
    asset.exchange = *exchange;
    asset.dataSource = *dataSource;
    asset.sourceId = *sourceId;
    asset.synthetic = *synthetic;
    asset.tracked = *tracked;
    if (auto valid = store::AssetRepository::validate(asset); !valid)
        return Error { record->path() + u'.' + valid.error() };

    const QString uuid = store::uuidText(asset.stamp.uuid);
    if (const auto other = m_assetUuids.constFind(uuid); other != m_assetUuids.cend())
        return Error {
            QStringLiteral("%1: %2 is also the UUID of %3").arg(record->at(u"uuid"), uuid, indexed(u"assets", *other))
        };
    m_assetUuids.insert(uuid, index);
    m_document.m_assetIds.insert(uuid, asset.id);
    m_document.m_assets.push_back(asset);
    return {};
}

Result<void> BookParser::transaction(std::size_t index)
{
    auto record = readRecord(indexed(u"transactions", index),
                             { u"uuid", u"portfolio", u"type", u"date", u"asset", u"counterparty", u"quantity",
                               u"price", u"amount", u"fee", u"splitNumerator", u"splitDenominator", u"currency",
                               u"note", u"createdAt", u"updatedAt", u"deleted" });
    if (!record)
        return Error { record.error() };
    Transaction t;
    t.id = RowId(index + 1);
    auto stamp = record->stamp();
    if (!stamp)
        return Error { stamp.error() };
    t.stamp = *stamp;
    auto type = record->text(u"type");
    if (!type)
        return Error { type.error() };
    const auto kind = transactionTypeFromKey(*type);
    if (!kind)
        return Error { QStringLiteral("%1: '%2' is not a type of entry (buy, sell, dividend, interest, fee, tax, "
                                      "split, deposit, withdrawal, transfer)")
                           .arg(record->at(u"type"), shown(*type)) };
    t.type = *kind;
    auto date = record->date(u"date");
    if (!date)
        return Error { date.error() };
    t.date = *date;
    static constexpr std::pair<const char16_t *, Decimal Transaction::*> Decimals[] = {
        { u"quantity", &Transaction::quantity },
        { u"price", &Transaction::price },
        { u"amount", &Transaction::amount },
        { u"fee", &Transaction::fee },
        { u"splitNumerator", &Transaction::splitNumerator },
        { u"splitDenominator", &Transaction::splitDenominator },
    };
    for (const auto &[name, field] : Decimals) {
        auto value = record->decimal(QStringView(name));
        if (!value)
            return Error { value.error() };
        t.*field = *value;
    }
    auto currencyCode = record->text(u"currency");
    auto note = record->text(u"note", QString());
    for (const auto *value : { &currencyCode, &note }) {
        if (!*value)
            return Error { value->error() };
    }
    t.currency = *currencyCode;
    t.note = *note;

    std::array<Reference, 3> refs;
    const char16_t *names[] = { u"portfolio", u"asset", u"counterparty" };
    for (int i = 0; i < 3; ++i) {
        auto uuid = record->uuid(QStringView(names[i]), i == 0);
        if (!uuid)
            return Error { uuid.error() };
        refs[std::size_t(i)] = { *uuid, record->at(QStringView(names[i])) };
    }
    const QString uuid = store::uuidText(t.stamp.uuid);
    if (const auto other = m_transactionUuids.constFind(uuid); other != m_transactionUuids.cend())
        return Error { QStringLiteral("%1: %2 is also the UUID of %3")
                           .arg(record->at(u"uuid"), uuid, indexed(u"transactions", *other)) };
    m_transactionUuids.insert(uuid, index);
    m_transactionRefs.push_back(refs);
    m_document.m_transactions.push_back(t);
    return {};
}

Result<void> BookParser::alertRule(std::size_t index)
{
    auto record = readRecord(
        indexed(u"alertRules", index),
        { u"uuid", u"kind", u"portfolio", u"asset", u"threshold", u"enabled", u"createdAt", u"updatedAt", u"deleted" });
    if (!record)
        return Error { record.error() };
    store::AlertRule rule;
    rule.id = RowId(index + 1);
    auto stamp = record->stamp();
    if (!stamp)
        return Error { stamp.error() };
    rule.stamp = *stamp;
    auto kind = record->text(u"kind");
    if (!kind)
        return Error { kind.error() };
    const auto alertKind = store::alertKindFromKey(*kind);
    if (!alertKind)
        return Error { QStringLiteral("%1: '%2' is not a kind of alert (portfolio_loss, portfolio_gain, price_above, "
                                      "price_below)")
                           .arg(record->at(u"kind"), shown(*kind)) };
    rule.kind = *alertKind;
    auto threshold = record->decimal(u"threshold", true);
    if (!threshold)
        return Error { threshold.error() };
    rule.threshold = *threshold;
    auto enabled = record->boolean(u"enabled", true);
    if (!enabled)
        return Error { enabled.error() };
    rule.enabled = *enabled;
    std::array<Reference, 2> refs;
    const char16_t *names[] = { u"portfolio", u"asset" };
    for (int i = 0; i < 2; ++i) {
        auto uuid = record->uuid(QStringView(names[i]), false);
        if (!uuid)
            return Error { uuid.error() };
        refs[std::size_t(i)] = { *uuid, record->at(QStringView(names[i])) };
    }
    const QString uuid = store::uuidText(rule.stamp.uuid);
    if (const auto other = m_ruleUuids.constFind(uuid); other != m_ruleUuids.cend())
        return Error { QStringLiteral("%1: %2 is also the UUID of %3")
                           .arg(record->at(u"uuid"), uuid, indexed(u"alertRules", *other)) };
    m_ruleUuids.insert(uuid, index);
    m_ruleRefs.push_back(refs);
    m_document.m_alertRules.push_back(rule);
    return {};
}

Result<Provenance> BookParser::provenance(const detail::Record &record) const
{
    auto source = record.text(u"source", QStringLiteral("import"));
    if (!source)
        return Error { source.error() };
    auto fetchedAt = record.integer(u"fetchedAt", 0);
    if (!fetchedAt)
        return Error { fetchedAt.error() };
    return Provenance { *source, *fetchedAt };
}

Result<void> BookParser::corporateAction(std::size_t index)
{
    auto record = readRecord(indexed(u"corporateActions", index),
                             { u"asset", u"date", u"kind", u"splitNumerator", u"splitDenominator", u"amount",
                               u"currency", u"source", u"fetchedAt" });
    if (!record)
        return Error { record.error() };
    DocumentCorporateAction entry;
    auto asset = record->uuid(u"asset");
    if (!asset)
        return Error { asset.error() };
    auto date = record->date(u"date");
    if (!date)
        return Error { date.error() };
    entry.action.date = *date;
    auto kind = record->text(u"kind");
    if (!kind)
        return Error { kind.error() };
    if (*kind != u"split" && *kind != u"dividend")
        return Error {
            QStringLiteral("%1: '%2' is neither \"split\" nor \"dividend\"").arg(record->at(u"kind"), shown(*kind))
        };
    const bool split = *kind == u"split";
    entry.action.kind = split ? marketdata::CorporateAction::Kind::Split : marketdata::CorporateAction::Kind::Dividend;
    auto numerator = record->decimal(u"splitNumerator", split);
    auto denominator = record->decimal(u"splitDenominator", split);
    auto amount = record->decimal(u"amount", !split);
    for (const auto *value : { &numerator, &denominator, &amount }) {
        if (!*value)
            return Error { value->error() };
    }
    if (split && (!numerator->isPositive() || !denominator->isPositive()))
        return Error { QStringLiteral("%1: the ratio %2:%3 must be positive")
                           .arg(record->path(), numerator->toString(), denominator->toString()) };
    if (!split && !amount->isPositive())
        return Error { record->at(u"amount")
                       + QStringLiteral(": '%1' must be greater than zero").arg(amount->toString()) };
    entry.action.numerator = *numerator;
    entry.action.denominator = *denominator;
    entry.action.amount = *amount;
    auto currencyCode = record->text(u"currency", QString());
    if (!currencyCode)
        return Error { currencyCode.error() };
    if (!currencyCode->isEmpty() && !currency::isValidCode(*currencyCode))
        return Error { QStringLiteral("%1: '%2' is not a currency code such as EUR or USD")
                           .arg(record->at(u"currency"), shown(*currencyCode)) };
    entry.action.currency = *currencyCode;
    auto origin = provenance(*record);
    if (!origin)
        return Error { origin.error() };
    entry.source = origin->source;
    entry.fetchedAt = origin->fetchedAt;
    m_actionRefs.push_back({ *asset, record->at(u"asset") });
    m_document.m_corporateActions.push_back(entry);
    return {};
}

} // namespace pt::exchange
