-- vPDQ entries: the frames of a video in a compact binary form (41 bytes a frame), so a value can be far longer
-- than a B-tree index entry may be. Uniqueness and lookups by value go through the value's SHA-256 instead.
ALTER TABLE hash_entry DROP CONSTRAINT hash_entry_type_check;
ALTER TABLE hash_entry ADD CONSTRAINT hash_entry_type_check
    CHECK (type IN ('md5', 'sha1', 'sha256', 'pdq', 'vpdq'));
ALTER TABLE hash_entry DROP CONSTRAINT hash_entry_once;
CREATE UNIQUE INDEX hash_entry_once ON hash_entry (bank_id, type, sha256(value));
DROP INDEX hash_entry_value_idx;
CREATE INDEX hash_entry_value_idx ON hash_entry (type, sha256(value));

-- Per list, when a video matches (Meta's defaults): the share of the checked video's frames that must match a listed
-- video's frames, and the share of the listed video's frames that must be matched, in per cent.
ALTER TABLE hash_bank
    ADD COLUMN vpdq_query_percent    REAL NOT NULL DEFAULT 80 CHECK (vpdq_query_percent BETWEEN 0 AND 100),
    ADD COLUMN vpdq_compared_percent REAL NOT NULL DEFAULT 0 CHECK (vpdq_compared_percent BETWEEN 0 AND 100);
