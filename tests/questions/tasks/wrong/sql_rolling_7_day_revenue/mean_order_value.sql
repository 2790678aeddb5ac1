-- Averages the amounts of the orders in the last 7 days (mean order value) instead of the daily totals.
WITH RECURSIVE calendar(day) AS (
  SELECT MIN(order_date) FROM orders
  UNION ALL
  SELECT date(day, '+1 day') FROM calendar WHERE day < (SELECT MAX(order_date) FROM orders)
)
SELECT c.day,
       (SELECT COALESCE(SUM(amount), 0) FROM orders
        WHERE order_date = c.day AND status = 'completed') AS revenue,
       (SELECT COALESCE(AVG(amount), 0) FROM orders
        WHERE status = 'completed' AND order_date BETWEEN date(c.day, '-6 days') AND c.day) AS avg_7d
FROM calendar c
ORDER BY c.day;
