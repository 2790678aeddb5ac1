-- ROW_NUMBER numbers tied salaries 3 and 4, so one of two people tied at third place is dropped.
SELECT department, name, salary
FROM (
  SELECT department, name, salary,
         ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC) AS rn
  FROM employees
)
WHERE rn <= 3
ORDER BY department, salary DESC, name;
