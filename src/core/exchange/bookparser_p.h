#pragma once

// The parser behind BookDocument (bookdocument.h): private to pt_exchange.

#include "exchange/bookdocument.h"
#include "exchange/jsonreader.h"

#include <QHash>
#include <QString>

#include <array>
#include <functional>
#include <initializer_list>
#include <vector>

class QIODevice;

namespace pt::exchange {

namespace detail {

class Record; // the scalar members of one record (bookparser.cpp)

// Where a value of a document refers to a record by UUID.
struct Reference
{
    QString uuid; // empty: none
    QString path; // of the member
};

// "transactions[17]"
inline QString indexed(QStringView section, std::size_t index)
{
    return QStringLiteral("%1[%2]").arg(section).arg(index);
}

} // namespace detail

// Reads a document, either to check it and keep its records (Pass::Check) or
// to hand its bars and rates to visitors (Pass::MarketData).
class BookParser
{
public:
    enum class Pass { Check, MarketData };

    BookParser(QIODevice &device, BookDocument &document, Pass pass, const Progress &progress)
        : m_device(device)
        , m_reader(device)
        , m_document(document)
        , m_pass(pass)
        , m_progress(progress)
    { }

    BookDocument::BarVisitor bars;
    BookDocument::RateVisitor rates;

    Result<void> parse();
    Result<void> resolve();

private:
    Error syntax(const QString &where) const
    {
        return Error { QStringLiteral("%1: %2").arg(where, m_reader.errorString()) };
    }
    void tick();

    Result<void> header();
    // Reads the members of an object record (the reader is on its
    // BeginObject) up to its end; nested values are refused.
    Result<detail::Record> readRecord(const QString &path, std::initializer_list<QStringView> allowed);
    Result<void> readMember(detail::Record &record, std::initializer_list<QStringView> allowed);
    // Calls `element` for each element of the array that is the current member's value.
    Result<void> forEachElement(const QString &section, const std::function<Result<void>(std::size_t)> &element);

    Result<void> portfolio(std::size_t index);
    Result<void> asset(std::size_t index);
    Result<void> transaction(std::size_t index);
    Result<void> alertRule(std::size_t index);
    Result<void> corporateAction(std::size_t index);
    Result<void> priceGroup(std::size_t index);
    Result<void> rateGroup(std::size_t index);
    Result<void> readBars(const detail::Record &group, const Provenance &provenance, const QString &assetUuid);
    Result<void> readRates(const detail::Record &group, const Provenance &provenance, const QString &base,
                           const QString &quote);
    Result<Provenance> provenance(const detail::Record &record) const;

    QIODevice &m_device;
    JsonReader m_reader;
    BookDocument &m_document;
    Pass m_pass;
    Progress m_progress;
    std::int64_t m_items = 0;

    // Check pass: what is resolved once the whole document is read.
    QHash<QString, std::size_t> m_portfolioUuids;
    QHash<QString, std::size_t> m_assetUuids;
    QHash<QString, std::size_t> m_transactionUuids;
    QHash<QString, std::size_t> m_ruleUuids;
    std::vector<std::array<detail::Reference, 3>> m_transactionRefs; // portfolio, asset, counterparty
    std::vector<std::array<detail::Reference, 2>> m_ruleRefs; // portfolio, asset
    std::vector<detail::Reference> m_actionRefs;
    std::vector<detail::Reference> m_priceRefs;
    QHash<QString, qint64> m_lastBarDay; // by asset UUID
    QHash<QString, qint64> m_lastRateDay; // by "BASE/QUOTE"
};

} // namespace pt::exchange
