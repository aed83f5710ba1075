#include "store/assetrepository.h"

#include "money/currency.h"
#include "store/database.h"
#include "store/sqlrows.h"

#include <QSqlQuery>

namespace pt::store {

namespace {

const QString SelectColumns = QStringLiteral(
    "SELECT id, uuid, symbol, name, asset_class, currency, exchange, data_source, source_id, synthetic, "
    "tracked, created_at, updated_at, deleted FROM asset ");

const QString InsertStatement = QStringLiteral(
    "INSERT INTO asset (uuid, symbol, name, asset_class, currency, exchange, data_source, source_id, "
    "synthetic, tracked, created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");

Asset readAsset(const QSqlQuery &query)
{
    Asset asset;
    asset.id = query.value(0).toLongLong();
    asset.stamp.uuid = QUuid(query.value(1).toString());
    asset.symbol = query.value(2).toString();
    asset.name = query.value(3).toString();
    asset.assetClass = assetClassFromKey(query.value(4).toString()).value_or(AssetClass::Stock);
    asset.currency = query.value(5).toString();
    asset.exchange = query.value(6).toString();
    asset.dataSource = query.value(7).toString();
    asset.sourceId = query.value(8).toString();
    asset.synthetic = query.value(9).toBool();
    asset.tracked = query.value(10).toBool();
    asset.stamp.createdAt = query.value(11).toLongLong();
    asset.stamp.updatedAt = query.value(12).toLongLong();
    asset.stamp.deleted = query.value(13).toBool();
    return asset;
}

Result<std::vector<Asset>> selectAssets(const Database &database, const QString &where, const QVariantList &values)
{
    QSqlQuery query(database.connection());
    setReadMode(query);
    query.prepare(SelectColumns + where);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (auto done = execute(query, QStringLiteral("Reading assets")); !done)
        return Error{done.error()};
    std::vector<Asset> assets;
    while (query.next())
        assets.push_back(readAsset(query));
    return assets;
}

void bindInsert(QSqlQuery &query, const Asset &asset)
{
    query.addBindValue(uuidText(asset.stamp.uuid));
    query.addBindValue(sqlText(asset.symbol));
    query.addBindValue(sqlText(asset.name));
    query.addBindValue(toKey(asset.assetClass));
    query.addBindValue(sqlText(asset.currency));
    query.addBindValue(sqlText(asset.exchange));
    query.addBindValue(sqlText(asset.dataSource));
    query.addBindValue(sqlText(asset.sourceId));
    query.addBindValue(int(asset.synthetic));
    query.addBindValue(int(asset.tracked));
    query.addBindValue(qlonglong(asset.stamp.createdAt));
    query.addBindValue(qlonglong(asset.stamp.updatedAt));
}

Result<void> checkSymbolFree(const Database &database, const Asset &asset)
{
    QSqlQuery query(database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM asset WHERE deleted = 0 AND lower(symbol) = lower(?) "
                                 "AND exchange = ? AND id <> ?"));
    query.addBindValue(sqlText(asset.symbol));
    query.addBindValue(sqlText(asset.exchange));
    query.addBindValue(qlonglong(asset.id));
    if (auto done = execute(query, QStringLiteral("Checking the symbol")); !done)
        return done;
    if (query.next() && query.value(0).toInt() > 0)
        return Error{QStringLiteral("symbol: '%1' is already in the catalog%2")
                         .arg(asset.symbol,
                              asset.exchange.isEmpty() ? QString() : QStringLiteral(" on ") + asset.exchange)};
    return {};
}

void normalise(Asset &asset)
{
    asset.symbol = asset.symbol.trimmed();
    asset.name = asset.name.trimmed();
    asset.currency = asset.currency.trimmed().toUpper();
    asset.exchange = asset.exchange.trimmed();
}

} // namespace

Result<void> AssetRepository::validate(const Asset &asset)
{
    if (asset.symbol.isEmpty())
        return Error{QStringLiteral("symbol: an asset needs a symbol")};
    if (asset.symbol.size() > 40 || asset.symbol.contains(u' '))
        return Error{QStringLiteral("symbol: '%1' is not a ticker symbol (no spaces, at most 40 characters)")
                         .arg(asset.symbol)};
    if (asset.name.isEmpty())
        return Error{QStringLiteral("name: asset '%1' needs a name").arg(asset.symbol)};
    // Bounded like a portfolio's name, so an asset always fits in one sync change.
    if (asset.name.size() > 200)
        return Error{QStringLiteral("name: asset '%1' has a name of %2 characters, at most 200 are allowed")
                         .arg(asset.symbol)
                         .arg(asset.name.size())};
    if (asset.exchange.size() > 40 || asset.dataSource.size() > 40 || asset.sourceId.size() > 200)
        return Error{QStringLiteral("exchange, data source or source id of asset '%1' too long (at most 40, 40 and "
                                    "200 characters)")
                         .arg(asset.symbol)};
    if (!currency::isValidCode(asset.currency))
        return Error{QStringLiteral("currency: '%1' is not a currency code such as EUR or USD").arg(asset.currency)};
    return {};
}

Result<std::vector<Asset>> AssetRepository::list() const
{
    return selectAssets(m_database,
                        QStringLiteral("WHERE deleted = 0 ORDER BY %1, %2, id")
                            .arg(byCodePoint(m_database, QStringLiteral("symbol")),
                                 byCodePoint(m_database, QStringLiteral("exchange"))),
                        {});
}

