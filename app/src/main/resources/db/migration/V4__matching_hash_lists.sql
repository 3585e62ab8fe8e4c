-- Hash lists ("banks") of known material and their entries. Only hashes are stored, never images.
CREATE TABLE hash_bank (
    id            BIGSERIAL   PRIMARY KEY,
    name          TEXT        NOT NULL UNIQUE,
    source        TEXT        NOT NULL,
    description   TEXT        NOT NULL DEFAULT '',
    enabled       BOOLEAN     NOT NULL DEFAULT TRUE,
    pdq_threshold INT         NOT NULL DEFAULT 31 CHECK (pdq_threshold BETWEEN 0 AND 63),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Entries are only ever added or disabled. Writers hold a transaction-scoped advisory lock, so ids (and
-- disabled_seq) become visible in increasing order and every instance can follow changes by polling.
CREATE TABLE hash_entry (
    id           BIGSERIAL   PRIMARY KEY,
    bank_id      BIGINT      NOT NULL REFERENCES hash_bank (id),
    type         TEXT        NOT NULL CHECK (type IN ('md5', 'sha1', 'sha256', 'pdq')),
    value        BYTEA       NOT NULL,
    label        TEXT,
    provenance   TEXT,
    added_at     TIMESTAMPTZ NOT NULL,
    disabled_at  TIMESTAMPTZ,
    disabled_seq BIGINT      UNIQUE,
    CONSTRAINT hash_entry_once UNIQUE (bank_id, type, value)
);

CREATE SEQUENCE hash_entry_disabled_seq;
CREATE INDEX hash_entry_value_idx ON hash_entry (type, value);

-- Lookups and matches per bank and day, for the curation statistics.
CREATE TABLE hash_bank_usage (
    bank_id BIGINT NOT NULL REFERENCES hash_bank (id),
    day     DATE   NOT NULL,
    lookups BIGINT NOT NULL DEFAULT 0,
    matches BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (bank_id, day)
);
