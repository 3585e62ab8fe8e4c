-- Four eyes on every decision and on every change of a signed decision's state.
-- Who last changed a draft: they may not sign it, just as its drafter may not.
ALTER TABLE enforcement_decision ADD COLUMN edited_by TEXT;

-- A change of a signed decision (withdrawal, ending or collecting a penalty payment) asked for by one person and
-- waiting for a second, who did not ask for it, draft the decision or last edit it.
CREATE TABLE enforcement_change_request (
    decision_id   BIGINT      NOT NULL REFERENCES enforcement_decision (id),
    kind          TEXT        NOT NULL CHECK (kind IN ('WITHDRAW', 'END_PENALTY', 'COLLECT')),
    reason        TEXT        NOT NULL,
    requested_by  TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (decision_id, kind)
);
