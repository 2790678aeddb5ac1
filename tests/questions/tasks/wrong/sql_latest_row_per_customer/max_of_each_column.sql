-- Aggregates each column on its own, so email and plan can come from different rows than the latest.
SELECT customer_id, MAX(email) AS email, MAX(plan) AS plan
FROM customer_updates
GROUP BY customer_id;
