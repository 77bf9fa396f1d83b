-- title: PostgreSQL stored procedure: a transfer that logs its outcome, called with CALL
-- engine: postgresql
CREATE TABLE accounts (
    id      integer PRIMARY KEY,
    owner   text NOT NULL,
    balance numeric(12, 2) NOT NULL CHECK (balance >= 0)
);
INSERT INTO accounts VALUES (1, 'Ada', 100.00), (2, 'Grace', 50.00);

CREATE TABLE transfer_log (
    call_no   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_id   integer,
    to_id     integer,
    amount    numeric(12, 2),
    outcome   text,
    balance_1 numeric(12, 2),
    balance_2 numeric(12, 2)
);

CREATE PROCEDURE transfer(p_from integer, p_to integer, p_amount numeric)
LANGUAGE plpgsql
AS $$
DECLARE
    v_outcome text := 'done';
BEGIN
    -- An inner block with an EXCEPTION clause runs as a subtransaction: an error inside it
    -- undoes only the block's own changes, and the handler decides what happens next.
    BEGIN
        IF p_amount <= 0 THEN
            RAISE EXCEPTION 'amount must be positive';
        END IF;
        UPDATE accounts SET balance = balance - p_amount WHERE id = p_from;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no account %', p_from;
        END IF;
        UPDATE accounts SET balance = balance + p_amount WHERE id = p_to;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no account %', p_to;
        END IF;
    EXCEPTION
        WHEN check_violation THEN
            v_outcome := 'rejected: insufficient funds';
        WHEN raise_exception THEN
            v_outcome := 'rejected: ' || SQLERRM;
    END;
    INSERT INTO transfer_log (from_id, to_id, amount, outcome, balance_1, balance_2)
    SELECT p_from, p_to, p_amount, v_outcome,
           (SELECT balance FROM accounts WHERE id = 1),
           (SELECT balance FROM accounts WHERE id = 2);
END;
$$;

CALL transfer(1, 2, 30.00);
CALL transfer(2, 1, 500.00);
CALL transfer(1, 99, 10.00);
CALL transfer(2, 1, -5.00);

SELECT call_no, from_id, to_id, amount, outcome, balance_1, balance_2
FROM transfer_log
ORDER BY call_no;
