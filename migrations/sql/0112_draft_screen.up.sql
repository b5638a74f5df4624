-- The units a respondent of a screened group said they dealt with in the
-- last year (a JSON list of unit codes), kept with the draft so that the
-- form resumes with them; NULL until they have chosen.
ALTER TABLE drafts ADD COLUMN screened {{.Text}} NULL;
