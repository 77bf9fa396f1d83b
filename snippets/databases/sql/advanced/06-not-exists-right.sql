-- title: Right: the same question with NOT EXISTS
-- dataset: hr
SELECT d.name AS department, count(*) AS individual_contributors
FROM employees AS e
JOIN departments AS d ON d.id = e.department_id
WHERE e.termination_date IS NULL
  AND NOT EXISTS (
      SELECT 1
      FROM employees AS report
      WHERE report.manager_id = e.id
  )
GROUP BY d.name
ORDER BY d.name;
