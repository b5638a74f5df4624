-- What the cases received in a month add to each rate of their unit once
-- all their marks have passed (issue 16): the settled pattern's bits of
-- appeals/rates_pattern.go, summed per unit and month. Triggers keep the
-- sums with every write to appeal_cases, whoever writes it, in the same
-- transaction. The rates over whole months read these 44,000 rows for a
-- big city's year rather than a million (unit, month, pattern) groups of
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
{{define "counts"}}{{.}}.unit, {{.}}.received_month, ({{.}}.pattern & 1) <> 0, ({{.}}.pattern & 2) <> 0, ({{.}}.pattern & 4) <> 0,
  ({{.}}.pattern & 8) <> 0, ({{.}}.pattern & 16) <> 0, ({{.}}.pattern & 32) <> 0, ({{.}}.pattern & 64) <> 0,
  ({{.}}.pattern & 128) <> 0, ({{.}}.pattern & 256) <> 0, ({{.}}.pattern & 512) <> 0, ({{.}}.pattern & 1024) <> 0{{end}}
{{define "minus"}}{{.}}.unit, {{.}}.received_month, -(({{.}}.pattern & 1) <> 0), -(({{.}}.pattern & 2) <> 0), -(({{.}}.pattern & 4) <> 0),
  -(({{.}}.pattern & 8) <> 0), -(({{.}}.pattern & 16) <> 0), -(({{.}}.pattern & 32) <> 0), -(({{.}}.pattern & 64) <> 0),
  -(({{.}}.pattern & 128) <> 0), -(({{.}}.pattern & 256) <> 0), -(({{.}}.pattern & 512) <> 0), -(({{.}}.pattern & 1024) <> 0){{end}}
{{define "columns"}}appeal_rate_totals (unit, received_month, cases, response_num, response_den, on_time_num,
  on_time_den, resolved_num, resolved_den, satisfied_num, satisfied_den, settled_num, settled_den){{end}}
{{define "sqliteAdd"}}ON CONFLICT (unit, received_month) DO UPDATE SET cases = cases + excluded.cases,
  response_num = response_num + excluded.response_num, response_den = response_den + excluded.response_den,
  on_time_num = on_time_num + excluded.on_time_num, on_time_den = on_time_den + excluded.on_time_den,
  resolved_num = resolved_num + excluded.resolved_num, resolved_den = resolved_den + excluded.resolved_den,
  satisfied_num = satisfied_num + excluded.satisfied_num, satisfied_den = satisfied_den + excluded.satisfied_den,
  settled_num = settled_num + excluded.settled_num, settled_den = settled_den + excluded.settled_den{{end}}
{{define "mysqlAdd"}}ON DUPLICATE KEY UPDATE cases = cases + VALUES(cases),
  response_num = response_num + VALUES(response_num), response_den = response_den + VALUES(response_den),
  on_time_num = on_time_num + VALUES(on_time_num), on_time_den = on_time_den + VALUES(on_time_den),
  resolved_num = resolved_num + VALUES(resolved_num), resolved_den = resolved_den + VALUES(resolved_den),
  satisfied_num = satisfied_num + VALUES(satisfied_num), satisfied_den = satisfied_den + VALUES(satisfied_den),
  settled_num = settled_num + VALUES(settled_num), settled_den = settled_den + VALUES(settled_den){{end}}
{{define "delta"}}{{if eq . "OLD"}}{{template "minus" .}}{{else}}{{template "counts" .}}{{end}}{{end}}
{{define "mysqlApply"}}IF {{.}}.unit <> '' THEN
    INSERT INTO {{template "columns"}} VALUES ({{template "delta" .}}) {{template "mysqlAdd"}};
  END IF;{{end}}
{{define "sqliteApply"}}INSERT INTO {{template "columns"}} SELECT {{template "delta" .}}
    WHERE {{.}}.unit <> '' {{template "sqliteAdd"}};{{end}}
-- Each trigger takes away what OLD added and adds what NEW adds. An update
-- that moves no case between units, months or patterns (most writes: a
-- reply's text, a contact erased) leaves the sums alone. SQLite's SELECT
-- carries a WHERE, which it needs before an ON CONFLICT.
{{if .MySQL}}
CREATE TRIGGER appeal_rate_totals_insert AFTER INSERT ON appeal_cases FOR EACH ROW
BEGIN
  {{template "mysqlApply" "NEW"}}
END;
CREATE TRIGGER appeal_rate_totals_update AFTER UPDATE ON appeal_cases FOR EACH ROW
BEGIN
  IF NOT (OLD.unit <=> NEW.unit AND OLD.received_month = NEW.received_month AND OLD.pattern = NEW.pattern) THEN
  {{template "mysqlApply" "OLD"}}
  {{template "mysqlApply" "NEW"}}
  END IF;
END;
CREATE TRIGGER appeal_rate_totals_delete AFTER DELETE ON appeal_cases FOR EACH ROW
BEGIN
  {{template "mysqlApply" "OLD"}}
END;
{{else}}
CREATE TRIGGER appeal_rate_totals_insert AFTER INSERT ON appeal_cases FOR EACH ROW
WHEN NEW.unit <> ''
BEGIN
  {{template "sqliteApply" "NEW"}}
END;
CREATE TRIGGER appeal_rate_totals_update AFTER UPDATE ON appeal_cases FOR EACH ROW
WHEN NOT (OLD.unit IS NEW.unit AND OLD.received_month = NEW.received_month AND OLD.pattern = NEW.pattern)
BEGIN
  {{template "sqliteApply" "OLD"}}
  {{template "sqliteApply" "NEW"}}
END;
CREATE TRIGGER appeal_rate_totals_delete AFTER DELETE ON appeal_cases FOR EACH ROW
WHEN OLD.unit <> ''
BEGIN
  {{template "sqliteApply" "OLD"}}
END;
{{end}}
INSERT INTO {{template "columns"}}
SELECT unit, received_month, SUM((pattern & 1) <> 0), SUM((pattern & 2) <> 0), SUM((pattern & 4) <> 0), SUM((pattern & 8) <> 0),
  SUM((pattern & 16) <> 0), SUM((pattern & 32) <> 0), SUM((pattern & 64) <> 0), SUM((pattern & 128) <> 0),
  SUM((pattern & 256) <> 0), SUM((pattern & 512) <> 0), SUM((pattern & 1024) <> 0)
FROM appeal_cases WHERE unit <> ''
GROUP BY unit, received_month;