Result<Asset> AssetRepository::find(RowId id) const
{
    auto found = selectAssets(m_database, QStringLiteral("WHERE id = ?"), {qlonglong(id)});
    if (!found)
        return Error{found.error()};
    if (found->empty())
        return Error{QStringLiteral("asset: no asset with id %1").arg(id)};
    return found->front();
}

Result<Asset> AssetRepository::findByReference(QStringView reference) const
{
    auto bySymbol = selectAssets(m_database, QStringLiteral("WHERE deleted = 0 AND lower(symbol) = lower(?)"),
                                 {reference.toString()});
    if (!bySymbol)
        return Error{bySymbol.error()};
    if (bySymbol->size() == 1)
        return bySymbol->front();
    if (bySymbol->size() > 1)
        return Error{QStringLiteral("asset: '%1' is listed on several exchanges; use the asset's UUID")
                         .arg(reference.toString())};
    const auto id = findIdByUuidPrefix(m_database, QStringLiteral("asset"), reference);
    if (!id)
        return Error{QStringLiteral("asset: %1").arg(id.error())};
    if (*id == 0)
        return Error{QStringLiteral("asset: no asset with symbol '%1'").arg(reference.toString())};
    return find(*id);
}

Result<Asset> AssetRepository::add(Asset asset) const
{
    normalise(asset);
    if (auto valid = validate(asset); !valid)
        return Error{valid.error()};
    if (auto free = checkSymbolFree(m_database, asset); !free)
        return Error{free.error()};
    asset.stamp = newStamp(m_database);
    QSqlQuery query(m_database.connection());
    query.prepare(InsertStatement + returningId(m_database));
    bindInsert(query, asset);
    if (auto done = execute(query, QStringLiteral("Saving asset '%1'").arg(asset.symbol)); !done)
        return Error{done.error()};
    asset.id = insertedId(query);
    return asset;
}

Result<void> AssetRepository::addMany(std::vector<Asset> &assets) const
{
    for (Asset &asset : assets) {
        normalise(asset);
        if (auto valid = validate(asset); !valid)
            return valid;
    }
    return m_database.inTransaction([&]() -> Result<void> {
        QSqlQuery query(m_database.connection());
        query.prepare(InsertStatement + returningId(m_database));
        for (Asset &asset : assets) {
            // The store's index on symbols is not unique (sync may bring two
            // alike); duplicates made here are refused here, the earlier
            // assets of this batch included.
            if (auto free = checkSymbolFree(m_database, asset); !free)
                return free;
            asset.stamp = newStamp(m_database);
            bindInsert(query, asset);
            if (auto done = execute(query, QStringLiteral("Saving asset '%1'").arg(asset.symbol)); !done)
                return done;
            asset.id = insertedId(query);
        }
        return {};
    });
}

Result<Asset> AssetRepository::update(Asset asset) const
{
    normalise(asset);
    if (auto valid = validate(asset); !valid)
        return Error{valid.error()};
    if (auto free = checkSymbolFree(m_database, asset); !free)
        return Error{free.error()};
    asset.stamp.updatedAt = m_database.nextTimestamp();
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("UPDATE asset SET symbol = ?, name = ?, asset_class = ?, currency = ?, "
                                 "exchange = ?, data_source = ?, source_id = ?, synthetic = ?, tracked = ?, "
                                 "updated_at = ? WHERE id = ? AND deleted = 0"));
    query.addBindValue(sqlText(asset.symbol));
    query.addBindValue(sqlText(asset.name));
    query.addBindValue(toKey(asset.assetClass));
    query.addBindValue(sqlText(asset.currency));
    query.addBindValue(sqlText(asset.exchange));
    query.addBindValue(sqlText(asset.dataSource));
    query.addBindValue(sqlText(asset.sourceId));
    query.addBindValue(int(asset.synthetic));
    query.addBindValue(int(asset.tracked));
    query.addBindValue(qlonglong(asset.stamp.updatedAt));
    query.addBindValue(qlonglong(asset.id));
    if (auto done = execute(query, QStringLiteral("Updating asset '%1'").arg(asset.symbol)); !done)
        return Error{done.error()};
    if (query.numRowsAffected() != 1)
        return Error{QStringLiteral("asset: no asset with id %1").arg(asset.id)};
    return asset;
}

Result<void> AssetRepository::remove(RowId id) const
{
    const auto asset = find(id);
    if (!asset)
        return Error{asset.error()};
    QSqlQuery query(m_database.connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger_transaction WHERE deleted = 0 AND asset_id = ?"));
    query.addBindValue(qlonglong(id));
    if (auto done = execute(query, QStringLiteral("Checking the asset's entries")); !done)
        return done;
    if (query.next() && query.value(0).toInt() > 0)
        return Error{QStringLiteral("asset '%1' is used by %2 ledger entries; delete them first")
                         .arg(asset->symbol)
                         .arg(query.value(0).toInt())};
    query.prepare(QStringLiteral("UPDATE asset SET deleted = 1, updated_at = ? WHERE id = ?"));
    query.addBindValue(qlonglong(m_database.nextTimestamp()));
    query.addBindValue(qlonglong(id));
    return execute(query, QStringLiteral("Deleting asset '%1'").arg(asset->symbol));
}

} // namespace pt::store
