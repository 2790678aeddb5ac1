-- Orders by time alone, so between two updates at the same second the window picks one by storage order.
SELECT customer_id, email, plan
FROM (
  SELECT customer_id, email, plan,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) AS rn
  FROM customer_updates
)
WHERE rn = 1;
