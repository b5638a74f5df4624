DROP TABLE appeal_keys;
