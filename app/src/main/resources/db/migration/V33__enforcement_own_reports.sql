-- URLs the authority registered itself: where they came from, by whom; their attribution and checks are the
-- chain's own. They can be named in an order without a hotline notice.
CREATE TABLE enforcement_own_report (
    url_id        BIGINT      PRIMARY KEY,
    url           TEXT        NOT NULL,
    origin        TEXT        NOT NULL CHECK (origin IN ('POLICE', 'OTHER_AUTHORITY', 'OWN_SEARCH')),
    reference     TEXT,
    registered_by TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);
