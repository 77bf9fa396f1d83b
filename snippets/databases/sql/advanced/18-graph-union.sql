-- title: Right: UNION discards rows already found, so the recursion stops
-- after: databases/sql/advanced/17-graph-cycle-wrong.sql
WITH RECURSIVE reach AS (
    SELECT 'ci-deployer' AS role
    UNION                     -- not UNION ALL: a role already in the result is not added again
    SELECT a.to_role
    FROM reach AS r
    JOIN can_assume AS a ON a.from_role = r.role
)
SELECT role
FROM reach
ORDER BY role;
