-- Every attribution of a reported URL, kept: a URL that moves to another company or country shows in its history.
CREATE TABLE url_attribution (
    id              BIGSERIAL   PRIMARY KEY,
    url_id          BIGINT      NOT NULL,
    host            TEXT        NOT NULL,
    checked_at      TIMESTAMPTZ NOT NULL,
    ip              INET        NOT NULL,
    ip_range        TEXT,
    asn             BIGINT,
    asn_org         TEXT,
    network_country CHAR(2),
    company_id      BIGINT      REFERENCES hosting_company (id),
    matched_by      TEXT,
    hosted_in       CHAR(2)
);
CREATE INDEX url_attribution_url_idx ON url_attribution (url_id, checked_at);

-- URLs whose host did not resolve: tried again with growing pauses; shown as unresolved meanwhile.
CREATE TABLE url_attribution_pending (
    url_id          BIGINT      PRIMARY KEY,
    host            TEXT        NOT NULL,
    attempts        INT         NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT        NOT NULL
);
