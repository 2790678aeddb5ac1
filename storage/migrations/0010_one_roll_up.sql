-- One roll-up for every figure derived from the points ledger, in place of the three copied trigger bodies
-- of 0006. Any ledger change arrives at `ledger_changes` as signed awards (an award added counts +1, one
-- taken out -1, a changed one is both), where its score becomes integer millionths, the only place that
-- happens. That trigger fans the award out to its scopes (its channel and the whole team, channel 0) and
-- categories ('*' and its own, if it has one), one `progress_changes` row each; that trigger moves the
-- scope's steps, totals and marks, and the whole team's all-category row also moves the question's totals.
-- The derived tables keep their shape and content, so existing files keep every point.
DROP TRIGGER progress_on_award;
DROP TRIGGER progress_on_removal;
DROP TRIGGER progress_on_change;

CREATE VIEW ledger_changes (sign, channel_id, category, user_id, post_id, at, points, score) AS
SELECT 0, channel_id, category, user_id, post_id, awarded_at, points, score FROM points_ledger WHERE 0;

CREATE VIEW progress_changes (team_id, channel_id, category, user_id, question_id, at, points, answers, score_micros)
AS SELECT 0, 0, '', 0, '', '', 0, 0, 0 WHERE 0;

CREATE TRIGGER ledger_roll_up INSTEAD OF INSERT ON ledger_changes
BEGIN
    INSERT INTO progress_changes
        (team_id, channel_id, category, user_id, question_id, at, points, answers, score_micros)
    SELECT c.team_id, s.channel_id, g.category, NEW.user_id, p.question_id, NEW.at, NEW.sign * NEW.points,
           NEW.sign, NEW.sign * CAST(NEW.score * 1000000 + 0.5 AS INTEGER)
    FROM channels AS c
    JOIN posts AS p ON p.id = NEW.post_id
    JOIN (SELECT NEW.channel_id AS channel_id UNION ALL SELECT 0) AS s
    JOIN (SELECT '*' AS category UNION ALL SELECT NEW.category WHERE NEW.category != '') AS g
    WHERE c.id = NEW.channel_id;
END;

CREATE TRIGGER progress_roll_up INSTEAD OF INSERT ON progress_changes
BEGIN
    INSERT INTO progress_steps (team_id, channel_id, category, user_id, at, points, answers, score_micros)
    SELECT NEW.team_id, NEW.channel_id, NEW.category, NEW.user_id, NEW.at,
           IFNULL(b.points, 0), IFNULL(b.answers, 0), IFNULL(b.score_micros, 0)
    FROM (SELECT 1) LEFT JOIN (
        SELECT points, answers, score_micros FROM progress_steps
        WHERE team_id = NEW.team_id AND channel_id = NEW.channel_id AND category = NEW.category
          AND user_id = NEW.user_id AND at < NEW.at
        ORDER BY at DESC LIMIT 1
    ) AS b
    WHERE NOT EXISTS (
        SELECT 1 FROM progress_steps
        WHERE team_id = NEW.team_id AND channel_id = NEW.channel_id AND category = NEW.category
          AND user_id = NEW.user_id AND at = NEW.at
    );
    UPDATE progress_steps
    SET points = points + NEW.points, answers = answers + NEW.answers, score_micros = score_micros + NEW.score_micros
    WHERE team_id = NEW.team_id AND channel_id = NEW.channel_id AND category = NEW.category
      AND user_id = NEW.user_id AND at >= NEW.at;
    INSERT INTO progress_totals (team_id, channel_id, category, user_id, points, answers, score_micros, last_at)
    VALUES (NEW.team_id, NEW.channel_id, NEW.category, NEW.user_id, NEW.points, NEW.answers, NEW.score_micros,
            NEW.at)
    ON CONFLICT (team_id, channel_id, category, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + excluded.answers,
        score_micros = score_micros + excluded.score_micros, last_at = MAX(last_at, excluded.last_at);
    INSERT INTO progress_marks (team_id, channel_id, category, mark_at, user_id, points, answers, score_micros, last_at)
    SELECT team_id, channel_id, category, mark_at, NEW.user_id, NEW.points, NEW.answers, NEW.score_micros, NEW.at
    FROM progress_mark_sets
    WHERE team_id = NEW.team_id AND channel_id = NEW.channel_id AND category = NEW.category AND mark_at > NEW.at
    ON CONFLICT (team_id, channel_id, category, mark_at, user_id) DO UPDATE SET
        points = points + excluded.points, answers = answers + excluded.answers,
        score_micros = score_micros + excluded.score_micros, last_at = MAX(last_at, excluded.last_at);
    INSERT INTO question_totals (team_id, question_id, answers, score_micros)
    SELECT NEW.team_id, NEW.question_id, NEW.answers, NEW.score_micros
    WHERE NEW.channel_id = 0 AND NEW.category = '*'
    ON CONFLICT (team_id, question_id) DO UPDATE SET
        answers = answers + excluded.answers, score_micros = score_micros + excluded.score_micros;
END;

CREATE TRIGGER ledger_added AFTER INSERT ON points_ledger
BEGIN
    INSERT INTO ledger_changes VALUES (1, NEW.channel_id, NEW.category, NEW.user_id, NEW.post_id, NEW.awarded_at,
                                       NEW.points, NEW.score);
END;

CREATE TRIGGER ledger_removed AFTER DELETE ON points_ledger
BEGIN
    INSERT INTO ledger_changes VALUES (-1, OLD.channel_id, OLD.category, OLD.user_id, OLD.post_id, OLD.awarded_at,
                                       OLD.points, OLD.score);
END;

CREATE TRIGGER ledger_changed AFTER UPDATE ON points_ledger
WHEN (OLD.channel_id, OLD.category, OLD.user_id, OLD.post_id, OLD.awarded_at, OLD.points, OLD.score)
  IS NOT (NEW.channel_id, NEW.category, NEW.user_id, NEW.post_id, NEW.awarded_at, NEW.points, NEW.score)
BEGIN
    INSERT INTO ledger_changes VALUES (-1, OLD.channel_id, OLD.category, OLD.user_id, OLD.post_id, OLD.awarded_at,
                                       OLD.points, OLD.score);
    INSERT INTO ledger_changes VALUES (1, NEW.channel_id, NEW.category, NEW.user_id, NEW.post_id, NEW.awarded_at,
                                       NEW.points, NEW.score);
END;
