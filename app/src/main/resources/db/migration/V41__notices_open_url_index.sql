-- The URLs of notices still open (neither removed nor closed), by notice: the notice job asks every few seconds which
-- sent notices have none left (to close them) or some (to remind), which without this index read all of notice_url,
-- every notice ever sent, each time.
CREATE INDEX notice_url_open_idx ON notice_url (notice_id) WHERE removed_at IS NULL AND closed_at IS NULL;
