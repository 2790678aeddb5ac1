-- Progress: each award's category, running totals kept by triggers so any leaderboard period costs two
-- index seeks per person, seasons, per-channel opt-ins for the daily draw, and spaced-review cards.
ALTER TABLE points_ledger ADD COLUMN category TEXT NOT NULL DEFAULT '';
CREATE INDEX ledger_uncategorised ON points_ledger (category) WHERE category = '';
CREATE INDEX ledger_by_user ON points_ledger (user_id, awarded_at);
CREATE INDEX attempts_by_user ON attempts (user_id, post_id);

-- Totals per scope (a channel, or channel_id 0 for the whole team), category ('*' for all) and person.
CREATE TABLE progress_totals (
    team_id      INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    channel_id   INTEGER NOT NULL,
    category     TEXT NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    points       INTEGER NOT NULL,
    answers      INTEGER NOT NULL,
    score_micros INTEGER NOT NULL,
    last_at      TEXT NOT NULL,
    PRIMARY KEY (team_id, channel_id, category, user_id)
) WITHOUT ROWID;
CREATE INDEX progress_totals_by_user ON progress_totals (user_id);

-- The same totals as they stood after each award time, so a period is the difference of two rows.
-- Rows go with their progress_totals row (privacy tools delete both), so no foreign key scan is needed.
CREATE TABLE progress_steps (
    team_id      INTEGER NOT NULL,
    channel_id   INTEGER NOT NULL,
    category     TEXT NOT NULL,
    user_id      INTEGER NOT NULL,
    at           TEXT NOT NULL,
    points       INTEGER NOT NULL,
    answers      INTEGER NOT NULL,
    score_micros INTEGER NOT NULL,
    PRIMARY KEY (team_id, channel_id, category, user_id, at)
) WITHOUT ROWID;

-- Per team and question: how many people answered and their summed best scores (weak spots).
CREATE TABLE question_totals (
    team_id      INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    answers      INTEGER NOT NULL,
    score_micros INTEGER NOT NULL,
    PRIMARY KEY (team_id, question_id)
) WITHOUT ROWID;

INSERT INTO progress_totals (team_id, channel_id, category, user_id, points, answers, score_micros, last_at)
SELECT c.team_id, CASE k.whole WHEN 1 THEN 0 ELSE l.channel_id END, '*', l.user_id, SUM(l.points), COUNT(*),
       SUM(CAST(l.score * 1000000 + 0.5 AS INTEGER)), MAX(l.awarded_at)
FROM points_ledger AS l
JOIN channels AS c ON c.id = l.channel_id
JOIN (SELECT 0 AS whole UNION ALL SELECT 1) AS k
GROUP BY 1, 2, 4;

INSERT INTO progress_steps (team_id, channel_id, category, user_id, at, points, answers, score_micros)
SELECT team_id, channel_id, '*', user_id, at,
       SUM(points) OVER running, SUM(answers) OVER running, SUM(score_micros) OVER running
FROM (
    SELECT c.team_id, CASE k.whole WHEN 1 THEN 0 ELSE l.channel_id END AS channel_id, l.user_id,
           l.awarded_at AS at, SUM(l.points) AS points, COUNT(*) AS answers,
           SUM(CAST(l.score * 1000000 + 0.5 AS INTEGER)) AS score_micros
    FROM points_ledger AS l
    JOIN channels AS c ON c.id = l.channel_id
    JOIN (SELECT 0 AS whole UNION ALL SELECT 1) AS k
    GROUP BY 1, 2, 3, 4
)
WINDOW running AS (PARTITION BY team_id, channel_id, user_id ORDER BY at);

INSERT INTO question_totals (team_id, question_id, answers, score_micros)
SELECT c.team_id, p.question_id, COUNT(*), SUM(CAST(l.score * 1000000 + 0.5 AS INTEGER))
FROM points_ledger AS l
JOIN channels AS c ON c.id = l.channel_id
JOIN posts AS p ON p.id = l.post_id
GROUP BY c.team_id, p.question_id;

