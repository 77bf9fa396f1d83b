-- title: Recursive CTE: direct and indirect reports of every Engineering manager
-- dataset: hr
WITH RECURSIVE current_staff AS (
    SELECT * FROM employees WHERE termination_date IS NULL
),
reports AS (
    -- anchor: every (manager, direct report) pair, one level apart
    SELECT manager_id AS manager, id AS report, 1 AS levels_down
    FROM current_staff
    WHERE manager_id IS NOT NULL
    UNION ALL
    -- recursive step: the reports of a report are reports too, one level further down
    SELECT r.manager, e.id, r.levels_down + 1
    FROM reports AS r
    JOIN current_staff AS e ON e.manager_id = r.report
)
SELECT
    m.id,
    m.name,
    m.title,
    count(r.report) FILTER (WHERE r.levels_down = 1) AS direct_reports,
    count(r.report)                                  AS all_reports,
    coalesce(max(r.levels_down), 0)                  AS levels_below
FROM current_staff AS m
LEFT JOIN reports AS r ON r.manager = m.id
WHERE m.department_id IN (SELECT id FROM departments WHERE name IN ('Engineering', 'Platform', 'Data'))
  AND (m.title LIKE '%Manager%' OR m.title LIKE 'Director%' OR m.title LIKE 'VP%')
GROUP BY m.id, m.name, m.title
ORDER BY all_reports DESC, m.id;
