-- An inner join to events: a source whose users have no events disappears instead of showing zeros.
SELECT u.source,
       COUNT(DISTINCT CASE WHEN e.event = 'visit' THEN u.user_id END) AS visitors,
       COUNT(DISTINCT CASE WHEN e.event = 'signup' AND u.user_id IN
             (SELECT user_id FROM events WHERE event = 'visit') THEN u.user_id END) AS signups,
       COUNT(DISTINCT CASE WHEN e.event = 'purchase' AND u.user_id IN
             (SELECT user_id FROM events WHERE event = 'visit') AND u.user_id IN
             (SELECT user_id FROM events WHERE event = 'signup') THEN u.user_id END) AS purchasers,
       1.0 * COUNT(DISTINCT CASE WHEN e.event = 'purchase' AND u.user_id IN
             (SELECT user_id FROM events WHERE event = 'visit') AND u.user_id IN
             (SELECT user_id FROM events WHERE event = 'signup') THEN u.user_id END)
         / NULLIF(COUNT(DISTINCT CASE WHEN e.event = 'visit' THEN u.user_id END), 0) AS conversion
FROM users u
JOIN events e ON e.user_id = u.user_id
GROUP BY u.source
ORDER BY u.source;
