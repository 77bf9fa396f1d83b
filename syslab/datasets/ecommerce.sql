-- Systems Lab e-commerce sample database (DuckDB SQL).
--
--   categories  (13)    two-level taxonomy; parent_id is NULL for the 4 top-level rows
--   customers   (500)   name, email, country, city, signup_date; segment and referrer are nullable
--   products    (150)   name, leaf category_id, price, created_at; 10 to 20 launched Dec 2024, never ordered
--   orders      (~2500) customer_id, order_date 2023-01-01..2024-12-31, status, shipped_date (NULL if unshipped)
--   order_items (~6000) one row per (order_id, line_no): product_id, quantity, unit_price at order time
--   payments    (~2500) order_id, method, amount, paid_at; cancelled and some placed orders are unpaid,
--                       a few orders are split between a gift card and a card
--   reviews     (~1200) product_id, customer_id, rating 1-5, review_date; at most one per customer and product
--
-- Deliberate edge cases: customers without orders, products never ordered or never reviewed, an empty
-- category (Audiobooks), tied prices, order counts and ratings, repeat orders on consecutive days, no
-- orders at all from 2023-08-14 to 2023-08-20 (outage), November unit prices 20% below list price.
--
-- Foreign keys are noted in comments, not declared: the site copies this database with COPY FROM DATABASE,
-- which fills tables in name order (order_items before orders), so declared foreign keys would fail the copy.
--
-- Deterministic: every "random" value is integer arithmetic on a row key and the seed read with
-- getvariable('dataset_seed') (0 = the copy pages show). No random(), hash(), clock or extensions.

-- _key(i): mixes a row key with the seed once per row, into [0, p) for the prime p = 2^31 - 1.
-- _rnd(x, salt, m): pseudo-random integer in [0, m) from a mixed key x; salt separates attributes.
-- Squaring modulo p makes attributes of one row, and neighbouring rows, look unrelated.
CREATE OR REPLACE TEMP MACRO _key(i) AS (
    ((i::BIGINT * 7919 + coalesce(getvariable('dataset_seed'), 0)::BIGINT * 1000003 + 17) % 2147483647
     + 2147483647) % 2147483647);
CREATE OR REPLACE TEMP MACRO _sq(y) AS (y * y % 2147483647);
CREATE OR REPLACE TEMP MACRO _rnd(x, salt, m) AS (_sq((x + salt * 104729) % 2147483647) % m);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    name      VARCHAR NOT NULL UNIQUE,
    parent_id INTEGER CHECK (parent_id <> id)  -- categories.id; NULL for a top-level category
);
INSERT INTO categories VALUES
    (1, 'Electronics', NULL), (2, 'Home & Kitchen', NULL), (3, 'Sports & Outdoors', NULL), (4, 'Books', NULL),
    (5, 'Phones', 1), (6, 'Laptops', 1), (7, 'Audio', 1), (8, 'Cookware', 2), (9, 'Furniture', 2),
    (10, 'Fitness', 3), (11, 'Camping', 3), (12, 'Fiction', 4), (13, 'Audiobooks', 4);

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    email       VARCHAR NOT NULL UNIQUE,
    country     VARCHAR NOT NULL,
    city        VARCHAR NOT NULL,
    signup_date DATE NOT NULL,
    segment     VARCHAR CHECK (segment IN ('consumer', 'small_business', 'enterprise')),
    referrer    VARCHAR CHECK (referrer IN ('search', 'social', 'friend', 'newsletter'))
);
INSERT INTO customers
SELECT i, first_name || ' ' || last_name,
       lower(first_name) || '.' || lower(last_name) || i || '@example.' || ['com', 'net', 'org'][1 + _rnd(x, 3, 3)],
       loc.country, loc.city,
       DATE '2022-07-01' + _rnd(x, 4, 880)::INTEGER,
       CASE WHEN _rnd(x, 5, 100) < 8 THEN NULL
            ELSE ['consumer', 'consumer', 'consumer', 'small_business', 'enterprise'][1 + _rnd(x, 6, 5)] END,
       CASE WHEN _rnd(x, 7, 100) < 35 THEN NULL
            ELSE ['search', 'social', 'friend', 'newsletter'][1 + _rnd(x, 8, 4)] END
