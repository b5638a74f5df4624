-- The appeals ledger (诉求台账). One row per case, with its milestones
-- (first reply, the extension, the latest two callbacks, the reviews).
--
-- The rates read none of those: each rate's numerator and denominator are
-- kept as the moment (microseconds since 1970) the case entered them, NULL
-- for never or unknown, derived from the milestones on every write (see
-- appeals/marks.go). "As of T" is then "entered by T", an integer
-- comparison, and the rates of thousands of units over millions of cases
-- are one ordered scan of the covering index appeal_cases_rates (16
-- columns, InnoDB's limit), grouped by unit and month as it is read.
-- received_month (YYYYMM in China time) groups by month on both back ends
-- alike. number is the public case number, NULL for an
-- imported case (identified by its source and the platform's number, and
-- never shown at /q, having no password). unknown_stages is a bit set of the stages an
-- imported file had no column for: those cases leave the rates that
-- depend on them.
CREATE TABLE appeal_cases (
  id {{.ID}},
  number VARCHAR(20) NULL,
  source VARCHAR(40) NOT NULL,
  source_no VARCHAR(64) NOT NULL,
  channel VARCHAR(12) NOT NULL,
  kind VARCHAR(12) NOT NULL,
  complexity VARCHAR(8) NOT NULL,
  content {{.Text}} NOT NULL,
  contact_year {{.Int}} NULL,
  contact_sealed {{.Blob}} NULL,
  concerns_unit VARCHAR(64) NULL,
  password_hash VARCHAR(200) NULL,
  public_listed {{.Bool}} NOT NULL DEFAULT 0,
  status VARCHAR(12) NOT NULL,
  received_at {{.Time}} NOT NULL,
  received_month {{.Int}} NOT NULL,
  unit VARCHAR(64) NULL,
  assigned_at {{.Time}} NULL,
  accept_by {{.Time}} NULL,
  accepted_at {{.Time}} NULL,
  deadline {{.Time}} NULL,
  deadline_provisional {{.Bool}} NOT NULL DEFAULT 0,
  extension VARCHAR(10) NULL,
  extension_to {{.Time}} NULL,
  extension_reason VARCHAR(500) NULL,
  extension_at {{.Time}} NULL,
  first_replied_at {{.Time}} NULL,
  first_resolved {{.Bool}} NULL,
  replied_at {{.Time}} NULL,
  resolved {{.Bool}} NULL,
  reply {{.Text}} NULL,
  review_until {{.Time}} NULL,
  callback VARCHAR(12) NULL,
  callback_at {{.Time}} NULL,
  prev_callback VARCHAR(12) NULL,
  prev_callback_at {{.Time}} NULL,
  review_level {{.Int}} NOT NULL DEFAULT 0,
  review1_at {{.Time}} NULL,
  review1_replied_at {{.Time}} NULL,
  review1_settle_by {{.Time}} NULL,
  review2_at {{.Time}} NULL,
  review_deadline {{.Time}} NULL,
  unknown_stages {{.Int}} NOT NULL DEFAULT 0,
  received_us {{.BigInt}} NOT NULL,
  assigned_us {{.BigInt}} NULL,
  response_den_us {{.BigInt}} NULL,
  response_num_us {{.BigInt}} NULL,
  on_time_den_us {{.BigInt}} NULL,
  on_time_num_us {{.BigInt}} NULL,
  resolution_den_us {{.BigInt}} NULL,
  resolution_num_us {{.BigInt}} NULL,
  callback_us {{.BigInt}} NULL,
  callback_score {{.Int}} NULL,
  prev_callback_us {{.BigInt}} NULL,
  prev_callback_score {{.Int}} NULL,
  settled_den_us {{.BigInt}} NULL,
  settled_num_us {{.BigInt}} NULL,
  created_at {{.Time}} NOT NULL,
  updated_at {{.Time}} NOT NULL
) {{.Table}};
CREATE UNIQUE INDEX appeal_cases_number ON appeal_cases (number);
CREATE UNIQUE INDEX appeal_cases_source ON appeal_cases (source, source_no);
CREATE INDEX appeal_cases_rates ON appeal_cases (unit, received_month, received_us, assigned_us,
  response_den_us, response_num_us, on_time_den_us, on_time_num_us, resolution_den_us, resolution_num_us,
  callback_us, callback_score, prev_callback_us, prev_callback_score, settled_den_us, settled_num_us);
CREATE INDEX appeal_cases_queue ON appeal_cases (status, unit, deadline);
