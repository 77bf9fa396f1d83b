-- title: PostgreSQL 14+: the standard CYCLE clause marks and stops cycles for you
-- engine: postgresql
CREATE TABLE can_assume (from_role text, to_role text, PRIMARY KEY (from_role, to_role));
INSERT INTO can_assume VALUES
    ('ci-deployer', 'build-artifacts'), ('ci-deployer', 'deploy-staging'),
    ('deploy-staging', 'deploy-prod'), ('deploy-prod', 'deploy-staging'),
    ('deploy-prod', 'break-glass-admin'), ('break-glass-admin', 'deploy-prod'),
    ('build-artifacts', 'log-reader'), ('build-artifacts', 'deploy-staging'),
    ('log-reader', 'audit-reader'), ('audit-reader', 'log-reader'),
    ('analyst', 'log-reader');

WITH RECURSIVE reach(role, hops) AS (
    SELECT 'ci-deployer'::text, 0
    UNION ALL
    SELECT a.to_role, r.hops + 1
    FROM reach AS r
    JOIN can_assume AS a ON a.from_role = r.role
) CYCLE role SET is_cycle USING path
SELECT role,
       min(hops)                              AS fewest_hops,
       count(*) FILTER (WHERE NOT is_cycle)   AS simple_paths,
       count(*) FILTER (WHERE is_cycle)       AS cycles_cut_here,
       replace(translate(min(path::text COLLATE "C") FILTER (WHERE is_cycle), '{()}', ''), ',', ' -> ')
                                              AS first_cycle_cut
FROM reach
GROUP BY role
ORDER BY fewest_hops, role;
