-- A list is pulled by other instances only when its curators share it: exchange keys see nothing else.
ALTER TABLE hash_bank ADD COLUMN shared BOOLEAN NOT NULL DEFAULT FALSE;
