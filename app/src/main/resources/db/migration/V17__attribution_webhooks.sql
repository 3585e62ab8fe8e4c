-- Notices by webhook: a company may receive its notices as an HTTP POST of the X-ARF documents, signed with an
-- HMAC-SHA256 key that the hotline generates and shows to the company (kept in clear: signing needs it).
ALTER TABLE hosting_company DROP CONSTRAINT hosting_company_notice_channel_check;
ALTER TABLE hosting_company ADD CONSTRAINT hosting_company_notice_channel_check
    CHECK (notice_channel IN ('EMAIL', 'XARF', 'WEBHOOK', 'API', 'PORTAL'));
ALTER TABLE hosting_company ADD COLUMN webhook_url TEXT;
ALTER TABLE hosting_company ADD COLUMN webhook_secret TEXT;
