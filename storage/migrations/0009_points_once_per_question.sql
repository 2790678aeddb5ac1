-- Points count once per question and person in each season: every award carries its question, so what a
-- person already earned for a question is one index seek away, whichever post or round it came from.
ALTER TABLE points_ledger ADD COLUMN question_id TEXT NOT NULL DEFAULT '';
UPDATE points_ledger SET question_id = (SELECT p.question_id FROM posts AS p WHERE p.id = points_ledger.post_id);
CREATE INDEX ledger_by_question ON points_ledger (user_id, question_id, awarded_at);

-- Recount the awards already made by the same rule: per person, question and season, in award order, an
-- award keeps only what it adds above the best one before it. The ledger's triggers keep the totals; the
-- history of totals (steps) is emptied first, so each changed award does not walk every later step, and
-- rebuilt below. Marks are remade on first use.
DELETE FROM progress_marks;
DELETE FROM progress_mark_sets;
DELETE FROM progress_steps;
UPDATE points_ledger SET points = fair.points
FROM (
    SELECT id, MAX(0, points - IFNULL(MAX(points) OVER earlier, 0)) AS points
    FROM (
        SELECT l.id, l.user_id, l.question_id, l.points, l.awarded_at,
               IFNULL((SELECT MAX(s.started_at) FROM seasons AS s JOIN channels AS c ON c.team_id = s.team_id
                       WHERE c.id = l.channel_id AND s.started_at <= l.awarded_at), '') AS season
        FROM points_ledger AS l
    )
    WINDOW earlier AS (
        PARTITION BY user_id, question_id, season ORDER BY awarded_at, id
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    )
) AS fair
WHERE fair.id = points_ledger.id AND fair.points != points_ledger.points;
DELETE FROM progress_steps;

-- Every person's totals as they stood after each award time, per channel and team-wide (channel 0), for all
-- categories ('*') and the award's own category.
INSERT INTO progress_steps (team_id, channel_id, category, user_id, at, points, answers, score_micros)
SELECT team_id, channel_id, category, user_id, at,
       SUM(points) OVER running, SUM(answers) OVER running, SUM(score_micros) OVER running
FROM (
    SELECT c.team_id, CASE k.whole WHEN 1 THEN 0 ELSE l.channel_id END AS channel_id,
           CASE g.own WHEN 1 THEN l.category ELSE '*' END AS category, l.user_id, l.awarded_at AS at,
           SUM(l.points) AS points, COUNT(*) AS answers, SUM(CAST(l.score * 1000000 + 0.5 AS INTEGER)) AS score_micros
    FROM points_ledger AS l
    JOIN channels AS c ON c.id = l.channel_id
    JOIN (SELECT 0 AS whole UNION ALL SELECT 1) AS k
    JOIN (SELECT 0 AS own UNION ALL SELECT 1) AS g
    WHERE g.own = 0 OR l.category != ''
    GROUP BY 1, 2, 3, 4, 5
)
WINDOW running AS (PARTITION BY team_id, channel_id, category, user_id ORDER BY at);
