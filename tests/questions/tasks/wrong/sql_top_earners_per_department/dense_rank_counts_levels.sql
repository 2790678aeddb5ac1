-- DENSE_RANK counts distinct salary levels: 100, 100, 90, 80 ranks 1, 1, 2, 3 and returns all four.
SELECT department, name, salary
FROM (
  SELECT department, name, salary,
         DENSE_RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS r
  FROM employees
  WHERE salary IS NOT NULL
)
WHERE r <= 3
ORDER BY department, salary DESC, name;
