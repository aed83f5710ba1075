-- The ledger (user data, synced by UUID, deleted by tombstone) and the market data
-- it is valued with (keyed by asset and day, refetched rather than synced).

CREATE TABLE portfolio (
    id ${ID},
    uuid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    base_currency TEXT NOT NULL,
    cost_basis_method TEXT NOT NULL CHECK (cost_basis_method IN ('fifo', 'average')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX portfolio_live_name ON portfolio (name) WHERE deleted = 0;

CREATE TABLE asset (
    id ${ID},
    uuid TEXT NOT NULL UNIQUE,
    symbol TEXT NOT NULL,
    name TEXT NOT NULL,
    asset_class TEXT NOT NULL
        CHECK (asset_class IN ('stock', 'etf', 'fund', 'bond', 'crypto', 'commodity', 'currency')),
    currency TEXT NOT NULL,
    exchange TEXT NOT NULL DEFAULT '',
    data_source TEXT NOT NULL DEFAULT '',
    source_id TEXT NOT NULL DEFAULT '',
    synthetic INTEGER NOT NULL DEFAULT 0,
    tracked INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX asset_live_symbol ON asset (lower(symbol), exchange) WHERE deleted = 0;

CREATE TABLE ledger_transaction (
    id ${ID},
    uuid TEXT NOT NULL UNIQUE,
    portfolio_id BIGINT NOT NULL REFERENCES portfolio (id),
    type TEXT NOT NULL
        CHECK (type IN ('buy', 'sell', 'dividend', 'interest', 'fee', 'tax', 'split',
                        'deposit', 'withdrawal', 'transfer')),
    trade_date ${DATE} NOT NULL,
    asset_id BIGINT REFERENCES asset (id),
    counterparty_portfolio_id BIGINT REFERENCES portfolio (id),
    quantity ${DECIMAL},
    price ${DECIMAL},
    amount ${DECIMAL},
    fee ${DECIMAL},
    split_numerator ${DECIMAL},
    split_denominator ${DECIMAL},
    currency TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ledger_transaction_portfolio ON ledger_transaction (portfolio_id, trade_date);
CREATE INDEX ledger_transaction_counterparty ON ledger_transaction (counterparty_portfolio_id);
CREATE INDEX ledger_transaction_asset ON ledger_transaction (asset_id);

-- One integer key, (asset_id << 22) + the day's Julian day number, makes this
-- SQLite's own rowid B-tree: bulk inserts of millions of bars stay fast, and an
-- asset's history is one key range. The day is derived from the key.
-- asset_id has no REFERENCES clause: checking it row by row costs a fifth of the
-- bulk write, so PriceRepository (the only writer) checks each batch's assets
-- once; assets are never physically deleted, so the check cannot go stale.
CREATE TABLE daily_price (
    price_key ${INTEGER_KEY},
    asset_id BIGINT NOT NULL,
    day ${PRICE_DAY},
    open ${SCALED_DECIMAL},
    high ${SCALED_DECIMAL},
    low ${SCALED_DECIMAL},
    close ${SCALED_DECIMAL} NOT NULL,
    adjusted_close ${SCALED_DECIMAL},
    volume ${SCALED_DECIMAL},
    source TEXT NOT NULL,
    fetched_at BIGINT NOT NULL
);

CREATE TABLE corporate_action (
    asset_id BIGINT NOT NULL REFERENCES asset (id),
    day ${DATE} NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('split', 'dividend')),
    split_numerator ${DECIMAL},
    split_denominator ${DECIMAL},
    amount ${DECIMAL},
    currency TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    PRIMARY KEY (asset_id, day, kind)
) ${WITHOUT_ROWID};

CREATE TABLE fx_rate (
    base_currency TEXT NOT NULL,
    quote_currency TEXT NOT NULL,
    day ${DATE} NOT NULL,
    rate ${DECIMAL} NOT NULL,
    source TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    PRIMARY KEY (base_currency, quote_currency, day)
) ${WITHOUT_ROWID};
