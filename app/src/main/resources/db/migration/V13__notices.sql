-- Notices: the URLs of one hosting company collected over a short window into one notice, sent through an outbox
-- written in the same transaction as the state change (a crash neither loses nor duplicates a message: each has a
-- stable Message-ID), followed by a reminder after 24 hours and a missed deadline after 48.
CREATE TABLE notice (
    id                 BIGSERIAL   PRIMARY KEY,
    company_id         BIGINT,
    company            TEXT        NOT NULL,
    abuse_contact      TEXT,
    channel            TEXT        NOT NULL,
    state              TEXT        NOT NULL CHECK (state IN ('COLLECTING', 'QUEUED', 'SENT', 'CLOSED')),
    opened_at          TIMESTAMPTZ NOT NULL,
    send_after         TIMESTAMPTZ NOT NULL,
    sent_at            TIMESTAMPTZ,
    reminded_at        TIMESTAMPTZ,
    deadline_missed_at TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ
);
CREATE INDEX notice_company_idx ON notice (company_id, state);
CREATE INDEX notice_state_idx ON notice (state, send_after);
CREATE INDEX notice_to_remind_idx ON notice (sent_at) WHERE state = 'SENT' AND reminded_at IS NULL;
CREATE INDEX notice_to_miss_idx ON notice (sent_at) WHERE state = 'SENT' AND deadline_missed_at IS NULL;

CREATE TABLE notice_url (
    notice_id     BIGINT      NOT NULL REFERENCES notice (id),
    url_id        BIGINT      NOT NULL,
    url           TEXT        NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL,
    removed_at    TIMESTAMPTZ,
    last_online_at TIMESTAMPTZ,
    closed_at     TIMESTAMPTZ,
    closed_reason TEXT,
    PRIMARY KEY (notice_id, url_id)
);
CREATE INDEX notice_url_url_idx ON notice_url (url_id);

CREATE TABLE notice_outbox (
    id              BIGSERIAL   PRIMARY KEY,
    notice_id       BIGINT      NOT NULL REFERENCES notice (id),
    kind            TEXT        NOT NULL CHECK (kind IN ('NOTICE', 'REMINDER')),
    message_id      TEXT        NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    leased_until    TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX notice_outbox_due_idx ON notice_outbox (next_attempt_at) WHERE sent_at IS NULL;
