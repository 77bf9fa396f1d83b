-- title: Step 3: a transfer that would overdraw is rejected
-- after: site/how-it-works/03-transfer.sql
UPDATE accounts SET balance = balance - 50.00 WHERE id = 2;
