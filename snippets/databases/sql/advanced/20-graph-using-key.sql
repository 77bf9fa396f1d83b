-- title: DuckDB USING KEY: keep one row per role, the one with the fewest hops
-- dialect_note: USING KEY and the recurring table are DuckDB extensions to recursive CTEs; PostgreSQL has neither (its CYCLE clause is shown further down the page).
-- after: databases/sql/advanced/17-graph-cycle-wrong.sql
WITH RECURSIVE reach(role, hops, via) USING KEY (role) AS (
    SELECT 'ci-deployer', 0, NULL::VARCHAR
    UNION
    SELECT a.to_role, r.hops + 1, r.role
    FROM reach AS r
    JOIN can_assume AS a ON a.from_role = r.role
    -- recurring.reach is everything found so far: only keep a role reached by a shorter route
    LEFT JOIN recurring.reach AS seen ON seen.role = a.to_role
    WHERE seen.role IS NULL OR seen.hops > r.hops + 1
)
SELECT role, hops, via
FROM reach
ORDER BY hops, role;
