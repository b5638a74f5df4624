-- Rectification (整改): the tasks the committee opens for units after a
-- publication, their proposals, every step taken on them, and the files
-- attached as evidence. Campaigns and units are named by code, as on the
-- public pages, so a task outlives a renumbered row.
--
-- rectification_tasks: one problem of one unit. open_key is a digest of
-- (campaign, unit, problem) while the task is not closed and NULL once it
-- is, so the unique index refuses a second open task for the same problem
-- across every process. The deadline is kept as asked (deadline_days
-- working days from opened_at, or deadline_date, a China-time date) and
-- turned into a moment with the calendar when read, so a notice loaded
-- later corrects a provisional deadline.
CREATE TABLE rectification_tasks (
  id {{.ID}},
  campaign_code VARCHAR(64) NOT NULL,
  version {{.Int}} NOT NULL,
  unit_code VARCHAR(64) NOT NULL,
  problem {{.Text}} NOT NULL,
  source_kind VARCHAR(16) NOT NULL,
  source_indicator VARCHAR(64) NOT NULL,
  source_text {{.Text}} NOT NULL,
  source_case VARCHAR(64) NOT NULL,
  measures {{.Text}} NOT NULL,
  deadline_days {{.Int}} NULL,
  deadline_date CHAR(10) NULL,
  status VARCHAR(16) NOT NULL,
  open_key CHAR(64) NULL,
  opened_at {{.Time}} NOT NULL,
  opened_by VARCHAR(64) NOT NULL,
  closed_at {{.Time}} NULL,
  closed_by VARCHAR(64) NULL,
  followup_asked_at {{.Time}} NULL,
  followup_answer VARCHAR(16) NULL,
  followup_answered_at {{.Time}} NULL
) {{.Table}};
CREATE UNIQUE INDEX rectification_tasks_open ON rectification_tasks (open_key);
CREATE INDEX rectification_tasks_campaign ON rectification_tasks (campaign_code, unit_code);
CREATE INDEX rectification_tasks_case ON rectification_tasks (source_case);
-- rectification_steps: everything that happened to a task, in order:
-- opened, progress, evidence, close_requested, returned, closed,
-- followup_asked, followup_answered. status is the task's status after the
-- step, so the status as of any moment is the last step's before it.
CREATE TABLE rectification_steps (
  id {{.ID}},
  task_id {{.BigInt}} NOT NULL,
  at {{.Time}} NOT NULL,
  actor VARCHAR(64) NOT NULL,
  kind VARCHAR(24) NOT NULL,
  status VARCHAR(16) NOT NULL,
  text {{.Text}} NOT NULL,
  FOREIGN KEY (task_id) REFERENCES rectification_tasks (id)
) {{.Table}};
CREATE INDEX rectification_steps_task ON rectification_steps (task_id, at);
-- rectification_files: a PDF or an image attached to an evidence step,
-- its type decided from its content. It is only ever served as a download
-- with that type, never run or rendered inline.
CREATE TABLE rectification_files (
  id {{.ID}},
  step_id {{.BigInt}} NOT NULL,
  task_id {{.BigInt}} NOT NULL,
  name VARCHAR(255) NOT NULL,
  media_type VARCHAR(64) NOT NULL,
  size {{.BigInt}} NOT NULL,
  sha256 CHAR(64) NOT NULL,
  content {{.Blob}} NOT NULL,
  FOREIGN KEY (step_id) REFERENCES rectification_steps (id),
  FOREIGN KEY (task_id) REFERENCES rectification_tasks (id)
) {{.Table}};
CREATE INDEX rectification_files_task ON rectification_files (task_id);
-- rectification_proposals: what the console proposed from a publication,
-- until a committee member confirms it (task_id) or drops it (reason).
CREATE TABLE rectification_proposals (
  id {{.ID}},
  campaign_code VARCHAR(64) NOT NULL,
  version {{.Int}} NOT NULL,
  unit_code VARCHAR(64) NOT NULL,
  problem {{.Text}} NOT NULL,
  source_kind VARCHAR(16) NOT NULL,
  source_indicator VARCHAR(64) NOT NULL,
  source_text {{.Text}} NOT NULL,
  source_case VARCHAR(64) NOT NULL,
  proposal_key CHAR(64) NOT NULL,
  state VARCHAR(16) NOT NULL,
  created_at {{.Time}} NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  decided_at {{.Time}} NULL,
  decided_by VARCHAR(64) NULL,
  drop_reason {{.Text}} NULL,
  task_id {{.BigInt}} NULL,
  FOREIGN KEY (task_id) REFERENCES rectification_tasks (id)
) {{.Table}};
CREATE UNIQUE INDEX rectification_proposals_key ON rectification_proposals (proposal_key);
CREATE INDEX rectification_proposals_campaign ON rectification_proposals (campaign_code, version);
