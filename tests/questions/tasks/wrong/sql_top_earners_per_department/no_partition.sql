-- Ranks the whole company instead of each department: only the best-paid department's people come back.
SELECT department, name, salary
FROM (
  SELECT department, name, salary,
         RANK() OVER (ORDER BY salary DESC) AS r
  FROM employees
  WHERE salary IS NOT NULL
)
WHERE r <= 3
ORDER BY department, salary DESC, name;
