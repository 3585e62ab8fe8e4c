-- Enforcement starts from breaches of the 24-hour norm, not from a 48-hour deadline the law does not know. The
-- authority keeps its own record of each breach as notices reports it, with the checks that prove it. A candidate is
-- now a provider flagged by the watch list (structural non-compliance over a rolling window), with the reasons of the
-- flag; older candidates (one per missed notice deadline) keep their notice.
CREATE TABLE enforcement_breach (
    notice_id      BIGINT      NOT NULL,
    url_id         BIGINT      NOT NULL,
    url            TEXT        NOT NULL,
    company_id     BIGINT,
    company        TEXT        NOT NULL,
    sent_at        TIMESTAMPTZ NOT NULL,
    breached_at    TIMESTAMPTZ NOT NULL,
    checks         INT         NOT NULL,
    last_online_at TIMESTAMPTZ,
    last_result    TEXT,
    PRIMARY KEY (notice_id, url_id)
);
CREATE INDEX enforcement_breach_company_idx ON enforcement_breach (company_id, sent_at);

ALTER TABLE enforcement_candidate ALTER COLUMN notice_id DROP NOT NULL;
ALTER TABLE enforcement_candidate ALTER COLUMN sent_at DROP NOT NULL;
ALTER TABLE enforcement_candidate RENAME COLUMN missed_at TO flagged_at;
ALTER TABLE enforcement_candidate ADD COLUMN flags TEXT NOT NULL DEFAULT '';
UPDATE enforcement_candidate SET flags = 'deadline of notice ' || notice_id || ' missed (48 hours, before the norm)';
CREATE INDEX enforcement_candidate_company_idx ON enforcement_candidate (company_id, flagged_at);
