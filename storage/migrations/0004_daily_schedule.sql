-- Each channel's daily-question settings, and one row per daily slot claimed, so no slot posts twice.
CREATE TABLE channel_settings (
    channel_id    INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    post_time     TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    weekdays      TEXT NOT NULL,
    reveal_time   TEXT NOT NULL,
    visibility    TEXT NOT NULL CHECK (visibility IN ('private', 'open')),
    paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    active_since  TEXT NOT NULL,
    weights_since TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE daily_slots (
    channel_id  INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    slot_at     TEXT NOT NULL,
    claim_token TEXT NOT NULL,
    claimed_at  TEXT NOT NULL,
    post_id     INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    posted_at   TEXT,
    reveal_at   TEXT NOT NULL,
    PRIMARY KEY (channel_id, slot_at)
);
CREATE UNIQUE INDEX daily_slots_by_post ON daily_slots (post_id);
CREATE INDEX daily_slots_by_reveal ON daily_slots (reveal_at);
