-- Counts colleagues earning at least as much (>=, which includes the employee), so a tie at third place drops both.
SELECT e.department, e.name, e.salary
FROM employees e
WHERE e.salary IS NOT NULL
  AND (SELECT COUNT(*) FROM employees e2
       WHERE e2.department = e.department AND e2.salary >= e.salary) <= 3
ORDER BY e.department, e.salary DESC, e.name;
