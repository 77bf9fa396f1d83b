-- title: Row-level security: one table, each tenant sees only its own rows
-- engine: postgresql
DROP ROLE IF EXISTS fund_tenant_app;  -- roles are server-wide: start clean
CREATE ROLE fund_tenant_app NOLOGIN;  -- the role a multi-tenant application connects as

CREATE TABLE tickets (
    id        integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    subject   text NOT NULL
);
INSERT INTO tickets VALUES
    (1, 1, 'Refund for order 1001'),
    (2, 2, 'Tent arrived damaged'),
    (3, 1, 'Change delivery address'),
    (4, 3, 'Copy of invoice');

ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
-- The app sets app.tenant_id in each transaction. When the setting is missing (NULL)
-- or reset (''), the comparison is NULL and no row matches: the policy fails closed.
CREATE POLICY tenant_isolation ON tickets
    FOR ALL TO fund_tenant_app
    USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer)
    WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer);
GRANT SELECT, INSERT ON tickets TO fund_tenant_app;

-- What each viewer gets: the ids of the tickets it can see, or what happened to its write.
CREATE TABLE seen (step integer PRIMARY KEY, viewer text NOT NULL, result text NOT NULL);
GRANT INSERT ON seen TO fund_tenant_app;
-- security_invoker: the view applies the policy of whoever queries it, not of its owner
CREATE VIEW visible_ids WITH (security_invoker = true) AS
SELECT coalesce(string_agg(id::text, ', ' ORDER BY id), '(none)') AS ids FROM tickets;
GRANT SELECT ON visible_ids TO fund_tenant_app;

SET ROLE fund_tenant_app;
SET app.tenant_id = '1';
INSERT INTO seen SELECT 1, 'app as tenant 1', ids FROM visible_ids;
SET app.tenant_id = '2';
INSERT INTO tickets VALUES (5, 2, 'Where is my order?');  -- passes WITH CHECK: its own tenant
INSERT INTO seen SELECT 2, 'app as tenant 2', ids FROM visible_ids;
DO $$
BEGIN
    INSERT INTO tickets VALUES (6, 1, 'Written into tenant 1 by tenant 2');
    INSERT INTO seen VALUES (3, 'app as tenant 2, writing for tenant 1', 'inserted');
EXCEPTION WHEN insufficient_privilege THEN
    INSERT INTO seen VALUES (3, 'app as tenant 2, writing for tenant 1', 'rejected: ' || SQLERRM);
END
$$;
RESET app.tenant_id;
INSERT INTO seen SELECT 4, 'app with no tenant set', ids FROM visible_ids;
RESET ROLE;

-- A superuser bypasses the policy, and so does the table's owner
-- unless the table has FORCE ROW LEVEL SECURITY.
INSERT INTO seen SELECT 5, 'superuser', ids FROM visible_ids;

DROP OWNED BY fund_tenant_app;
DROP ROLE fund_tenant_app;

SELECT step, viewer, result
FROM seen
ORDER BY step;
