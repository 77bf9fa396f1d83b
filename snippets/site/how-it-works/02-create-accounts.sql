-- title: Step 1: create a table and add rows
CREATE TABLE accounts (
    id      INTEGER PRIMARY KEY,
    owner   VARCHAR NOT NULL,
    balance DECIMAL(12, 2) NOT NULL CHECK (balance >= 0)
);

INSERT INTO accounts VALUES (1, 'ana', 120.00), (2, 'bo', 35.50), (3, 'chen', 0.00);

SELECT * FROM accounts ORDER BY id;