FROM (
    SELECT i, x,
           ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Dennis',
            'Radia', 'Linus', 'Sophie', 'Tim', 'Katherine', 'John', 'Hedy', 'Niklaus', 'Joan', 'Bjarne',
            'Mary', 'Guido', 'Adele', 'James'][1 + _rnd(x, 1, 24)] AS first_name,
           ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen',
            'Ritchie', 'Perlman', 'Torvalds', 'Wilson', 'Lee', 'Johnson', 'Backus', 'Lamarr', 'Wirth', 'Clarke',
            'Stroustrup'][1 + _rnd(x, 2, 20)] AS last_name,
           [{'country': 'United States', 'city': 'New York'}, {'country': 'United States', 'city': 'Chicago'},
            {'country': 'United States', 'city': 'Austin'}, {'country': 'United States', 'city': 'Seattle'},
            {'country': 'United States', 'city': 'New York'}, {'country': 'United States', 'city': 'Denver'},
            {'country': 'Canada', 'city': 'Toronto'}, {'country': 'Canada', 'city': 'Vancouver'},
            {'country': 'United Kingdom', 'city': 'London'}, {'country': 'United Kingdom', 'city': 'London'},
            {'country': 'United Kingdom', 'city': 'Manchester'}, {'country': 'Germany', 'city': 'Berlin'},
            {'country': 'Germany', 'city': 'Munich'}, {'country': 'France', 'city': 'Paris'},
            {'country': 'France', 'city': 'Lyon'}, {'country': 'Spain', 'city': 'Madrid'},
            {'country': 'Brazil', 'city': 'Sao Paulo'}, {'country': 'Japan', 'city': 'Tokyo'},
            {'country': 'India', 'city': 'Bangalore'}, {'country': 'Australia', 'city': 'Sydney'}
           ][1 + _rnd(x, 9, 20)] AS loc
    FROM (SELECT i, _key(i) AS x FROM range(1, 501) t(i))
);

