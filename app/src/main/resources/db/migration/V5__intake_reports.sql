-- Reports of URLs and the URLs they mention. A URL is kept once while its case is open: a later report of the same
-- normalised URL joins it, and every report that mentioned it stays linked.
CREATE TABLE intake_source (
    name       TEXT        PRIMARY KEY,
    description TEXT       NOT NULL DEFAULT '',
    four_eyes  BOOLEAN     NOT NULL DEFAULT FALSE
);

INSERT INTO intake_source (name, description) VALUES
    ('public', 'The public web form (anonymous)'),
    ('police', 'Police'),
    ('foreign-hotline', 'A foreign hotline (INHOPE network)'),
    ('trusted-flagger', 'A trusted flagger'),
    ('mailbox', 'The hotline mailbox'),
    ('bulk', 'Bulk imports by the hotline');

CREATE TABLE report (
    id           BIGSERIAL   PRIMARY KEY,
    channel      TEXT        NOT NULL CHECK (channel IN ('form', 'api', 'bulk', 'mailbox')),
    source       TEXT        NOT NULL REFERENCES intake_source (name),
    reference    TEXT,
    note         TEXT,
    received_at  TIMESTAMPTZ NOT NULL,
    submitted_by TEXT        NOT NULL
);

CREATE TABLE reported_url (
    id                BIGSERIAL   PRIMARY KEY,
    normalized        TEXT        NOT NULL,
    original          TEXT        NOT NULL,
    host              TEXT        NOT NULL,
    host_unicode      TEXT        NOT NULL,
    status            TEXT        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    first_reported_at TIMESTAMPTZ NOT NULL,
    last_reported_at  TIMESTAMPTZ NOT NULL,
    report_count      INT         NOT NULL DEFAULT 1
);

CREATE UNIQUE INDEX reported_url_open_once ON reported_url (normalized) WHERE status = 'OPEN';
CREATE INDEX reported_url_host_idx ON reported_url (host);

CREATE TABLE report_url (
    report_id BIGINT NOT NULL REFERENCES report (id),
    url_id    BIGINT NOT NULL REFERENCES reported_url (id),
    original  TEXT   NOT NULL,
    PRIMARY KEY (report_id, url_id)
);
