-- title: Recursive CTE: walk the org chart down from the CEO, with depth and path
-- dataset: hr
WITH RECURSIVE org AS (
    -- anchor: the root of the tree
    SELECT id, name, title, 0 AS depth, name AS path
    FROM employees
    WHERE manager_id IS NULL
    UNION ALL
    -- recursive step: the direct reports of the rows found in the previous step
    SELECT e.id, e.name, e.title, org.depth + 1, org.path || ' > ' || e.name
    FROM employees AS e
    JOIN org ON e.manager_id = org.id
    WHERE e.termination_date IS NULL
),
numbered AS (
    SELECT org.*,
           count(*)     OVER (PARTITION BY depth)              AS employees,
           row_number() OVER (PARTITION BY depth ORDER BY id) AS hire_rank
    FROM org
)
SELECT depth, employees, path AS earliest_hire_path, title AS earliest_hire_title
FROM numbered
WHERE hire_rank = 1
ORDER BY depth;
