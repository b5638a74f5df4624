DROP TRIGGER appeal_rate_totals_insert;
DROP TRIGGER appeal_rate_totals_update;
DROP TRIGGER appeal_rate_totals_delete;
DROP TABLE appeal_rate_totals;
