DROP TABLE rate_counters;
DROP TABLE collection_settings;
