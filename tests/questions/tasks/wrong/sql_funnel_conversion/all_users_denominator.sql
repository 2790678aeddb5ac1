-- Divides purchasers by every user of the source rather than by its visitors.
WITH steps AS (
  SELECT u.user_id, u.source,
         COALESCE(MAX(e.event = 'visit'), 0) AS visited,
         COALESCE(MAX(e.event = 'signup'), 0) AS signed_up,
         COALESCE(MAX(e.event = 'purchase'), 0) AS purchased
  FROM users u
  LEFT JOIN events e ON e.user_id = u.user_id
  GROUP BY u.user_id, u.source
)
SELECT source, SUM(visited) AS visitors, SUM(visited * signed_up) AS signups,
       SUM(visited * signed_up * purchased) AS purchasers,
       1.0 * SUM(visited * signed_up * purchased) / NULLIF(COUNT(*), 0) AS conversion
FROM steps
GROUP BY source
ORDER BY source;
