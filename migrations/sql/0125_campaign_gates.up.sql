-- A row per open campaign, which submissions pass through and the close
-- deletes. On a Galera cluster a row lock (the submission's shared lock on
-- its campaign) holds only on its own node, and certification does not set
-- a child's foreign-key reference against an UPDATE of its parent: a
-- submission that read its campaign open through one node could commit
-- after the campaign was closed through another (the cluster test caught
-- it). Against a DELETE of the parent it does: a submission inserts (and
-- removes again) a pass referencing its campaign's gate, so a close that
-- deletes the gate first makes that submission fail certification and run
-- again, finding the campaign closed.
CREATE TABLE campaign_gates (
  campaign_id {{.BigInt}} NOT NULL PRIMARY KEY,
  FOREIGN KEY (campaign_id) REFERENCES campaigns (id)
) {{.Table}};
-- Always empty once committed: each pass lives inside one submission.
CREATE TABLE campaign_gate_passes (
  id {{.ID}},
  campaign_id {{.BigInt}} NOT NULL,
  FOREIGN KEY (campaign_id) REFERENCES campaign_gates (campaign_id)
) {{.Table}};
-- A close under way, announced before the close locks anything, so that
-- submissions stop coming first (survey/gate.go says why).
CREATE TABLE campaign_closings (
  campaign_id {{.BigInt}} NOT NULL PRIMARY KEY
) {{.Table}};
INSERT INTO campaign_gates (campaign_id) SELECT id FROM campaigns WHERE status = 'open';
