-- For a video found at a notified URL: its vPDQ frames (compact binary form), so a re-encoded copy of the same video
-- still counts as online and other content as replaced, as PDQ does for pictures.
ALTER TABLE probe_target ADD COLUMN fingerprint_vpdq BYTEA;
