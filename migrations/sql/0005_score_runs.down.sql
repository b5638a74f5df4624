DROP TABLE score_runs;
