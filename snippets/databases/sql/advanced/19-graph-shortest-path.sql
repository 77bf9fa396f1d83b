-- title: Cycle protection that keeps the path: never step onto a role already on it
-- after: databases/sql/advanced/17-graph-cycle-wrong.sql
WITH RECURSIVE walk AS (
    SELECT 'ci-deployer' AS role, 0 AS hops, ['ci-deployer'] AS path
    UNION ALL
    SELECT a.to_role, w.hops + 1, list_append(w.path, a.to_role)
    FROM walk AS w
    JOIN can_assume AS a ON a.from_role = w.role
    WHERE NOT list_contains(w.path, a.to_role)
),
ranked AS (
    SELECT role, hops, array_to_string(path, ' -> ') AS path_text,
           count(*)     OVER (PARTITION BY role)                                  AS simple_paths_found,
           row_number() OVER (PARTITION BY role ORDER BY hops, array_to_string(path, ' -> ')) AS rn
    FROM walk
)
SELECT role, hops, path_text AS shortest_path, simple_paths_found
FROM ranked
WHERE rn = 1
ORDER BY hops, role;
