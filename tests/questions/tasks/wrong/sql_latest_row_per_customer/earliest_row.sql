-- Sorts ascending inside the window, so row number 1 is the first state, not the current one.
SELECT customer_id, email, plan
FROM (
  SELECT customer_id, email, plan,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at, update_id) AS rn
  FROM customer_updates
)
WHERE rn = 1;
