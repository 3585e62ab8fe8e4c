-- A URL's reports by the URL: the published view intake_reported_url (sources, four eyes) looks them up per URL, which
-- without this index read the whole of report_url for every assessment.
CREATE INDEX report_url_url_idx ON report_url (url_id);
