-- Valuation snapshots (C5) and alerts (C7). Snapshots, the stored value series,
-- armed states and the alerts log are derived, local data: not synced, no UUID.
-- Alert rules are user data: UUID, stamps and a tombstone, so they can sync.

-- One valuation kept as it was: 'hourly' (one per clock hour) or 'close' (one
-- per day). The partial unique indexes enforce both, also between processes.
CREATE TABLE valuation_snapshot (
    id ${ID},
    kind TEXT NOT NULL CHECK (kind IN ('hourly', 'close')),
    taken_at BIGINT NOT NULL,
    -- the start of taken_at's UTC clock hour (ms): the hourly slot
    hour_slot BIGINT NOT NULL,
    -- the local day valued
    day ${DATE} NOT NULL
);
CREATE UNIQUE INDEX valuation_snapshot_hourly ON valuation_snapshot (hour_slot) WHERE kind = 'hourly';
CREATE UNIQUE INDEX valuation_snapshot_close ON valuation_snapshot (day) WHERE kind = 'close';
CREATE INDEX valuation_snapshot_day ON valuation_snapshot (day);

-- The snapshot's figures per portfolio; portfolio_id 0 is all portfolios together
-- (no REFERENCES for that reason; portfolios are tombstoned, never removed).
-- Amounts are in `currency`; zero amounts are stored as NULL.
CREATE TABLE snapshot_total (
    snapshot_id BIGINT NOT NULL REFERENCES valuation_snapshot (id),
    portfolio_id BIGINT NOT NULL,
    currency TEXT NOT NULL,
    market_value ${SCALED_DECIMAL},
    invested ${SCALED_DECIMAL},
    holdings_value ${SCALED_DECIMAL},
    cost_basis ${SCALED_DECIMAL},
    cash ${SCALED_DECIMAL},
    stale INTEGER NOT NULL DEFAULT 0,
    incomplete INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (snapshot_id, portfolio_id)
) ${WITHOUT_ROWID};

-- The keyframe: every position held when the snapshot was taken, valued in the
-- asset's currency. Only for snapshots, never per day.
CREATE TABLE snapshot_position (
    snapshot_id BIGINT NOT NULL REFERENCES valuation_snapshot (id),
    portfolio_id BIGINT NOT NULL REFERENCES portfolio (id),
    asset_id BIGINT NOT NULL REFERENCES asset (id),
    currency TEXT NOT NULL,
    quantity ${SCALED_DECIMAL},
    close ${SCALED_DECIMAL},
    close_day ${DATE},
    value ${SCALED_DECIMAL},
    cost_basis ${SCALED_DECIMAL},
    PRIMARY KEY (snapshot_id, portfolio_id, asset_id)
) ${WITHOUT_ROWID};

-- The daily value series (totals only) of each portfolio and of all together
-- (portfolio_id 0), as the last valuation computed them; rewritten from the
-- first day that changed.
CREATE TABLE value_series_day (
    portfolio_id BIGINT NOT NULL,
    day ${DATE} NOT NULL,
    currency TEXT NOT NULL,
    market_value ${SCALED_DECIMAL},
    external_flow ${SCALED_DECIMAL},
    invested ${SCALED_DECIMAL},
    stale INTEGER NOT NULL DEFAULT 0,
    incomplete INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (portfolio_id, day)
) ${WITHOUT_ROWID};

-- Alert rules the user set: a portfolio's loss or gain threshold (percent
-- against the cost basis; enabled = 0 turns it off), or a price above/below for
-- an asset. A portfolio without a live threshold row uses the default.
CREATE TABLE alert_rule (
    id ${ID},
    uuid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('portfolio_loss', 'portfolio_gain', 'price_above', 'price_below')),
    portfolio_id BIGINT REFERENCES portfolio (id),
    asset_id BIGINT REFERENCES asset (id),
    threshold ${DECIMAL} NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX alert_rule_live_threshold ON alert_rule (portfolio_id, kind)
    WHERE deleted = 0 AND portfolio_id IS NOT NULL;

-- Whether a rule is armed, local to this device. Keyed by the rule's state key
-- ('portfolio/<id>/loss', 'portfolio/<id>/gain', 'rule/<id>'); no row: armed.
CREATE TABLE alert_state (
    state_key TEXT NOT NULL PRIMARY KEY,
    armed INTEGER NOT NULL,
    changed_at BIGINT NOT NULL
) ${WITHOUT_ROWID};

-- The alerts log: one row each time a rule fired. rule_id is NULL when a
-- portfolio's default threshold fired.
CREATE TABLE alert_event (
    id ${ID},
    rule_id BIGINT REFERENCES alert_rule (id),
    kind TEXT NOT NULL CHECK (kind IN ('portfolio_loss', 'portfolio_gain', 'price_above', 'price_below')),
    portfolio_id BIGINT REFERENCES portfolio (id),
    asset_id BIGINT REFERENCES asset (id),
    snapshot_id BIGINT REFERENCES valuation_snapshot (id),
    fired_at BIGINT NOT NULL,
    day ${DATE} NOT NULL,
    observed ${DECIMAL} NOT NULL,
    threshold ${DECIMAL} NOT NULL,
    message TEXT NOT NULL,
    is_read INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alert_event_fired ON alert_event (fired_at);
