-- Online checks of notified URLs: one row per watched URL with its schedule and the state of the removal rule, and
-- every check kept (result, HTTP status, detail; never content).
CREATE TABLE probe_target (
    url_id             BIGINT      PRIMARY KEY,
    url                TEXT        NOT NULL,
    notice_id          BIGINT,
    notified_at        TIMESTAMPTZ NOT NULL,
    fingerprint_sha256 BYTEA,
    fingerprint_pdq    BYTEA,
    state              TEXT        NOT NULL DEFAULT 'WATCHING' CHECK (state IN ('WATCHING', 'REMOVED', 'EXPIRED')),
    next_check_at      TIMESTAMPTZ NOT NULL,
    leased_until       TIMESTAMPTZ,
    checks             INT         NOT NULL DEFAULT 0,
    streak             INT         NOT NULL DEFAULT 0,
    first_conclusive_at TIMESTAMPTZ,
    last_result        TEXT,
    last_checked_at    TIMESTAMPTZ,
    last_online_at     TIMESTAMPTZ,
    removed_at         TIMESTAMPTZ
);
CREATE INDEX probe_target_due_idx ON probe_target (next_check_at) WHERE state = 'WATCHING';

CREATE TABLE probe_check (
    id          BIGSERIAL   PRIMARY KEY,
    url_id      BIGINT      NOT NULL,
    checked_at  TIMESTAMPTZ NOT NULL,
    result      TEXT        NOT NULL CHECK (result IN ('ONLINE', 'REPLACED', 'OFFLINE', 'INCONCLUSIVE')),
    http_status INT,
    detail      TEXT
);
CREATE INDEX probe_check_url_idx ON probe_check (url_id, checked_at);
