-- title: Savepoints undo part of a transaction
-- engine: postgresql
CREATE TABLE cart_events (
    id   integer PRIMARY KEY,
    note text NOT NULL
);

BEGIN;
INSERT INTO cart_events VALUES (1, 'cart created');
SAVEPOINT add_items;
INSERT INTO cart_events VALUES (2, 'tent added'), (3, 'stove added');
ROLLBACK TO SAVEPOINT add_items;  -- undoes rows 2 and 3; the transaction stays open
INSERT INTO cart_events VALUES (4, 'tent added on retry');
RELEASE SAVEPOINT add_items;      -- forget the savepoint, keep the work done since it
COMMIT;

-- A PL/pgSQL block with an EXCEPTION clause runs inside an implicit savepoint:
-- when a statement in it fails, everything the block did is undone and the handler runs.
DO $$
BEGIN
    INSERT INTO cart_events VALUES (5, 'coupon applied');
    INSERT INTO cart_events VALUES (6, NULL);  -- violates NOT NULL
EXCEPTION WHEN not_null_violation THEN
    INSERT INTO cart_events VALUES (7, 'coupon rejected');
END
$$;

SELECT id, note
FROM cart_events
ORDER BY id;
