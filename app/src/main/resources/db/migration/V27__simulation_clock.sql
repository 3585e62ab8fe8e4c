-- A live run (the demo) keeps how far its simulated time got, so a restart continues from there instead of going
-- back to the real time; null until its first start has finished (then the first days are simulated ahead).
ALTER TABLE simulation_run ADD COLUMN simulated_at TIMESTAMPTZ;
