-- Mock-interview rounds (agenda, clock, members, answers, interviewer marks, self-ticks) and weekly pairs.
CREATE TABLE mock_rounds (
    id             INTEGER PRIMARY KEY,
    channel_id     INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    host_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mode           TEXT NOT NULL CHECK (mode IN ('group', 'pair')),
    state          TEXT NOT NULL CHECK (state IN ('running', 'paused', 'ended')),
    minutes        INTEGER NOT NULL CHECK (minutes > 0),
    position       INTEGER NOT NULL DEFAULT 0,
    recommendation TEXT CHECK (recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')),
    started_at     TEXT NOT NULL,
    ended_at       TEXT
);
CREATE UNIQUE INDEX mock_rounds_one_live_per_channel ON mock_rounds (channel_id) WHERE state != 'ended';
CREATE INDEX mock_rounds_by_state ON mock_rounds (state);

CREATE TABLE mock_questions (
    round_id    INTEGER NOT NULL REFERENCES mock_rounds (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    weight      REAL NOT NULL CHECK (weight > 0),
    seconds     INTEGER,
    post_id     INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    opened_at   TEXT,
    closed_at   TEXT,
    used        REAL NOT NULL DEFAULT 0,
    resumed_at  TEXT,
    warned      INTEGER NOT NULL DEFAULT 0 CHECK (warned IN (0, 1)),
    PRIMARY KEY (round_id, position)
);
CREATE UNIQUE INDEX mock_questions_by_post ON mock_questions (post_id);

CREATE TABLE mock_members (
    round_id  INTEGER NOT NULL REFERENCES mock_rounds (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('candidate', 'interviewer')),
    joined_at TEXT NOT NULL,
    PRIMARY KEY (round_id, user_id)
);

CREATE TABLE mock_answers (
    round_id    INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    answered_at TEXT NOT NULL,
    used        REAL NOT NULL,
    late        INTEGER NOT NULL CHECK (late IN (0, 1)),
    PRIMARY KEY (round_id, position, user_id),
    FOREIGN KEY (round_id, position) REFERENCES mock_questions (round_id, position) ON DELETE CASCADE
);

CREATE TABLE mock_marks (
    round_id  INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    point     INTEGER NOT NULL CHECK (point >= 0),
    covered   INTEGER NOT NULL CHECK (covered IN (0, 1)),
    marked_at TEXT NOT NULL,
    PRIMARY KEY (round_id, position, point),
    FOREIGN KEY (round_id, position) REFERENCES mock_questions (round_id, position) ON DELETE CASCADE
);

CREATE TABLE mock_ticks (
    round_id INTEGER NOT NULL REFERENCES mock_rounds (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item     TEXT NOT NULL,
    PRIMARY KEY (round_id, user_id, item)
);

CREATE TABLE mock_pairing (
    channel_id INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    since      TEXT NOT NULL
);

CREATE TABLE mock_optins (
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    opted_at   TEXT NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);

CREATE TABLE mock_pair_weeks (
    channel_id INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    week       TEXT NOT NULL,
    posted_at  TEXT NOT NULL,
    PRIMARY KEY (channel_id, week)
);

CREATE TABLE mock_pairs (
    channel_id INTEGER NOT NULL,
    week       TEXT NOT NULL,
    grp        INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (channel_id, week, user_id),
    FOREIGN KEY (channel_id, week) REFERENCES mock_pair_weeks (channel_id, week) ON DELETE CASCADE
);
