-- Other modules' messages to hosting companies (the authority's orders) go through the same outbox: written in the
-- transaction that decides to send them, delivered at least once with a stable Message-ID, reported when sent.
ALTER TABLE notice_outbox ALTER COLUMN notice_id DROP NOT NULL;
ALTER TABLE notice_outbox DROP CONSTRAINT notice_outbox_kind_check;
ALTER TABLE notice_outbox ADD CONSTRAINT notice_outbox_kind_check CHECK (kind IN ('NOTICE', 'REMINDER', 'MESSAGE'));
ALTER TABLE notice_outbox ADD COLUMN recipient TEXT;
ALTER TABLE notice_outbox ADD COLUMN subject TEXT;
ALTER TABLE notice_outbox ADD COLUMN body TEXT;
ALTER TABLE notice_outbox ADD COLUMN attachment BYTEA;
ALTER TABLE notice_outbox ADD COLUMN attachment_name TEXT;
ALTER TABLE notice_outbox ADD COLUMN reference TEXT;
