-- What the cases received in a month add to each rate of their unit once
-- all their marks have passed (issue 16): the settled pattern's bits of
-- appeals/rates_pattern.go, summed per unit and month. The code that
-- writes cases keeps the sums in the same transaction (appeals/totals.go).
-- The rates over whole months read these 44,000 rows for a big city's
-- year rather than a million (unit, month, pattern) groups of
-- appeal_cases_settled, take away the cases not yet settled at the moment
-- asked and count those by their marks (appeals/rates_totals.go). Every
-- case with a unit is summed, bit by bit: cases counts those assigned (bit
-- 1), so the sums are exactly those of the patterns, whatever they hold.
CREATE TABLE appeal_rate_totals (
  unit VARCHAR(64) NOT NULL,
  received_month {{.Int}} NOT NULL,
  cases {{.BigInt}} NOT NULL,
  response_num {{.BigInt}} NOT NULL,
  response_den {{.BigInt}} NOT NULL,
  on_time_num {{.BigInt}} NOT NULL,
  on_time_den {{.BigInt}} NOT NULL,
  resolved_num {{.BigInt}} NOT NULL,
  resolved_den {{.BigInt}} NOT NULL,
  satisfied_num {{.BigInt}} NOT NULL,
  satisfied_den {{.BigInt}} NOT NULL,
  settled_num {{.BigInt}} NOT NULL,
  settled_den {{.BigInt}} NOT NULL,
  PRIMARY KEY (unit, received_month)
) {{.Table}};
INSERT INTO appeal_rate_totals (unit, received_month, cases, response_num, response_den, on_time_num,
  on_time_den, resolved_num, resolved_den, satisfied_num, satisfied_den, settled_num, settled_den)
SELECT unit, received_month, SUM((pattern & 1) <> 0), SUM((pattern & 2) <> 0), SUM((pattern & 4) <> 0), SUM((pattern & 8) <> 0),
  SUM((pattern & 16) <> 0), SUM((pattern & 32) <> 0), SUM((pattern & 64) <> 0), SUM((pattern & 128) <> 0),
  SUM((pattern & 256) <> 0), SUM((pattern & 512) <> 0), SUM((pattern & 1024) <> 0)
FROM appeal_cases WHERE unit <> ''
GROUP BY unit, received_month;
