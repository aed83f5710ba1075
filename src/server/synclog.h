#pragma once

#include "outcome.h"
#include "sync/syncmessage.h"

#include <cstdint>

namespace pt::store {
class Database;
}

namespace pt::server {

struct EncodedPullPage
{
    QByteArray json;     // the reply body
    int changeCount = 0; // for the metrics
};

// Every account's sync log and the records' current state (tables sync_log
// and sync_record of resources/server-migrations). Every method takes the
// account from the caller (who took it from the access token) and filters
// on it.
class SyncLog
{
public:
    // Changes stamped more than this ahead of the server's clock are refused.
    static constexpr std::int64_t MaxClockAheadMs = 5 * 60 * 1000;

    explicit SyncLog(const store::Database &database) : m_database(database) {}

    // Appends the changes not yet in the log (unique on account, stamp and
    // device, so a retried push adds nothing) and updates each record's state
    // where the change is newer, in one transaction. If any change is stamped
    // more than MaxClockAheadMs after `nowMs`, refuses the whole push (422
    // "clock_ahead", naming the change and the difference) and stores nothing.
    Outcome<sync::PushReply> push(std::int64_t accountId, const sync::PushRequest &request, std::int64_t nowMs) const;

    // The account's changes after `after`, at most `limit`, in log order, as
    // the pull reply's JSON (sync::encodePullPage's format): the stored fields
    // are spliced in as the text this server wrote on push, never parsed and
    // written again, which was two thirds of a pull's cost.
    Outcome<EncodedPullPage> pullEncoded(std::int64_t accountId, std::int64_t after, int limit) const;

    // pullEncoded read back by the client's decoder, for the tests.
    Outcome<sync::PullPage> pull(std::int64_t accountId, std::int64_t after, int limit) const;

    // A record's current state (its winning change), or 404.
    Outcome<sync::SyncChange> record(std::int64_t accountId, sync::RecordKind kind, const QString &uuid) const;

    // Every record's current state for the account, by kind and UUID (tests
    // check convergence against it).
    Outcome<std::vector<sync::SyncChange>> records(std::int64_t accountId) const;

private:
    const store::Database &m_database;
};

} // namespace pt::server
