-- Penalty payment and fine decisions are delivered to the addressee like orders (with recorded proof); a penalty
-- payment forfeits only from a stated term after its delivery. Publication is itself decided per sanction decision
-- (penalty payment, fine): by default yes, after the delay; when not, with reasons. A court's suspension stops or
-- removes a publication; an annulled decision leaves the register. Orders are never published as sanctions. A fine
-- records where its turnover figure came from: the registry, or the officer's estimate with its source.
ALTER TABLE enforcement_decision ADD COLUMN term_hours INT;
ALTER TABLE enforcement_decision ADD COLUMN publish BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE enforcement_decision ADD COLUMN publish_reasons TEXT;
ALTER TABLE enforcement_decision ADD COLUMN publication_decided_by TEXT;
ALTER TABLE enforcement_decision ADD COLUMN suspended_at TIMESTAMPTZ;
ALTER TABLE enforcement_decision ADD COLUMN suspension TEXT;
ALTER TABLE enforcement_decision ADD COLUMN annulled_at TIMESTAMPTZ;
ALTER TABLE enforcement_decision ADD COLUMN annulment TEXT;
ALTER TABLE enforcement_decision ADD COLUMN turnover_source TEXT;
UPDATE enforcement_decision SET publish = FALSE WHERE kind = 'ORDER';
UPDATE enforcement_decision SET turnover_source = 'registry' WHERE kind = 'FINE';
-- penalty payments signed before this change counted from the order's deadline: their term is 0 and their delivery
-- is taken to be their signature
UPDATE enforcement_decision SET term_hours = 0, delivered_at = signed_at, channel = 'PORTAL',
    delivery_proof = 'delivered before delivery of penalty payments was recorded'
    WHERE kind = 'PENALTY' AND signed_at IS NOT NULL;
UPDATE enforcement_decision SET term_hours = 0 WHERE kind = 'PENALTY' AND term_hours IS NULL;
