-- title: Step 2: move money inside one transaction
-- after: site/how-it-works/02-create-accounts.sql
BEGIN TRANSACTION;
UPDATE accounts SET balance = balance - 20.00 WHERE id = 1;
UPDATE accounts SET balance = balance + 20.00 WHERE id = 3;
COMMIT;

SELECT owner, balance, sum(balance) OVER () AS total_unchanged
FROM accounts
ORDER BY id;
