-- Staff and hoster accounts (form login) and API keys (machine clients).
CREATE TABLE app_user (
    id                 BIGSERIAL    PRIMARY KEY,
    username           TEXT         NOT NULL UNIQUE,
    password_hash      TEXT         NOT NULL,
    role               TEXT         NOT NULL CHECK (role IN ('ANALYST', 'SUPERVISOR', 'OFFICER', 'HOSTER', 'ADMIN')),
    -- A HOSTER acts for exactly one hosting company (owned by the attribution module; referenced by id only).
    hosting_company_id BIGINT,
    enabled            BOOLEAN      NOT NULL DEFAULT TRUE,
    demo               BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT app_user_hoster_has_company CHECK ((role = 'HOSTER') = (hosting_company_id IS NOT NULL))
);

CREATE TABLE api_key (
    id                 BIGSERIAL    PRIMARY KEY,
    name               TEXT         NOT NULL,
    prefix             TEXT         NOT NULL UNIQUE,
    -- SHA-256 of the whole token; the token itself is shown once and never stored.
    token_hash         CHAR(64)     NOT NULL,
    scopes             TEXT[]       NOT NULL,
    hosting_company_id BIGINT,
    rate_per_minute    INT          NOT NULL CHECK (rate_per_minute > 0),
    created_at         TIMESTAMPTZ  NOT NULL,
    created_by         TEXT         NOT NULL,
    revoked_at         TIMESTAMPTZ,
    revoked_by         TEXT,
    last_used_at       TIMESTAMPTZ
);
