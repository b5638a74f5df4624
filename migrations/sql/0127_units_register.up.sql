-- The appeals ledger names a case's units by code across all campaigns
-- (the organiser's register) on every /q lookup: without this index each
-- lookup read every unit of every campaign.
CREATE INDEX units_register ON units (code, campaign_id);
