-- A scenario running live (the demo): when its simulated time began in this database, so a restart continues it.
CREATE TABLE simulation_run (
    scenario TEXT        PRIMARY KEY,
    origin   TIMESTAMPTZ NOT NULL
);