-- Everyone's totals as they stood at a period's start (a local midnight or a season's start), made on
-- first use: a team-wide board then reads each person's row in key order instead of searching history.
CREATE TABLE progress_marks (
    team_id      INTEGER NOT NULL,
    channel_id   INTEGER NOT NULL,
    category     TEXT NOT NULL,
    mark_at      TEXT NOT NULL,
    user_id      INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    answers      INTEGER NOT NULL,
    score_micros INTEGER NOT NULL,
    last_at      TEXT NOT NULL,
    PRIMARY KEY (team_id, channel_id, category, mark_at, user_id)
) WITHOUT ROWID;

CREATE TABLE progress_mark_sets (
    team_id    INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    category   TEXT NOT NULL,
    mark_at    TEXT NOT NULL,
    made_at    TEXT NOT NULL,
    PRIMARY KEY (team_id, channel_id, category, mark_at)
) WITHOUT ROWID;

-- The runner splits on semicolons that end a line, so inside a trigger each one is followed by a note.
CREATE TRIGGER progress_on_award AFTER INSERT ON points_ledger
BEGIN
    INSERT INTO progress_steps (team_id, channel_id, category, user_id, at, points, answers, score_micros)
    SELECT k.team_id, k.channel_id, k.category, NEW.user_id, NEW.awarded_at,
           IFNULL(p.points, 0), IFNULL(p.answers, 0), IFNULL(p.score_micros, 0)
    FROM (
        SELECT c.team_id, s.channel_id, g.category
        FROM channels AS c
        JOIN (SELECT NEW.channel_id AS channel_id UNION ALL SELECT 0) AS s
        JOIN (SELECT '*' AS category UNION ALL SELECT NEW.category WHERE NEW.category != '') AS g
        WHERE c.id = NEW.channel_id
    ) AS k
    LEFT JOIN progress_steps AS p
      ON p.team_id = k.team_id AND p.channel_id = k.channel_id AND p.category = k.category
     AND p.user_id = NEW.user_id
     AND p.at = (
        SELECT MAX(q.at) FROM progress_steps AS q
        WHERE q.team_id = k.team_id AND q.channel_id = k.channel_id AND q.category = k.category
          AND q.user_id = NEW.user_id AND q.at < NEW.awarded_at
     )
    WHERE NOT EXISTS (
        SELECT 1 FROM progress_steps AS e
        WHERE e.team_id = k.team_id AND e.channel_id = k.channel_id AND e.category = k.category
          AND e.user_id = NEW.user_id AND e.at = NEW.awarded_at
    ); -- then every later step
    UPDATE progress_steps
    SET points = points + NEW.points, answers = answers + 1,
        score_micros = score_micros + CAST(NEW.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = NEW.channel_id)
      AND channel_id IN (NEW.channel_id, 0) AND category IN ('*', NEW.category)
      AND user_id = NEW.user_id AND at >= NEW.awarded_at; -- then the totals
    INSERT INTO progress_totals (team_id, channel_id, category, user_id, points, answers, score_micros, last_at)
    SELECT c.team_id, s.channel_id, g.category, NEW.user_id, NEW.points, 1,
           CAST(NEW.score * 1000000 + 0.5 AS INTEGER), NEW.awarded_at
    FROM channels AS c
    JOIN (SELECT NEW.channel_id AS channel_id UNION ALL SELECT 0) AS s
    JOIN (SELECT '*' AS category UNION ALL SELECT NEW.category WHERE NEW.category != '') AS g
    WHERE c.id = NEW.channel_id
    ON CONFLICT (team_id, channel_id, category, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + 1,
        score_micros = score_micros + excluded.score_micros, last_at = MAX(last_at, excluded.last_at); -- then the question's totals
    INSERT INTO question_totals (team_id, question_id, answers, score_micros)
    SELECT c.team_id, p.question_id, 1, CAST(NEW.score * 1000000 + 0.5 AS INTEGER)
    FROM channels AS c JOIN posts AS p ON p.id = NEW.post_id
    WHERE c.id = NEW.channel_id
    ON CONFLICT (team_id, question_id) DO UPDATE SET
        answers = answers + 1, score_micros = score_micros + excluded.score_micros; -- then the marks
    INSERT INTO progress_marks (team_id, channel_id, category, mark_at, user_id, points, answers, score_micros, last_at)
    SELECT m.team_id, m.channel_id, m.category, m.mark_at, NEW.user_id, NEW.points, 1,
           CAST(NEW.score * 1000000 + 0.5 AS INTEGER), NEW.awarded_at
    FROM progress_mark_sets AS m
    WHERE m.team_id = (SELECT team_id FROM channels WHERE id = NEW.channel_id)
      AND m.channel_id IN (NEW.channel_id, 0) AND m.category IN ('*', NEW.category) AND m.mark_at > NEW.awarded_at
    ON CONFLICT (team_id, channel_id, category, mark_at, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + 1,
        score_micros = score_micros + excluded.score_micros, last_at = MAX(last_at, excluded.last_at); -- done
END;

CREATE TRIGGER progress_on_removal AFTER DELETE ON points_ledger
BEGIN
    UPDATE progress_steps
    SET points = points - OLD.points, answers = answers - 1,
        score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
      AND channel_id IN (OLD.channel_id, 0) AND category IN ('*', OLD.category)
      AND user_id = OLD.user_id AND at >= OLD.awarded_at; -- then the totals
    UPDATE progress_totals
    SET points = points - OLD.points, answers = answers - 1,
        score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
      AND channel_id IN (OLD.channel_id, 0) AND category IN ('*', OLD.category) AND user_id = OLD.user_id; -- then the question's totals
    UPDATE question_totals
    SET answers = answers - 1, score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
      AND question_id = (SELECT question_id FROM posts WHERE id = OLD.post_id); -- then the marks
    UPDATE progress_marks
    SET points = points - OLD.points, answers = answers - 1,
        score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE user_id = OLD.user_id AND (team_id, channel_id, category, mark_at) IN (
        SELECT team_id, channel_id, category, mark_at FROM progress_mark_sets
        WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
          AND channel_id IN (OLD.channel_id, 0) AND category IN ('*', OLD.category) AND mark_at > OLD.awarded_at
    ); -- done
END;

-- A change (a better result, a category assigned later) is the old row taken out and the new one put in.
CREATE TRIGGER progress_on_change AFTER UPDATE OF points, score, category ON points_ledger
WHEN OLD.points != NEW.points OR OLD.score != NEW.score OR OLD.category != NEW.category
BEGIN
    UPDATE progress_steps
    SET points = points - OLD.points, answers = answers - 1,
        score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
      AND channel_id IN (OLD.channel_id, 0) AND category IN ('*', OLD.category)
      AND user_id = OLD.user_id AND at >= OLD.awarded_at; -- then the totals
    UPDATE progress_totals
    SET points = points - OLD.points, answers = answers - 1,
        score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
      AND channel_id IN (OLD.channel_id, 0) AND category IN ('*', OLD.category) AND user_id = OLD.user_id; -- then the question's totals
    UPDATE question_totals
    SET answers = answers - 1, score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
      AND question_id = (SELECT question_id FROM posts WHERE id = OLD.post_id); -- then the marks
    UPDATE progress_marks
    SET points = points - OLD.points, answers = answers - 1,
        score_micros = score_micros - CAST(OLD.score * 1000000 + 0.5 AS INTEGER)
    WHERE user_id = OLD.user_id AND (team_id, channel_id, category, mark_at) IN (
        SELECT team_id, channel_id, category, mark_at FROM progress_mark_sets
        WHERE team_id = (SELECT team_id FROM channels WHERE id = OLD.channel_id)
          AND channel_id IN (OLD.channel_id, 0) AND category IN ('*', OLD.category) AND mark_at > OLD.awarded_at
    ); -- then the step at the new award time
    INSERT INTO progress_steps (team_id, channel_id, category, user_id, at, points, answers, score_micros)
    SELECT k.team_id, k.channel_id, k.category, NEW.user_id, NEW.awarded_at,
           IFNULL(p.points, 0), IFNULL(p.answers, 0), IFNULL(p.score_micros, 0)
    FROM (
        SELECT c.team_id, s.channel_id, g.category
        FROM channels AS c
        JOIN (SELECT NEW.channel_id AS channel_id UNION ALL SELECT 0) AS s
        JOIN (SELECT '*' AS category UNION ALL SELECT NEW.category WHERE NEW.category != '') AS g
        WHERE c.id = NEW.channel_id
    ) AS k
    LEFT JOIN progress_steps AS p
      ON p.team_id = k.team_id AND p.channel_id = k.channel_id AND p.category = k.category
     AND p.user_id = NEW.user_id
     AND p.at = (
        SELECT MAX(q.at) FROM progress_steps AS q
        WHERE q.team_id = k.team_id AND q.channel_id = k.channel_id AND q.category = k.category
          AND q.user_id = NEW.user_id AND q.at < NEW.awarded_at
     )
    WHERE NOT EXISTS (
        SELECT 1 FROM progress_steps AS e
        WHERE e.team_id = k.team_id AND e.channel_id = k.channel_id AND e.category = k.category
          AND e.user_id = NEW.user_id AND e.at = NEW.awarded_at
    ); -- then every later step
    UPDATE progress_steps
    SET points = points + NEW.points, answers = answers + 1,
        score_micros = score_micros + CAST(NEW.score * 1000000 + 0.5 AS INTEGER)
    WHERE team_id = (SELECT team_id FROM channels WHERE id = NEW.channel_id)
      AND channel_id IN (NEW.channel_id, 0) AND category IN ('*', NEW.category)
      AND user_id = NEW.user_id AND at >= NEW.awarded_at; -- then the totals
    INSERT INTO progress_totals (team_id, channel_id, category, user_id, points, answers, score_micros, last_at)
    SELECT c.team_id, s.channel_id, g.category, NEW.user_id, NEW.points, 1,
           CAST(NEW.score * 1000000 + 0.5 AS INTEGER), NEW.awarded_at
    FROM channels AS c
    JOIN (SELECT NEW.channel_id AS channel_id UNION ALL SELECT 0) AS s
    JOIN (SELECT '*' AS category UNION ALL SELECT NEW.category WHERE NEW.category != '') AS g
    WHERE c.id = NEW.channel_id
    ON CONFLICT (team_id, channel_id, category, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + 1,
        score_micros = score_micros + excluded.score_micros, last_at = MAX(last_at, excluded.last_at); -- then the question's totals
    INSERT INTO question_totals (team_id, question_id, answers, score_micros)
    SELECT c.team_id, p.question_id, 1, CAST(NEW.score * 1000000 + 0.5 AS INTEGER)
    FROM channels AS c JOIN posts AS p ON p.id = NEW.post_id
    WHERE c.id = NEW.channel_id
    ON CONFLICT (team_id, question_id) DO UPDATE SET
        answers = answers + 1, score_micros = score_micros + excluded.score_micros; -- then the marks
    INSERT INTO progress_marks (team_id, channel_id, category, mark_at, user_id, points, answers, score_micros, last_at)
    SELECT m.team_id, m.channel_id, m.category, m.mark_at, NEW.user_id, NEW.points, 1,
           CAST(NEW.score * 1000000 + 0.5 AS INTEGER), NEW.awarded_at
    FROM progress_mark_sets AS m
    WHERE m.team_id = (SELECT team_id FROM channels WHERE id = NEW.channel_id)
      AND m.channel_id IN (NEW.channel_id, 0) AND m.category IN ('*', NEW.category) AND m.mark_at > NEW.awarded_at
    ON CONFLICT (team_id, channel_id, category, mark_at, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + 1,
        score_micros = score_micros + excluded.score_micros, last_at = MAX(last_at, excluded.last_at); -- done
END;

CREATE TABLE seasons (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    started_at TEXT NOT NULL,
    started_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX seasons_by_team ON seasons (team_id, started_at);

CREATE TABLE progress_options (
    channel_id       INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    nudge_weak_spots INTEGER NOT NULL DEFAULT 0 CHECK (nudge_weak_spots IN (0, 1)),
    reask_forgotten  INTEGER NOT NULL DEFAULT 0 CHECK (reask_forgotten IN (0, 1)),
    updated_at       TEXT NOT NULL
);

-- One FSRS card per person and question, and how far each person's answers have been fed to them.
CREATE TABLE review_cards (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    state       INTEGER NOT NULL,
    step        INTEGER,
    stability   REAL,
    difficulty  REAL,
    due         TEXT NOT NULL,
    last_review TEXT,
    reviews     INTEGER NOT NULL,
    PRIMARY KEY (user_id, question_id)
) WITHOUT ROWID;
CREATE INDEX review_cards_by_due ON review_cards (user_id, due);

CREATE TABLE review_state (
    user_id          INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    synced_attempt   INTEGER NOT NULL DEFAULT 0,
    pending_question TEXT,
    pending_seed     INTEGER,
    pending_since    TEXT
);
