-- A counter that moves whenever anything a current streak is computed from changes: answers, daily
-- posts, points (which say who is in which channel) and channel time zones. Readers key cached
-- streaks on it, so a cached streak is never older than the data behind it.
CREATE TABLE change_counts (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO change_counts VALUES ('streak_inputs', 0);

CREATE TRIGGER streak_inputs_attempt_added AFTER INSERT ON attempts
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_attempt_removed AFTER DELETE ON attempts
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_attempt_moved AFTER UPDATE OF post_id, user_id ON attempts
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;

CREATE TRIGGER streak_inputs_slot_added AFTER INSERT ON daily_slots
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_slot_removed AFTER DELETE ON daily_slots
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_slot_posted AFTER UPDATE OF post_id, slot_at ON daily_slots
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;

CREATE TRIGGER streak_inputs_award_added AFTER INSERT ON points_ledger
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_award_removed AFTER DELETE ON points_ledger
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_award_moved AFTER UPDATE OF user_id, channel_id ON points_ledger
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;

CREATE TRIGGER streak_inputs_zone_set AFTER INSERT ON channel_settings
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_zone_changed AFTER UPDATE OF timezone ON channel_settings
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
CREATE TRIGGER streak_inputs_zone_removed AFTER DELETE ON channel_settings
BEGIN UPDATE change_counts SET value = value + 1 WHERE name = 'streak_inputs'; END;
