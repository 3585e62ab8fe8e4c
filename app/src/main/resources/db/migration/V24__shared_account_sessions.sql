-- Each account's sessions belong to a generation; disabling the account, changing its password or its role starts a
-- new one, which ends every session signed in under the old generation on every instance.
ALTER TABLE app_user ADD COLUMN session_generation integer NOT NULL DEFAULT 0;
