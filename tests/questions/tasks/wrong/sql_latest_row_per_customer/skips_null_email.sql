-- Drops rows without an email before picking the latest, bringing back an email the customer removed.
SELECT customer_id, email, plan
FROM (
  SELECT customer_id, email, plan,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, update_id DESC) AS rn
  FROM customer_updates
  WHERE email IS NOT NULL
)
WHERE rn = 1;
