-- The authority's register of addressees: a provider of a hosting service or of a communication service (the
-- platform on which material is shared, the hoster, or a provider upstream), each a company of the registry with its
-- address for service. An order, penalty payment or fine names the registered provider it is addressed to; every one
-- of them is delivered and verified the same way.
CREATE TABLE enforcement_addressee (
    company_id      BIGINT      PRIMARY KEY,
    service_kind    TEXT        NOT NULL CHECK (service_kind IN ('HOSTING', 'COMMUNICATION')),
    service_address TEXT        NOT NULL,
    updated_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
ALTER TABLE enforcement_decision ADD COLUMN addressee_id BIGINT;
ALTER TABLE enforcement_decision DROP CONSTRAINT enforcement_decision_addressee_kind_check;
ALTER TABLE enforcement_decision ADD CONSTRAINT enforcement_decision_addressee_kind_check
    CHECK (addressee_kind IN ('HOSTER', 'PLATFORM', 'UPSTREAM'));
UPDATE enforcement_decision d SET addressee_id = c.company_id
    FROM enforcement_case c WHERE c.id = d.case_id AND d.addressee_kind = 'HOSTER';
