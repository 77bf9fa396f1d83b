-- title: Wrong: UNION ALL over a graph with cycles revisits the same roles forever
-- Which IAM roles can the CI pipeline reach by assuming one role from another?
CREATE TABLE can_assume (from_role VARCHAR, to_role VARCHAR, PRIMARY KEY (from_role, to_role));
INSERT INTO can_assume VALUES
    ('ci-deployer', 'build-artifacts'), ('ci-deployer', 'deploy-staging'),
    ('deploy-staging', 'deploy-prod'), ('deploy-prod', 'deploy-staging'),
    ('deploy-prod', 'break-glass-admin'), ('break-glass-admin', 'deploy-prod'),
    ('build-artifacts', 'log-reader'), ('build-artifacts', 'deploy-staging'),
    ('log-reader', 'audit-reader'), ('audit-reader', 'log-reader'),
    ('analyst', 'log-reader');

WITH RECURSIVE reach AS (
    SELECT 'ci-deployer' AS role, 0 AS hops
    UNION ALL
    SELECT a.to_role, r.hops + 1
    FROM reach AS r
    JOIN can_assume AS a ON a.from_role = r.role
    WHERE r.hops < 8          -- without this guard the query never ends
)
SELECT role, count(*) AS times_reached, min(hops) AS fewest_hops, max(hops) AS most_hops
FROM reach
GROUP BY role
ORDER BY fewest_hops, role;
