-- An inner join keeps only retained users: a cohort nobody came back to disappears and sizes shrink.
SELECT s.signup_date,
       COUNT(DISTINCT s.user_id) AS cohort_size,
       COUNT(DISTINCT a.user_id) AS retained,
       1.0 * COUNT(DISTINCT a.user_id) / COUNT(DISTINCT s.user_id) AS retention
FROM signups s
JOIN activity a
  ON a.user_id = s.user_id AND date(a.activity_date) = date(s.signup_date, '+7 days')
GROUP BY s.signup_date
ORDER BY s.signup_date;
