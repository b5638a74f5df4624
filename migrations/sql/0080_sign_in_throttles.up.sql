-- Sign-in throttling, shared by every serve process: one row per login
-- tried (known or not, by its digest) and per address (by its keyed hash).
-- failures counts wrong passwords in the window that began at
-- window_started_at; past a limit the subject is locked until locked_until,
-- for longer each time (locks counts the lock-outs of the last day).
-- Replaces users.failed_logins and users.locked_until, which stay unused.
CREATE TABLE sign_in_throttles (
  subject VARCHAR(80) NOT NULL PRIMARY KEY,
  failures {{.Int}} NOT NULL DEFAULT 0,
  locks {{.Int}} NOT NULL DEFAULT 0,
  window_started_at {{.Time}} NOT NULL,
  locked_until {{.Time}} NULL
) {{.Table}};
CREATE INDEX sign_in_throttles_window ON sign_in_throttles (window_started_at);
