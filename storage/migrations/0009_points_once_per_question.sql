-- Points count once per question and person in each season: every award carries its question, so what a
-- person already earned for a question is one index seek away, whichever post or round it came from.
ALTER TABLE points_ledger ADD COLUMN question_id TEXT NOT NULL DEFAULT '';
UPDATE points_ledger SET question_id = (SELECT p.question_id FROM posts AS p WHERE p.id = points_ledger.post_id);
CREATE INDEX ledger_by_question ON points_ledger (user_id, question_id, awarded_at);

-- Recount the awards already made by the same rule: per person, question and season, in award order, an
-- award keeps only what it adds above the best one before it. The ledger's triggers move the totals along.
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
