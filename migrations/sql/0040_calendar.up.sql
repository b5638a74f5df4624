-- The working-day calendar's imported years. The calendar library carries
-- the State Council's notices; a year imported here (a correction, or a
-- notice the library does not have yet) replaces the library's data for
-- that year entirely.
--
-- calendar_years: one row per imported year, who imported it and when.
CREATE TABLE calendar_years (
  year {{.Int}} NOT NULL PRIMARY KEY,
  holidays {{.Int}} NOT NULL,
  workdays {{.Int}} NOT NULL,
  imported_at {{.Time}} NOT NULL,
  imported_by VARCHAR(64) NOT NULL
) {{.Table}};
-- calendar_days: the days of the imported years that differ from Monday
-- to Friday's rule or carry a holiday's name: kind is holiday (放假) or
-- workday (调休上班). day is the China-time date, YYYY-MM-DD.
CREATE TABLE calendar_days (
  day CHAR(10) NOT NULL PRIMARY KEY,
  year {{.Int}} NOT NULL,
  kind VARCHAR(8) NOT NULL,
  name VARCHAR(64) NOT NULL,
  FOREIGN KEY (year) REFERENCES calendar_years (year)
) {{.Table}};
CREATE INDEX calendar_days_year ON calendar_days (year);
