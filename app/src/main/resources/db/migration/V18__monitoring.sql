-- The hosting monitor's own record of every URL it measures, fed by the events of the chain (assessed, attributed,
-- notified, went offline): one row per URL, so a yearly report over a million URLs is a few aggregate queries.
CREATE TABLE monitor_url (
    url_id              BIGINT      PRIMARY KEY,
    url                 TEXT,
    host                TEXT        NOT NULL,
    ip                  TEXT,
    hosted_in           CHAR(2),
    company_id          BIGINT,
    company             TEXT,
    illegal             BOOLEAN     NOT NULL DEFAULT FALSE,
    assessed_at         TIMESTAMPTZ,
    notified_at         TIMESTAMPTZ,
    notice_id           BIGINT,
    notified_company_id BIGINT,
    notified_company    TEXT,
    notified_country    CHAR(2),
    removed_at          TIMESTAMPTZ,
    last_online_at      TIMESTAMPTZ,
    removed_how         TEXT,
    moved_abroad_at     TIMESTAMPTZ
);
CREATE INDEX monitor_url_notified_idx ON monitor_url (notified_at) WHERE notified_at IS NOT NULL;
CREATE INDEX monitor_url_assessed_idx ON monitor_url (assessed_at) WHERE illegal;

-- When the way of measuring changed (check interval, removal rule, norm): the trends mark these moments.
CREATE TABLE monitor_method_change (
    id          BIGSERIAL   PRIMARY KEY,
    changed_at  TIMESTAMPTZ NOT NULL,
    settings    TEXT        NOT NULL,
    description TEXT        NOT NULL
);
