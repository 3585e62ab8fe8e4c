-- Administrative enforcement by the authority: candidates from missed deadlines, cases per hosting company, and the
-- decisions in a case (orders, penalty payments, fines) with four-eyes sign-off, their documents, objection and
-- appeal, and publication. Decisions are never edited after sign-off: a change is a new version that supersedes.
CREATE TABLE enforcement_candidate (
    id          BIGSERIAL   PRIMARY KEY,
    notice_id   BIGINT      NOT NULL UNIQUE,
    company_id  BIGINT,
    company     TEXT        NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    missed_at   TIMESTAMPTZ NOT NULL,
    url_ids     BIGINT[]    NOT NULL,
    state       TEXT        NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'ACCEPTED', 'DISMISSED')),
    reason      TEXT,
    decided_by  TEXT,
    decided_at  TIMESTAMPTZ,
    case_id     BIGINT
);
CREATE INDEX enforcement_candidate_open_idx ON enforcement_candidate (missed_at) WHERE state = 'OPEN';

CREATE TABLE enforcement_case (
    id         BIGSERIAL   PRIMARY KEY,
    company_id BIGINT      NOT NULL,
    company    TEXT        NOT NULL,
    reason     TEXT        NOT NULL,
    opened_at  TIMESTAMPTZ NOT NULL,
    opened_by  TEXT        NOT NULL,
    state      TEXT        NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CLOSED'))
);

CREATE TABLE enforcement_decision (
    id                  BIGSERIAL     PRIMARY KEY,
    case_id             BIGINT        NOT NULL REFERENCES enforcement_case (id),
    kind                TEXT          NOT NULL CHECK (kind IN ('ORDER', 'PENALTY', 'FINE')),
    version             INT           NOT NULL DEFAULT 1,
    supersedes          BIGINT        REFERENCES enforcement_decision (id),
    state               TEXT          NOT NULL CHECK (state IN ('DRAFT', 'SIGNED', 'SUPERSEDED')),
    addressee           TEXT          NOT NULL,
    addressee_kind      TEXT          NOT NULL CHECK (addressee_kind IN ('HOSTER', 'UPSTREAM')),
    legal_basis         TEXT          NOT NULL,
    reasons             TEXT          NOT NULL,
    -- an order: the deadline after delivery (at most 12 hours), how and when it was delivered, when checked
    deadline_hours      NUMERIC(5, 2),
    channel             TEXT,
    delivered_at        TIMESTAMPTZ,
    delivery_proof      TEXT,
    deadline_at         TIMESTAMPTZ,
    checked_at          TIMESTAMPTZ,
    -- a penalty payment: per URL per period of non-compliance with the order, up to a maximum
    order_id            BIGINT        REFERENCES enforcement_decision (id),
    amount_per_url      NUMERIC(14, 2),
    period_hours        INT,
    max_total           NUMERIC(14, 2),
    collected_at        TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ,
    -- a fine: the amount, the turnover it was checked against, the breaches it covers
    amount              NUMERIC(14, 2),
    turnover            NUMERIC(18, 2),
    breaches            TEXT,
    created_by          TEXT          NOT NULL,
    created_at          TIMESTAMPTZ   NOT NULL,
    signed_by           TEXT,
    signed_at           TIMESTAMPTZ,
    publish_after       TIMESTAMPTZ,
    withdrawn_at        TIMESTAMPTZ,
    withdrawn_reason    TEXT,
    objection_status    TEXT          NOT NULL DEFAULT 'NONE'
        CHECK (objection_status IN ('NONE', 'OBJECTION_FILED', 'OBJECTION_DECIDED', 'APPEAL', 'FINAL')),
    objection_outcome   TEXT,
    objection_updated_at TIMESTAMPTZ
);
CREATE INDEX enforcement_decision_case_idx ON enforcement_decision (case_id);
CREATE INDEX enforcement_decision_due_idx ON enforcement_decision (deadline_at)
    WHERE kind = 'ORDER' AND state = 'SIGNED' AND checked_at IS NULL AND deadline_at IS NOT NULL;

CREATE TABLE enforcement_order_url (
    decision_id BIGINT      NOT NULL REFERENCES enforcement_decision (id),
    url_id      BIGINT      NOT NULL,
    url         TEXT        NOT NULL,
    compliant   BOOLEAN,
    removed_at  TIMESTAMPTZ,
    checked_at  TIMESTAMPTZ,
    PRIMARY KEY (decision_id, url_id)
);

-- The documents of signed decisions, kept as issued: the database refuses to change or delete them.
CREATE TABLE enforcement_document (
    id          BIGSERIAL   PRIMARY KEY,
    decision_id BIGINT      NOT NULL REFERENCES enforcement_decision (id),
    format      TEXT        NOT NULL CHECK (format IN ('HTML', 'PDF')),
    content     BYTEA       NOT NULL,
    sha256      CHAR(64)    NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX enforcement_document_decision_idx ON enforcement_document (decision_id);

CREATE FUNCTION enforcement_document_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'decision documents are kept as issued: % refused', TG_OP;
END;
$$;
CREATE TRIGGER enforcement_document_immutable BEFORE UPDATE OR DELETE ON enforcement_document
    FOR EACH ROW EXECUTE FUNCTION enforcement_document_refuse_change();
