-- Every stage a case went through, in order: what /q shows and what the
-- ledger console lists as the case's history. The audit log records the
-- same changes for accountability; this table is the case's own story.
-- note holds the reason or the reply text, never a contact.
CREATE TABLE appeal_events (
  id {{.ID}},
  case_id {{.BigInt}} NOT NULL,
  at {{.Time}} NOT NULL,
  stage VARCHAR(16) NOT NULL,
  actor VARCHAR(64) NOT NULL,
  unit VARCHAR(64) NULL,
  value VARCHAR(40) NULL,
  note {{.Text}} NULL,
  FOREIGN KEY (case_id) REFERENCES appeal_cases (id)
) {{.Table}};
CREATE INDEX appeal_events_case ON appeal_events (case_id, at);
