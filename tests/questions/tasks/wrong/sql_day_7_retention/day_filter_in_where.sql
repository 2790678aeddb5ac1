-- The day-7 condition in WHERE turns the LEFT JOIN into an inner join.
SELECT s.signup_date,
       COUNT(DISTINCT s.user_id) AS cohort_size,
       COUNT(DISTINCT a.user_id) AS retained,
       1.0 * COUNT(DISTINCT a.user_id) / COUNT(DISTINCT s.user_id) AS retention
FROM signups s
LEFT JOIN activity a ON a.user_id = s.user_id
WHERE a.activity_date = date(s.signup_date, '+7 days')
GROUP BY s.signup_date
ORDER BY s.signup_date;
