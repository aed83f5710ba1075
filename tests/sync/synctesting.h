#pragma once

// Helpers shared by the sync tests (header-only): the outbox as rows, and
// small records to write.

#include "../common/testsupport.h"

#include "domain/types.h"
#include "store/database.h"
#include "store/transactionrepository.h"
#include "sync/changecapture.h"
#include "sync/syncmessage.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <vector>

namespace pt::test {

struct OutboxRow
{
    std::int64_t seq = 0;
    QString kind;
    QString uuid;
    std::int64_t wall = 0;
    std::int64_t counter = 0;
    bool deleted = false;
    QJsonObject fields;

    std::pair<std::int64_t, std::int64_t> stamp() const { return { wall, counter }; }
};

inline std::vector<OutboxRow> outboxRows(const store::Database &db)
{
    std::vector<OutboxRow> rows;
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT seq, kind, record_uuid, hlc_wall, hlc_counter, deleted, fields "
                                   "FROM sync_outbox ORDER BY seq")))
        qFatal("reading the outbox: %s", qPrintable(query.lastError().text()));
    while (query.next()) {
        OutboxRow row { query.value(0).toLongLong(),
                        query.value(1).toString(),
                        query.value(2).toString(),
                        query.value(3).toLongLong(),
                        query.value(4).toLongLong(),
                        query.value(5).toInt() != 0,
                        {} };
        row.fields = QJsonDocument::fromJson(query.value(6).toString().toUtf8()).object();
        rows.push_back(row);
    }
    return rows;
}

inline std::int64_t countRows(const store::Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return query.value(0).toLongLong();
}

inline Portfolio portfolioNamed(const QString &name, const QString &currency = QStringLiteral("EUR"))
{
    Portfolio portfolio;
    portfolio.name = name;
    portfolio.baseCurrency = currency;
    return portfolio;
}

inline Asset assetWithSymbol(const QString &symbol, const QString &currency = QStringLiteral("EUR"))
{
    Asset asset;
    asset.symbol = symbol;
    asset.name = symbol + QStringLiteral(" plc");
    asset.currency = currency;
    return asset;
}

inline Transaction deposit(RowId portfolio, const char *amount, QDate date = QDate(2024, 1, 2))
{
    Transaction t;
    t.portfolioId = portfolio;
    t.type = TransactionType::Deposit;
    t.date = date;
    t.amount = dec(amount);
    t.currency = QStringLiteral("EUR");
    return t;
}

inline Transaction buy(RowId portfolio, RowId asset, const char *quantity, const char *price,
                       QDate date = QDate(2024, 1, 3))
{
    Transaction t;
    t.portfolioId = portfolio;
    t.assetId = asset;
    t.type = TransactionType::Buy;
    t.date = date;
    t.quantity = dec(quantity);
    t.price = dec(price);
    t.currency = QStringLiteral("EUR");
    return t;
}

// A ledger entry by UUID, deleted or not (findByReference sees live ones only).
inline Result<Transaction> entryByUuid(const store::Database &db, const QString &uuid)
{
    QSqlQuery query(db.connection());
    query.prepare(QStringLiteral("SELECT id FROM ledger_transaction WHERE uuid = ?"));
    query.addBindValue(uuid);
    if (!query.exec() || !query.next())
        return Error { QStringLiteral("no ledger entry %1").arg(uuid) };
    return store::TransactionRepository(db).find(query.value(0).toLongLong());
}

inline QString uuidOf(const RecordStamp &stamp)
{
    return stamp.uuid.toString(QUuid::WithoutBraces);
}

} // namespace pt::test
