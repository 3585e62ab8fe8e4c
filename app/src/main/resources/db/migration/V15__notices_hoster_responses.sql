-- What hosting companies answer about notified URLs (in the portal or by API): removed, disputed, not their
-- customer. Each answer goes to the hotline for review; nothing changes on the hoster's word alone.
CREATE TABLE hoster_response (
    id           BIGSERIAL   PRIMARY KEY,
    notice_id    BIGINT      NOT NULL REFERENCES notice (id),
    url_id       BIGINT      NOT NULL,
    company_id   BIGINT      NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('REMOVED', 'DISPUTE', 'NOT_OUR_CUSTOMER')),
    reason       TEXT,
    responded_at TIMESTAMPTZ NOT NULL,
    responded_by TEXT        NOT NULL,
    reviewed_at  TIMESTAMPTZ,
    reviewed_by  TEXT
);
CREATE INDEX hoster_response_open_idx ON hoster_response (reviewed_at, responded_at);
