-- Routing of assessed URLs. The notices module keeps its own view of each URL, fed by the events of intake
-- (assessment) and attribution (hosting), and from it one open route per URL: the notice queue for illegal content
-- hosted in the Netherlands, a referral queue per country for illegal content abroad, the police queue for what needs
-- the police. A route that no longer fits (re-assessed, moved) is closed, never deleted.
CREATE TABLE routed_url (
    url_id        BIGINT      PRIMARY KEY,
    url           TEXT,
    host          TEXT        NOT NULL,
    assessment    TEXT,
    reason        TEXT,
    assessed_at   TIMESTAMPTZ,
    company_id    BIGINT,
    company       TEXT,
    abuse_contact TEXT,
    hosted_in     CHAR(2),
    ips           TEXT,
    attributed_at TIMESTAMPTZ
);

-- A batch of referrals or police reports handed over: its contents stay fixed, so it can be downloaded again.
CREATE TABLE route_export (
    id         BIGSERIAL   PRIMARY KEY,
    queue      TEXT        NOT NULL,
    country    CHAR(2),
    created_at TIMESTAMPTZ NOT NULL,
    created_by TEXT        NOT NULL,
    urls       INT         NOT NULL
);

CREATE TABLE route (
    id            BIGSERIAL   PRIMARY KEY,
    url_id        BIGINT      NOT NULL REFERENCES routed_url (url_id),
    queue         TEXT        NOT NULL CHECK (queue IN ('NOTICE', 'REFERRAL', 'POLICE')),
    country       CHAR(2),
    company_id    BIGINT,
    company       TEXT,
    opened_at     TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ,
    closed_reason TEXT,
    export_id     BIGINT      REFERENCES route_export (id),
    notice_id     BIGINT
);

CREATE UNIQUE INDEX route_open_once ON route (url_id) WHERE closed_at IS NULL;
CREATE INDEX route_open_queue_idx ON route (queue, country) WHERE closed_at IS NULL;
CREATE INDEX route_export_idx ON route (export_id);
-- routes of the notice queue not yet put into a notice
CREATE INDEX route_to_notice_idx ON route (opened_at)
    WHERE queue = 'NOTICE' AND closed_at IS NULL AND notice_id IS NULL AND company_id IS NOT NULL;
