-- Counts each step on its own: a purchase without a visit or a signup still counts as a converted visitor.
SELECT u.source,
       COUNT(DISTINCT CASE WHEN e.event = 'visit' THEN u.user_id END) AS visitors,
       COUNT(DISTINCT CASE WHEN e.event = 'signup' THEN u.user_id END) AS signups,
       COUNT(DISTINCT CASE WHEN e.event = 'purchase' THEN u.user_id END) AS purchasers,
       1.0 * COUNT(DISTINCT CASE WHEN e.event = 'purchase' THEN u.user_id END)
         / NULLIF(COUNT(DISTINCT CASE WHEN e.event = 'visit' THEN u.user_id END), 0) AS conversion
FROM users u
LEFT JOIN events e ON e.user_id = u.user_id
GROUP BY u.source
ORDER BY u.source;
