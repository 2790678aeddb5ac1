-- Filters the status in WHERE after a LEFT JOIN, which turns it into an inner join: days without completed orders drop out.
WITH RECURSIVE calendar(day) AS (
  SELECT MIN(order_date) FROM orders
  UNION ALL
  SELECT date(day, '+1 day') FROM calendar WHERE day < (SELECT MAX(order_date) FROM orders)
),
daily AS (
  SELECT c.day, COALESCE(SUM(o.amount), 0) AS revenue
  FROM calendar c
  LEFT JOIN orders o ON o.order_date = c.day
  WHERE o.status = 'completed'
  GROUP BY c.day
)
SELECT day, revenue,
       AVG(revenue) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS avg_7d
FROM daily
ORDER BY day;
