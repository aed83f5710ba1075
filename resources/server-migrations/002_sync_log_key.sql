-- sync_log's rows are only ever looked up by account and position (pulls,
-- the log's end), never by position alone: one index for that instead of
-- the position's own key plus (account_id, seq), one index insert fewer per
-- pushed change (bench/sync-server/run-load). seq stays unique on its own,
-- taken from its identity sequence.
ALTER TABLE sync_log DROP CONSTRAINT sync_log_pkey;
DROP INDEX sync_log_account_seq;
ALTER TABLE sync_log ADD PRIMARY KEY (account_id, seq);
