-- portfolio-server's database (PostgreSQL): accounts, their logins, and every
-- account's sync log. Timestamps are milliseconds since the Unix epoch (UTC).

CREATE TABLE server_account (
    id ${ID},
    email TEXT NOT NULL,
    -- lower-cased email: one account per address, however it is typed
    email_key TEXT NOT NULL UNIQUE,
    -- libsodium's crypto_pwhash_str: argon2id with its parameters and salt
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- access tokens issued before this are refused (logout everywhere, password change)
    tokens_valid_after BIGINT NOT NULL DEFAULT 0
);

-- One login (one device signing in): the family of its refresh tokens.
CREATE TABLE server_session (
    id ${ID},
    account_id BIGINT NOT NULL REFERENCES server_account (id),
    device_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    -- set when the user logs out, or when a used refresh token comes back
    revoked_at BIGINT,
    revoked_reason TEXT
);
CREATE INDEX server_session_account ON server_session (account_id);

-- Refresh tokens, by the SHA-256 of the token (the token itself is never stored).
CREATE TABLE server_refresh_token (
    token_hash TEXT PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES server_session (id),
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- set when it is exchanged for a new pair; presenting it again revokes the session
    used_at BIGINT
);
CREATE INDEX server_refresh_token_session ON server_refresh_token (session_id);

-- Every change every device of an account pushed, in the order the server took
-- them. A change is identified by its hybrid logical clock stamp, so a retried
-- push adds nothing.
CREATE TABLE sync_log (
    seq ${ID},
    account_id BIGINT NOT NULL REFERENCES server_account (id),
    hlc_wall BIGINT NOT NULL,
    hlc_counter BIGINT NOT NULL,
    device_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('portfolio', 'asset', 'transaction')),
    record_uuid TEXT NOT NULL,
    deleted BOOLEAN NOT NULL,
    fields TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (account_id, hlc_wall, hlc_counter, device_id)
);
CREATE INDEX sync_log_account_seq ON sync_log (account_id, seq);

-- Each record's winning change (last writer by stamp): what the account's data
-- is now, for /v1/records and for checking that devices converged.
CREATE TABLE sync_record (
    account_id BIGINT NOT NULL REFERENCES server_account (id),
    kind TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    hlc_wall BIGINT NOT NULL,
    hlc_counter BIGINT NOT NULL,
    device_id TEXT NOT NULL,
    deleted BOOLEAN NOT NULL,
    fields TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (account_id, kind, record_uuid)
);
