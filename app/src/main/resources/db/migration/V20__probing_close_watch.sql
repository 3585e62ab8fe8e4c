-- An enforcement order's deadline: its URLs are checked at the short interval until the deadline (and once at it),
-- whatever phase of their schedule they are in, so compliance is measured to the check interval.
ALTER TABLE probe_target ADD COLUMN close_watch_until TIMESTAMPTZ;
