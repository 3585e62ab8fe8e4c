-- Newly reported URLs waiting for a first look at their content (hashes checked against the hash lists, a text
-- summary), so analysts can triage without seeing imagery. A row is leased while it is worked on, so several
-- instances share the work and a crash only delays it; it is deleted when done.
CREATE TABLE probing_first_look (
    url_id       BIGINT      PRIMARY KEY,
    url          TEXT        NOT NULL,
    due_at       TIMESTAMPTZ NOT NULL,
    attempts     INT         NOT NULL DEFAULT 0,
    leased_until TIMESTAMPTZ
);
CREATE INDEX probing_first_look_due_idx ON probing_first_look (due_at);
