-- The persistent job queue (C4): backfills and refreshes of market data, kept in
-- the store so they survive a restart and resume. Jobs belong to this device:
-- they are not synced and carry no UUID.

CREATE TABLE job (
    id ${ID},
    kind TEXT NOT NULL CHECK (kind IN ('backfill', 'refresh')),
    -- backfill: the asset; refresh: NULL (every tracked asset of the source)
    asset_id BIGINT REFERENCES asset (id),
    source TEXT NOT NULL,
    range_from ${DATE},
    range_to ${DATE},
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    log TEXT NOT NULL DEFAULT '',
    progress INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT
);
-- What the runner asks every poll: the pending jobs that are due.
CREATE INDEX job_runnable ON job (state, next_attempt_at);
-- What enqueueing asks: is a backfill of this asset already queued?
CREATE INDEX job_asset ON job (asset_id, kind, state);
