-- Joins back on the latest timestamp without a tie-breaker: a tie returns both rows.
SELECT u.customer_id, u.email, u.plan
FROM customer_updates u
JOIN (SELECT customer_id, MAX(updated_at) AS latest FROM customer_updates GROUP BY customer_id) m
  ON u.customer_id = m.customer_id AND u.updated_at = m.latest;
