-- The audit log: append-only, each entry chained to the previous one by its hash.
CREATE TABLE audit_log (
    id          BIGINT       PRIMARY KEY,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor       TEXT         NOT NULL,
    action      TEXT         NOT NULL,
    subject     TEXT         NOT NULL,
    details     JSONB        NOT NULL,
    prev_hash   CHAR(64)     NOT NULL,
    hash        CHAR(64)     NOT NULL UNIQUE
);

CREATE INDEX audit_log_subject_idx ON audit_log (subject);
CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at);

-- Append-only: the application never updates or deletes an entry, and the database refuses it too.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
