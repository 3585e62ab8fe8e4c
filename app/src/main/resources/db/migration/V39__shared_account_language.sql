-- The language a person chose for the pages (null: none chosen; the browser's preference then decides).
ALTER TABLE app_user ADD COLUMN language TEXT CHECK (language IN ('nl', 'en'));
