-- title: Roles, GRANT and REVOKE: each role gets only what its job needs
-- engine: postgresql
-- Roles belong to the whole server, not to one database:
-- start clean in case an earlier run stopped half-way.
DROP ROLE IF EXISTS fund_analyst, fund_checkout_svc, fund_reporting, fund_checkout;

-- Group roles hold privileges; the login roles of people and apps inherit them as members.
CREATE ROLE fund_reporting NOLOGIN;
CREATE ROLE fund_checkout NOLOGIN;
CREATE ROLE fund_analyst LOGIN IN ROLE fund_reporting;
CREATE ROLE fund_checkout_svc LOGIN IN ROLE fund_checkout;

CREATE SCHEMA shop;
CREATE TABLE shop.orders (
    id             integer PRIMARY KEY,
    customer_email text NOT NULL,
    status         text NOT NULL,
    total          numeric(12, 2) NOT NULL
);
INSERT INTO shop.orders VALUES (1, 'ada@example.com', 'placed', 120.00);
-- the report view leaves out the e-mail addresses
CREATE VIEW shop.orders_report AS SELECT id, status, total FROM shop.orders;

GRANT USAGE ON SCHEMA shop TO fund_reporting, fund_checkout;
GRANT SELECT ON shop.orders_report TO fund_reporting;
GRANT SELECT, INSERT ON shop.orders TO fund_checkout;
GRANT UPDATE (status) ON shop.orders TO fund_checkout;  -- a column privilege: status only
GRANT DELETE ON shop.orders TO fund_checkout;
REVOKE DELETE ON shop.orders FROM fund_checkout;        -- orders are cancelled, never deleted

-- Run a statement as a role and report whether it was allowed. The EXCEPTION block rolls back
-- the failed statement and the SET LOCAL ROLE with it.
CREATE FUNCTION try_as(who text, statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SET LOCAL ROLE %I', who);
    EXECUTE statement;
    RESET ROLE;
    RETURN 'allowed';
EXCEPTION WHEN insufficient_privilege THEN
    RETURN SQLERRM;
END
$$;

CREATE TABLE attempts AS
SELECT step, who, statement, try_as(who, statement) AS outcome
FROM (VALUES
    (1, 'fund_analyst',      'SELECT count(*) FROM shop.orders_report'),
    (2, 'fund_analyst',      'SELECT customer_email FROM shop.orders'),
    (3, 'fund_checkout_svc', 'INSERT INTO shop.orders VALUES (2, ''bo@example.com'', ''placed'', 9)'),
    (4, 'fund_checkout_svc', 'UPDATE shop.orders SET status = ''shipped'' WHERE id = 1'),
    (5, 'fund_checkout_svc', 'UPDATE shop.orders SET total = 0 WHERE id = 1'),
    (6, 'fund_checkout_svc', 'DELETE FROM shop.orders WHERE id = 1')
) AS t (step, who, statement)
ORDER BY step;

-- clean up: drop what the roles own or were granted here, then the roles
DROP OWNED BY fund_analyst, fund_checkout_svc, fund_reporting, fund_checkout;
DROP ROLE fund_analyst, fund_checkout_svc, fund_reporting, fund_checkout;

SELECT step, who, statement, outcome
FROM attempts
ORDER BY step;
