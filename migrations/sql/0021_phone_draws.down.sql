DROP TABLE phone_draw_strata;
DROP TABLE phone_draws;
