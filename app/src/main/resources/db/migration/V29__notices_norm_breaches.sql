-- The sector's norm is removal within 24 hours of the notice; the law knows no 48-hour deadline. A URL still online
-- when the norm has passed is a breach, recorded per URL with what the checks found until then. Reminders go out
-- again every 24 hours while URLs stay online (the count numbers their Message-IDs). Notices that missed the old
-- 48-hour deadline keep that moment as their breach.
ALTER TABLE notice RENAME COLUMN deadline_missed_at TO norm_breached_at;
ALTER TABLE notice ADD COLUMN reminders INT NOT NULL DEFAULT 0;
UPDATE notice SET reminders = 1 WHERE reminded_at IS NOT NULL;
DROP INDEX notice_to_remind_idx;
DROP INDEX notice_to_miss_idx;
CREATE INDEX notice_to_remind_idx ON notice ((COALESCE(reminded_at, sent_at))) WHERE state = 'SENT';
CREATE INDEX notice_to_breach_idx ON notice (sent_at) WHERE state = 'SENT' AND norm_breached_at IS NULL;

CREATE TABLE notice_breach (
    notice_id      BIGINT      NOT NULL REFERENCES notice (id),
    url_id         BIGINT      NOT NULL,
    url            TEXT        NOT NULL,
    company_id     BIGINT,
    sent_at        TIMESTAMPTZ NOT NULL,
    breached_at    TIMESTAMPTZ NOT NULL,
    -- the proof: how many checks ran since the notice, the last that found the URL online, the last result
    checks         INT         NOT NULL,
    last_online_at TIMESTAMPTZ,
    last_result    TEXT,
    PRIMARY KEY (notice_id, url_id)
);
CREATE INDEX notice_breach_company_idx ON notice_breach (company_id, breached_at);
