-- After every migration, run by the schema's owner: the application's login (placeholder app_role; empty when the
-- application migrates as itself) may read and write every table, but only read and append to the audit log. It
-- owns nothing, so it can neither alter a table nor switch off a trigger.
DO $$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app <> '' AND app <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM %I', app);
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', app);
    END IF;
END
$$;
