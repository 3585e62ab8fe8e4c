-- Triage of reported URLs: an analyst claims a URL, assesses it; where a source asks for four eyes, a supervisor
-- (another person) confirms before anything leaves the hotline.
ALTER TABLE reported_url
    ADD COLUMN triage            TEXT NOT NULL DEFAULT 'QUEUED'
        CHECK (triage IN ('QUEUED', 'AWAITING_CONFIRMATION', 'ASSESSED')),
    ADD COLUMN claimed_by        TEXT,
    ADD COLUMN claimed_at        TIMESTAMPTZ,
    ADD COLUMN assessment        TEXT CHECK (assessment IN ('BASELINE', 'NATIONAL', 'NOT_ILLEGAL', 'NEEDS_POLICE')),
    ADD COLUMN assessment_reason TEXT,
    ADD COLUMN site_type         TEXT,
    ADD COLUMN assessed_by       TEXT,
    ADD COLUMN assessed_at       TIMESTAMPTZ,
    ADD COLUMN confirmed_by      TEXT,
    ADD COLUMN confirmed_at      TIMESTAMPTZ;

CREATE INDEX reported_url_queue_idx ON reported_url (triage, first_reported_at);
