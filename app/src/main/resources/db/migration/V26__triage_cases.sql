-- The triage workbench becomes its own module, downstream of what it shows: its record of each reported URL (the
-- assessment, and the facts attribution and the first look found, fed by their events) moves out of intake's
-- reported_url into triage_case. Intake publishes what others may read of its reports as two views.
CREATE TABLE triage_case (
    url_id              BIGINT      PRIMARY KEY,
    first_reported_at   TIMESTAMPTZ NOT NULL,
    triage              TEXT        NOT NULL DEFAULT 'QUEUED'
        CHECK (triage IN ('QUEUED', 'AWAITING_CONFIRMATION', 'ASSESSED')),
    claimed_by          TEXT,
    claimed_at          TIMESTAMPTZ,
    assessment          TEXT CHECK (assessment IN ('BASELINE', 'NATIONAL', 'NOT_ILLEGAL', 'NEEDS_POLICE')),
    assessment_reason   TEXT,
    site_type           TEXT,
    assessed_by         TEXT,
    assessed_at         TIMESTAMPTZ,
    confirmed_by        TEXT,
    confirmed_at        TIMESTAMPTZ,
    hosting_company     TEXT,
    hosted_in           CHAR(2),
    hosting_ips         TEXT,
    hosting_problem     TEXT,
    attributed_at       TIMESTAMPTZ,
    content_checked_at  TIMESTAMPTZ,
    content_summary     TEXT,
    content_problem     TEXT,
    proposed_assessment TEXT CHECK (proposed_assessment IN ('BASELINE')),
    proposal            TEXT
);

INSERT INTO triage_case (url_id, first_reported_at, triage, claimed_by, claimed_at, assessment, assessment_reason,
                         site_type, assessed_by, assessed_at, confirmed_by, confirmed_at, hosting_company, hosted_in,
                         hosting_ips, hosting_problem, attributed_at, content_checked_at, content_summary,
                         content_problem, proposed_assessment, proposal)
SELECT id, first_reported_at, triage, claimed_by, claimed_at, assessment, assessment_reason, site_type, assessed_by,
       assessed_at, confirmed_by, confirmed_at, hosting_company, hosted_in, hosting_ips, hosting_problem, attributed_at,
       content_checked_at, content_summary, content_problem, proposed_assessment, proposal
FROM reported_url;

CREATE INDEX triage_case_queue_idx ON triage_case (triage, first_reported_at);
CREATE INDEX triage_case_hosting_idx ON triage_case (hosted_in, hosting_company);

DROP INDEX IF EXISTS reported_url_queue_idx;
DROP INDEX IF EXISTS reported_url_hosting_idx;
ALTER TABLE reported_url
    DROP COLUMN triage, DROP COLUMN claimed_by, DROP COLUMN claimed_at, DROP COLUMN assessment,
    DROP COLUMN assessment_reason, DROP COLUMN site_type, DROP COLUMN assessed_by, DROP COLUMN assessed_at,
    DROP COLUMN confirmed_by, DROP COLUMN confirmed_at, DROP COLUMN hosting_company, DROP COLUMN hosted_in,
    DROP COLUMN hosting_ips, DROP COLUMN hosting_problem, DROP COLUMN attributed_at, DROP COLUMN content_checked_at,
    DROP COLUMN content_summary, DROP COLUMN content_problem, DROP COLUMN proposed_assessment, DROP COLUMN proposal;

-- Intake's published reading of a reported URL: its identity, its reports' sources, and whether one of those sources
-- asks for four eyes. Other modules read this view, never intake's tables.
CREATE VIEW intake_reported_url AS
SELECT u.id AS url_id, u.normalized, u.host, u.host_unicode, u.first_reported_at, u.report_count,
       ARRAY(SELECT DISTINCT r.source FROM report_url ru JOIN report r ON r.id = ru.report_id
             WHERE ru.url_id = u.id ORDER BY r.source) AS sources,
       EXISTS (SELECT 1 FROM report_url ru JOIN report r ON r.id = ru.report_id
               JOIN intake_source s ON s.name = r.source WHERE ru.url_id = u.id AND s.four_eyes) AS four_eyes
FROM reported_url u;

-- The notes that came with a URL's reports (text for a person to read, never markup).
CREATE VIEW intake_report_note AS
SELECT ru.url_id, r.source, r.note, r.received_at
FROM report r JOIN report_url ru ON ru.report_id = r.id
WHERE r.note IS NOT NULL;
