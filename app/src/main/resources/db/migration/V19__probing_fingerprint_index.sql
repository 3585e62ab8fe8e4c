-- Re-uploads: known content (the same SHA-256) reappearing at a new URL is found through the fingerprint.
CREATE INDEX probe_target_fingerprint_idx ON probe_target (fingerprint_sha256) WHERE fingerprint_sha256 IS NOT NULL;
