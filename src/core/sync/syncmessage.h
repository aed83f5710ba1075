#pragma once

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <compare>
#include <cstdint>
#include <optional>
#include <vector>

// The sync protocol's messages, shared by the app, the CLI and portfolio-server
// (docs/SYNC.md). Plain values and their JSON; no I/O. Every decoder checks
// the whole message and names the first thing wrong as a JSON path
// ("changes[3].hlc.wall: …"), so a bad message is refused as a whole.
namespace pt::sync {

// The records that sync. Market data is refetched per device, and alert rules,
// snapshots and jobs are the device's own.
enum class RecordKind { Portfolio, Asset, Transaction };

QString recordKindName(RecordKind kind); // "portfolio", "asset", "transaction"
std::optional<RecordKind> parseRecordKind(QStringView name);

// A hybrid logical clock timestamp: wall time (ms since the epoch, UTC), a
// counter that orders changes within one millisecond (and after a remote
// change seen from the future), and the device that made the change, which
// breaks the last ties. Ordered lexicographically in that order.
struct HlcTimestamp
{
    std::int64_t wallMs = 0;
    std::uint32_t counter = 0;
    QString device; // the device's UUID, lower case, without braces

    bool isNull() const { return wallMs == 0 && counter == 0 && device.isEmpty(); }
    friend std::strong_ordering operator<=>(const HlcTimestamp &a, const HlcTimestamp &b)
    {
        if (auto c = a.wallMs <=> b.wallMs; c != 0)
            return c;
        if (auto c = a.counter <=> b.counter; c != 0)
            return c;
        const int text = a.device.compare(b.device);
        return text < 0 ? std::strong_ordering::less
                        : text > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
    }
    friend bool operator==(const HlcTimestamp &a, const HlcTimestamp &b) = default;
};

// One change of one record: its state after the change, whole. The merge rule
// is last writer wins per record by `stamp`, so a record's fields (a ledger
// entry's quantity, price, amount and fee among them) always travel and win
// together; a tombstone is a change like any other.
struct SyncChange
{
    RecordKind kind = RecordKind::Portfolio;
    QString uuid; // the record's UUID, lower case, without braces
    HlcTimestamp stamp;
    bool deleted = false;
    // The record's values by column, references to other records by UUID,
    // decimals as canonical strings (docs/SYNC.md lists them per kind).
    QJsonObject fields;
    // The change's position in the account's log on the server; 0 in a push.
    std::int64_t seq = 0;

    friend bool operator==(const SyncChange &a, const SyncChange &b) = default;
};

// Limits a server enforces and a client respects when it batches.
inline constexpr int MaxChangesPerPush = 1000;
inline constexpr int MaxChangesPerPull = 1000;
inline constexpr qsizetype MaxFieldsBytes = 16 * 1024;   // one change's fields, as JSON
inline constexpr qsizetype MaxMessageBytes = 8 * 1024 * 1024; // a push body

struct PushRequest
{
    QString deviceId;
    std::vector<SyncChange> changes;
    // Each change's fields as compact JSON, one per change, as decodePushRequest
    // wrote them for its size check: the server stores this text. Empty in a
    // request built in memory (encodePushRequest does not read it).
    std::vector<QByteArray> fieldsJson;
};

struct PushReply
{
    int accepted = 0;   // new to the log
    int duplicates = 0; // already in it (a retried push)
    std::int64_t cursor = 0; // the log's last position for this account after the push
};

struct PullPage
{
    std::vector<SyncChange> changes; // with seq, in log order
    std::int64_t cursor = 0;         // pass as `after` for the next page
    bool more = false;               // another page follows
};

// An error body: {"error": code, "message": text}.
struct ErrorReply
{
    QString code;
    QString message;
};

QJsonObject changeToJson(const SyncChange &change);
Result<SyncChange> changeFromJson(const QJsonValue &value, const QString &path);

QByteArray encodePushRequest(const PushRequest &request);
Result<PushRequest> decodePushRequest(const QByteArray &body);

QByteArray encodePushReply(const PushReply &reply);
Result<PushReply> decodePushReply(const QByteArray &body);

QByteArray encodePullPage(const PullPage &page);
Result<PullPage> decodePullPage(const QByteArray &body);

QByteArray encodeErrorReply(const ErrorReply &reply);
// An error body, or nothing if `body` is not one.
std::optional<ErrorReply> decodeErrorReply(const QByteArray &body);

// Whether `text` is a UUID in the form the stores write: 36 characters,
// lower-case hex, hyphenated.
bool isCanonicalUuid(QStringView text);

} // namespace pt::sync
