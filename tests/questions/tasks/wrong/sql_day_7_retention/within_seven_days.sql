-- Counts any session in the first 7 days ("within 7 days"), not a session on day 7 itself.
SELECT s.signup_date,
       COUNT(DISTINCT s.user_id) AS cohort_size,
       COUNT(DISTINCT a.user_id) AS retained,
       1.0 * COUNT(DISTINCT a.user_id) / COUNT(DISTINCT s.user_id) AS retention
FROM signups s
LEFT JOIN activity a
  ON a.user_id = s.user_id
 AND date(a.activity_date) BETWEEN date(s.signup_date, '+1 day') AND date(s.signup_date, '+7 days')
GROUP BY s.signup_date
ORDER BY s.signup_date;
