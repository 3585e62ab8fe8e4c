-- Hash lists shared between hotlines and with the police: one Takedown instance subscribes to a list of another over
-- HTTPS with an API key the source issued (scope exchange) and pulls what changed since its cursor, a page at a time,
-- into a local list, each entry with the source's provenance; the cursor is kept with each page applied, so a failed
-- sync resumes where it stopped. Feedback per entry (confirmed, false positive, seen) goes back to the source, which
-- keeps it for the list's curators.
CREATE TABLE exchange_subscription (
    id               BIGSERIAL   PRIMARY KEY,
    bank_id          BIGINT      NOT NULL REFERENCES hash_bank (id),
    source_url       TEXT        NOT NULL,
    source_bank      TEXT        NOT NULL,
    -- the key the source issued to this instance; it is needed in clear to call the source
    api_key          TEXT        NOT NULL,
    every_seconds    INT         NOT NULL CHECK (every_seconds >= 60),
    cursor_entry     BIGINT      NOT NULL DEFAULT 0,
    cursor_disabled  BIGINT      NOT NULL DEFAULT 0,
    next_sync_at     TIMESTAMPTZ NOT NULL,
    last_success_at  TIMESTAMPTZ,
    last_error       TEXT,
    last_error_at    TIMESTAMPTZ,
    entries_added    BIGINT      NOT NULL DEFAULT 0,
    entries_disabled BIGINT      NOT NULL DEFAULT 0,
    created_by       TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (bank_id, source_url, source_bank)
);
CREATE INDEX exchange_subscription_due_idx ON exchange_subscription (next_sync_at);

CREATE TABLE hash_feedback (
    id          BIGSERIAL   PRIMARY KEY,
    entry_id    BIGINT      NOT NULL REFERENCES hash_entry (id),
    verdict     TEXT        NOT NULL CHECK (verdict IN ('CONFIRMED', 'FALSE_POSITIVE', 'SEEN')),
    from_key    TEXT        NOT NULL,
    note        TEXT,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX hash_feedback_entry_idx ON hash_feedback (entry_id);
