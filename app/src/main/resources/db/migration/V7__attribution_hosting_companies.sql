-- The registry of hosting companies: who they are, how to reach their abuse desk, and which networks are theirs.
CREATE TABLE hosting_company (
    id                  BIGSERIAL     PRIMARY KEY,
    name                TEXT          NOT NULL UNIQUE,
    country             CHAR(2)       NOT NULL,
    abuse_email         TEXT          NOT NULL,
    notice_channel      TEXT          NOT NULL DEFAULT 'EMAIL' CHECK (notice_channel IN ('EMAIL', 'XARF', 'API', 'PORTAL')),
    ntd_signatory       BOOLEAN       NOT NULL DEFAULT FALSE,
    annual_turnover_eur NUMERIC(18, 2),
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL
);

-- An AS belongs to at most one company.
CREATE TABLE hosting_company_asn (
    asn        BIGINT PRIMARY KEY,
    company_id BIGINT NOT NULL REFERENCES hosting_company (id)
);

-- IP ranges of a company (resellers, sub-allocations): more specific than its ASNs.
CREATE TABLE hosting_company_range (
    id         BIGSERIAL PRIMARY KEY,
    company_id BIGINT    NOT NULL REFERENCES hosting_company (id),
    first_ip   INET      NOT NULL,
    last_ip    INET      NOT NULL,
    note       TEXT
);

-- Domains whose IP says nothing of the real hoster (a CDN in front): mapped by hand. Most specific of all.
CREATE TABLE attribution_override (
    domain     TEXT        PRIMARY KEY,
    company_id BIGINT      NOT NULL REFERENCES hosting_company (id),
    note       TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
