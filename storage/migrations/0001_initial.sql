-- Teams, channels, users, posted questions and the answers people gave.
CREATE TABLE teams (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL,
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE channels (
    id          INTEGER PRIMARY KEY,
    team_id     INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (team_id, external_id)
);

CREATE TABLE channel_weights (
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    category   TEXT NOT NULL,
    weight     INTEGER NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (channel_id, category)
);

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    team_id      INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    external_id  TEXT NOT NULL,
    display_name TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (team_id, external_id)
);

CREATE TABLE posts (
    id          INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('quiz', 'daily', 'mock')),
    message_ref TEXT,
    thread_ref  TEXT,
    posted_at   TEXT NOT NULL,
    revealed_at TEXT,
    hints_shown INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX posts_by_channel_time ON posts (channel_id, posted_at);
CREATE INDEX posts_by_thread ON posts (channel_id, thread_ref);
CREATE INDEX posts_by_question ON posts (channel_id, question_id, posted_at);

CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    submitted_at TEXT NOT NULL,
    answer_kind  TEXT NOT NULL,
    answer       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('graded', 'practice', 'stored')),
    score        REAL CHECK (score IS NULL OR (score >= 0 AND score <= 1)),
    points       INTEGER NOT NULL DEFAULT 0,
    detail       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX attempts_by_post_user ON attempts (post_id, user_id);
