-- Running totals per channel and user, kept in step with points_ledger, so all-time ranks are cheap.
CREATE TABLE channel_standings (
    channel_id       INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    points           INTEGER NOT NULL DEFAULT 0,
    answers          INTEGER NOT NULL DEFAULT 0,
    score_sum        REAL NOT NULL DEFAULT 0,
    first_awarded_at TEXT NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);

INSERT INTO channel_standings (channel_id, user_id, points, answers, score_sum, first_awarded_at)
SELECT channel_id, user_id, SUM(points), COUNT(*), SUM(score), MIN(awarded_at)
FROM points_ledger
GROUP BY channel_id, user_id;
