-- The authority registers URLs it received or found itself (from the police, other authorities, its own search)
-- through the same intake, so that they get an id, the same attribution and the same checks. Such reports come by
-- their own channel from their own source, and never reach the hotline's triage.
ALTER TABLE report DROP CONSTRAINT report_channel_check;
ALTER TABLE report ADD CONSTRAINT report_channel_check
    CHECK (channel IN ('form', 'api', 'bulk', 'mailbox', 'authority'));
INSERT INTO intake_source (name, description) VALUES
    ('authority', 'The authority''s own reports (police, other authorities, its own search); not for the hotline')
    ON CONFLICT (name) DO NOTHING;