CREATE TABLE products (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR NOT NULL,
    category_id INTEGER NOT NULL,  -- categories.id (a leaf)
    price       DECIMAL(10, 2) NOT NULL CHECK (price > 0),
    created_at  TIMESTAMP NOT NULL
);
INSERT INTO products
SELECT id,
       ['Aero', 'Nova', 'Summit', 'Pulse', 'Terra', 'Vista', 'Echo', 'Orbit', 'Atlas', 'Zen', 'Flux', 'Core'
       ][1 + (k + seed * 5) % 12] || ' ' ||
       [['Phone', 'Phone Pro'], ['Laptop', 'Ultrabook'], ['Headphones', 'Speaker'], ['Skillet', 'Stockpot'],
        ['Desk', 'Chair'], ['Dumbbells', 'Yoga Mat'], ['Tent', 'Backpack'], ['Novel', 'Short Stories']
       ][category_id - 4][1 + k // 12],
       category_id,
       CAST([299, 899, 79, 39, 189, 29, 59, 12][category_id - 4] * [2, 3, 4, 4, 5, 6, 8][1 + _rnd(x, 10, 7)] // 4
            AS DECIMAL(10, 2)) - 0.01,
       CASE WHEN _rnd(x, 11, 100) < 7   -- launched in December 2024: never ordered
            THEN TIMESTAMP '2024-12-02 09:00:00' + to_days(_rnd(x, 12, 25)::INTEGER)
            ELSE TIMESTAMP '2022-01-03 09:00:00' + to_days(_rnd(x, 12, 360)::INTEGER)
       END + to_minutes(_rnd(x, 13, 480))
FROM (
    SELECT i AS id, _key(i) AS x, (i - 1) // 8 AS k, seed, 5 + (i + seed) % 8 AS category_id
    FROM range(1, 151) t(i), (SELECT abs(coalesce(getvariable('dataset_seed'), 0)::BIGINT) AS seed)
);

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL,  -- customers.id
    order_date   DATE NOT NULL,
    status       VARCHAR NOT NULL CHECK (status IN ('placed', 'shipped', 'delivered', 'cancelled', 'returned')),
    shipped_date DATE CHECK (shipped_date >= order_date)
);
INSERT INTO orders
WITH plan AS (   -- j-th of n orders of each customer (n = 0 for some)
    SELECT id AS customer_id, signup_date, n, j, _key(id * 100 + j) AS x
    FROM (SELECT id, signup_date,
                 [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 20][1 + _rnd(_key(id), 20, 20)] AS n
          FROM customers), range(1, 21) r(j)
    WHERE j <= n
), dated AS (    -- days since the previous order: 1 (a streak) about 30% of the time
    SELECT customer_id, j, x,
           signup_date + (sum(CASE WHEN j = 1 THEN _rnd(x, 21, 60)
                                   WHEN _rnd(x, 22, 10) < 3 THEN 1
                                   ELSE 2 + _rnd(x, 23, 700 // (n + 1)) END)
                          OVER (PARTITION BY customer_id ORDER BY j))::INTEGER AS order_date
    FROM plan
), kept AS (
    SELECT *, DATE '2024-12-31' - order_date AS age, _rnd(x, 24, 100) AS r
    FROM dated
    WHERE order_date BETWEEN DATE '2023-01-01' AND DATE '2024-12-31'
      AND order_date NOT BETWEEN DATE '2023-08-14' AND DATE '2023-08-20'
), st AS (
    SELECT *, CASE WHEN r < 6 THEN 'cancelled'
                   WHEN age <= 3 THEN CASE WHEN r < 60 THEN 'placed' ELSE 'shipped' END
                   WHEN age <= 10 THEN CASE WHEN r < 15 THEN 'placed' ELSE 'shipped' END
                   WHEN r < 11 THEN 'returned'
                   ELSE 'delivered' END AS status
    FROM kept
)
SELECT row_number() OVER (ORDER BY order_date, customer_id, j), customer_id, order_date, status,
       CASE WHEN status IN ('shipped', 'delivered', 'returned')
            THEN least(order_date + (1 + _rnd(x, 25, 4))::INTEGER, DATE '2024-12-31') END
FROM st;

CREATE TABLE order_items (
    order_id   INTEGER NOT NULL,  -- orders.id
    line_no    INTEGER NOT NULL CHECK (line_no >= 1),
    product_id INTEGER NOT NULL,  -- products.id
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price DECIMAL(10, 2) NOT NULL CHECK (unit_price > 0),
    PRIMARY KEY (order_id, line_no)
);
INSERT INTO order_items
WITH catalog AS (  -- orderable products, numbered 0..p-1 in a seed-dependent popularity order
    SELECT id, price, row_number() OVER (ORDER BY _rnd(_key(id), 40, 1000000), id) - 1 AS pop
    FROM products WHERE created_at < TIMESTAMP '2023-01-01'
), heads AS (
    SELECT id, order_date, p, _rnd(x, 41, p) AS r, [1, 1, 1, 2, 2, 2, 3, 3, 4, 5][1 + _rnd(x, 42, 10)] AS n_lines
    FROM (SELECT id, order_date, _key(id) AS x FROM orders), (SELECT count(*) AS p FROM catalog)
), lines AS (      -- r * r // p favours popular products; lines of one order are 11 apart, so distinct
    SELECT h.id AS order_id, l AS line_no, h.order_date, _key(h.id * 8 + l) AS x,
           (h.r * h.r // h.p + 11 * (l - 1)) % h.p AS pop
    FROM heads h, range(1, 6) r(l)
    WHERE l <= h.n_lines
)
SELECT l.order_id, l.line_no, c.id,
       CASE WHEN c.price >= 500 THEN 1 ELSE [1, 1, 1, 1, 1, 1, 2, 2, 3, 4][1 + _rnd(l.x, 43, 10)] END,
       CASE WHEN month(l.order_date) = 11 THEN CAST(c.price * 0.8 AS DECIMAL(10, 2)) ELSE c.price END
FROM lines l JOIN catalog c USING (pop);

CREATE TABLE payments (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL,  -- orders.id
    method   VARCHAR NOT NULL CHECK (method IN ('card', 'paypal', 'gift_card', 'bank_transfer')),
    amount   DECIMAL(12, 2) NOT NULL CHECK (amount > 0),
    paid_at  TIMESTAMP NOT NULL
);
INSERT INTO payments
WITH totals AS (
    SELECT o.id, o.order_date, o.status, _key(o.id) AS x, sum(i.quantity * i.unit_price)::DECIMAL(12, 2) AS total
    FROM orders o JOIN order_items i ON i.order_id = o.id
    WHERE o.status <> 'cancelled'
    GROUP BY o.id, o.order_date, o.status
), paid AS (       -- about half of the 'placed' orders are still unpaid
    SELECT *, _rnd(x, 50, 100) < 7 AND total > 40 AS split,
           ['card', 'card', 'card', 'card', 'card', 'card', 'paypal', 'paypal', 'paypal', 'bank_transfer',
            'bank_transfer', 'gift_card'][1 + _rnd(x, 51, 12)] AS method
    FROM totals
    WHERE status <> 'placed' OR _rnd(x, 52, 2) = 0
), parts AS (      -- split orders: 25.00 from a gift card, the rest by card
    SELECT id, order_date, x, 1 AS part, CASE WHEN split THEN 'gift_card' ELSE method END AS method,
           CASE WHEN split THEN 25.00 ELSE total END AS amount
    FROM paid
    UNION ALL
    SELECT id, order_date, x, 2, 'card', total - 25.00 FROM paid WHERE split
)
SELECT row_number() OVER (ORDER BY paid_at, order_id, part), order_id, method, amount, paid_at
FROM (
    SELECT id AS order_id, part, method, amount,
           least(order_date + to_minutes(480 + _rnd(x, 53, 900) + part)
                 + to_days(CASE WHEN method = 'bank_transfer' THEN 1 + _rnd(x, 54, 2)::INTEGER ELSE 0 END),
                 TIMESTAMP '2024-12-31 23:59:00') AS paid_at
    FROM parts
);

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL,  -- products.id
    customer_id INTEGER NOT NULL,  -- customers.id
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    review_date DATE NOT NULL,
    UNIQUE (product_id, customer_id)
);
INSERT INTO reviews
WITH bought AS (   -- first delivered or returned purchase of each product by each customer
    SELECT i.product_id, o.customer_id, o.status, o.shipped_date, _key(o.id * 8 + i.line_no) AS x
    FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE o.status IN ('delivered', 'returned')
    QUALIFY row_number() OVER (PARTITION BY o.customer_id, i.product_id ORDER BY o.order_date, o.id) = 1
), picked AS (     -- about 1 in 4 purchases is reviewed; one product in eight is a dud
    SELECT product_id, customer_id, shipped_date + (2 + _rnd(x, 61, 21))::INTEGER AS review_date,
           CASE WHEN status = 'returned' THEN [1, 1, 2, 2, 3][1 + _rnd(x, 62, 5)]
                ELSE greatest(1, [5, 5, 5, 5, 5, 4, 4, 4, 3, 2][1 + _rnd(x, 63, 10)]
                                 - CASE WHEN _rnd(_key(product_id), 64, 8) = 0 THEN 2 ELSE 0 END) END AS rating
    FROM bought
    WHERE _rnd(x, 60, 100) < CASE WHEN status = 'returned' THEN 50 ELSE 23 END
)
SELECT row_number() OVER (ORDER BY review_date, product_id, customer_id), product_id, customer_id, rating, review_date
FROM picked
WHERE review_date <= DATE '2024-12-31';

DROP MACRO _rnd;
DROP MACRO _sq;
DROP MACRO _key;
