DROP TABLE appeal_events;
