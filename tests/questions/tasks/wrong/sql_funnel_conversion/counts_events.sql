-- Counts events, not users: repeat visits and repeat purchases inflate every step.
SELECT u.source,
       COALESCE(SUM(e.event = 'visit'), 0) AS visitors,
       COALESCE(SUM(e.event = 'signup'), 0) AS signups,
       COALESCE(SUM(e.event = 'purchase'), 0) AS purchasers,
       1.0 * SUM(e.event = 'purchase') / NULLIF(SUM(e.event = 'visit'), 0) AS conversion
FROM users u
LEFT JOIN events e ON e.user_id = u.user_id
GROUP BY u.source
ORDER BY u.source;
