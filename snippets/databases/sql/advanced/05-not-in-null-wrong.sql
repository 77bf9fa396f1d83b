-- title: Wrong: individual contributors per department with NOT IN
-- dataset: hr
-- An individual contributor manages nobody. The CEO's manager_id is NULL, so the subquery returns a NULL.
SELECT d.name AS department, count(*) AS individual_contributors
FROM employees AS e
JOIN departments AS d ON d.id = e.department_id
WHERE e.termination_date IS NULL
  AND e.id NOT IN (SELECT manager_id FROM employees)
GROUP BY d.name
ORDER BY d.name;
