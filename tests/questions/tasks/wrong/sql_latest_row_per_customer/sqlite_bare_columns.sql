-- SQLite's bare columns next to MAX(): right for one latest row, but a tie is broken by storage order.
SELECT customer_id, email, plan
FROM (
  SELECT customer_id, email, plan, MAX(updated_at) AS latest
  FROM customer_updates
  GROUP BY customer_id
);
