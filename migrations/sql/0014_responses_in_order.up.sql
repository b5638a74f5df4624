-- Exports and collection progress read a campaign's responses in id order,
-- a page at a time: without this index each page would sort the campaign.
CREATE INDEX responses_campaign ON responses (campaign_id, id);
