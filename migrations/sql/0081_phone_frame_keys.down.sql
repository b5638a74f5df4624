DROP TABLE phone_frame_keys;
