-- A key with scope 'report' reports for named sources only (e.g. police): a partner's key cannot claim to be another
-- source. Keys issued before get the partner sources they could plausibly be; the public form and the mailbox are
-- channels of their own and never an API key's.
ALTER TABLE api_key ADD COLUMN report_sources TEXT[] NOT NULL DEFAULT '{}';
UPDATE api_key SET report_sources = ARRAY['police', 'foreign-hotline', 'trusted-flagger']
 WHERE 'report' = ANY (scopes);
