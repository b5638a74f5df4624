DROP TABLE appeal_rate_totals;
