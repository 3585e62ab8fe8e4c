-- A supervisor may let the matches of a trusted hash list confirm themselves: a reported URL whose content matches it
-- is assessed BASELINE without waiting for an analyst (four eyes still apply where a source asks for them).
ALTER TABLE hash_bank ADD COLUMN auto_confirm BOOLEAN NOT NULL DEFAULT FALSE;
