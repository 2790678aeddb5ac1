-- Windows over the days that have sales: days without orders are missing and the 6 rows before reach back further than 6 days.
SELECT order_date AS day, SUM(amount) AS revenue,
       AVG(SUM(amount)) OVER (ORDER BY order_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS avg_7d
FROM orders
WHERE status = 'completed'
GROUP BY order_date
ORDER BY day;
