-- Who sent a response that a member of staff submitted through the API
-- (an operator's kiosk, an administrator's data entry): their login.
-- NULL for respondents' own forms, invitations and imports (an import's
-- importer is in the audit log).
ALTER TABLE responses ADD COLUMN submitted_by VARCHAR(64) NULL;
