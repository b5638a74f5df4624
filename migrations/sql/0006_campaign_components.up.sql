-- A campaign's components (SPEC Scoring step 8): the weights of the survey
-- and the hotline assessment, and the hotline's settings, each as the JSON
-- of the definition document; NULL for a campaign scored by its survey alone.
ALTER TABLE campaigns ADD COLUMN components {{.Text}} NULL;
ALTER TABLE campaigns ADD COLUMN hotline {{.Text}} NULL;
