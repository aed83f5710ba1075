-- Sync (C9), the client side: this store's sync state, the outbox of changes
-- not yet acknowledged by the server, and the newest stamp held per record.
-- All of it belongs to this store alone (device id, clock, cursor): copy-store
-- and the JSON export leave it behind. The triggers that fill the outbox are
-- not here: SyncEngine::enable() installs them (src/core/sync/changecapture.cpp),
-- since their bodies hold ';' mid-statement.

-- At most one row (id 1), made by the first SyncEngine::enable().
CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- this store's device id (UUID), new for every account signed in to
    device_id TEXT NOT NULL,
    -- "<server url> <email>", as enable() was given it
    account TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 0,
    -- 1: the triggers record changes into sync_outbox
    capture INTEGER NOT NULL DEFAULT 0,
    -- 1 only inside the transaction that applies pulled changes: no echo
    applying INTEGER NOT NULL DEFAULT 0,
    -- the hybrid logical clock: last stamp handed out or seen
    hlc_wall BIGINT NOT NULL DEFAULT 0,
    hlc_counter BIGINT NOT NULL DEFAULT 0,
    -- the server log position pulled up to
    pull_cursor BIGINT NOT NULL DEFAULT 0,
    last_sync_at BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    -- when capture was last switched off (sign out), 0 if never
    disabled_at BIGINT NOT NULL DEFAULT 0
);

-- Changes made here and not yet acknowledged, oldest first by seq. `fields` is
-- the record's state after the change as JSON (docs/SYNC.md lists the keys).
CREATE TABLE sync_outbox (
    seq ${ID},
    kind TEXT NOT NULL CHECK (kind IN ('portfolio', 'asset', 'transaction')),
    record_uuid TEXT NOT NULL,
    hlc_wall BIGINT NOT NULL,
    hlc_counter BIGINT NOT NULL,
    deleted INTEGER NOT NULL,
    fields TEXT NOT NULL
);

-- The stamp of the change each record's current state came from, local or
-- pulled: a pulled change is applied only if its stamp is newer.
CREATE TABLE sync_record_clock (
    kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    hlc_wall BIGINT NOT NULL,
    hlc_counter BIGINT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (kind, record_uuid)
) ${WITHOUT_ROWID};

-- Pulled changes that won but could not be applied yet because a record they
-- reference is not here (the newest per record). Retried after every page.
CREATE TABLE sync_inbox (
    kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    hlc_wall BIGINT NOT NULL,
    hlc_counter BIGINT NOT NULL,
    device_id TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (kind, record_uuid)
) ${WITHOUT_ROWID};

-- Two devices may each make a portfolio "Main" or an asset "AAPL" while
-- offline, and sync must be able to store both; the repositories still refuse
-- a duplicate made on this device. The unique indexes become plain ones.
DROP INDEX portfolio_live_name;
CREATE INDEX portfolio_live_name ON portfolio (name) WHERE deleted = 0;
DROP INDEX asset_live_symbol;
CREATE INDEX asset_live_symbol ON asset (lower(symbol), exchange) WHERE deleted = 0;
