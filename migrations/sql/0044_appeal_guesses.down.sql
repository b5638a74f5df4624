DROP TABLE appeal_guesses;
