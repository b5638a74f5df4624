DROP TABLE phone_do_not_call;
DROP TABLE phone_frame_entries;
DROP TABLE phone_frame_imports;
DROP TABLE phone_frames;
