-- Points awarded for a user's best result on a post, one row per (post, user, reason).
CREATE TABLE points_ledger (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL,
    points     INTEGER NOT NULL CHECK (points >= 0),
    score      REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    awarded_at TEXT NOT NULL,
    UNIQUE (post_id, user_id, reason)
);
CREATE INDEX ledger_by_channel_time ON points_ledger (channel_id, awarded_at, user_id, points, score);

INSERT INTO points_ledger (user_id, channel_id, post_id, reason, points, score, awarded_at)
SELECT a.user_id, p.channel_id, a.post_id, 'answer', MAX(a.points), MAX(a.score), MIN(a.submitted_at)
FROM attempts AS a JOIN posts AS p ON p.id = a.post_id
WHERE a.status = 'graded' AND a.score IS NOT NULL
GROUP BY a.post_id, a.user_id;
