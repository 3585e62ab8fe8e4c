-- What the workbench shows of a reported URL besides its reports, recorded by the modules that find it out: where it
-- is hosted (attribution) and what a first look at its content found (hash matches, a text summary), so that analysts
-- decide without seeing the imagery.
ALTER TABLE reported_url
    ADD COLUMN hosting_company     TEXT,
    ADD COLUMN hosted_in           CHAR(2),
    ADD COLUMN hosting_ips         TEXT,
    ADD COLUMN hosting_problem     TEXT,
    ADD COLUMN attributed_at       TIMESTAMPTZ,
    ADD COLUMN content_checked_at  TIMESTAMPTZ,
    ADD COLUMN content_summary     TEXT,
    ADD COLUMN content_problem     TEXT,
    ADD COLUMN proposed_assessment TEXT CHECK (proposed_assessment IN ('BASELINE')),
    ADD COLUMN proposal            TEXT;

CREATE INDEX reported_url_hosting_idx ON reported_url (hosted_in, hosting_company);
