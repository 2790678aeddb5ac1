-- Takes the last row loaded (largest update_id), which is not the last change when an event arrives late.
SELECT u.customer_id, u.email, u.plan
FROM customer_updates u
JOIN (SELECT customer_id, MAX(update_id) AS last_id FROM customer_updates GROUP BY customer_id) m
  ON u.update_id = m.last_id;
