-- Systems Lab HR / org sample database (DuckDB SQL). Data as of 2024-06-30.
--
--   departments         (12)    name, location; parent_id is NULL for Executive, the root of a 3-level tree
--   employees           (394)   name, email, department_id, manager_id (NULL only for the CEO), title, level,
--                               hire_date, termination_date (NULL = current staff), rehire_of (earlier stint)
--   salaries            (~1050) salary history: [from_date, to_date) intervals, to_date NULL on the current row
--   titles              (~500)  title and level history: [from_date, to_date) intervals, a new row per promotion
--   projects            (20)    department_id (owner), start_date, end_date (NULL = not finished), budget
--   project_assignments (~370)  one row per (project_id, employee_id): role, allocation_pct
--
-- Conventions: every interval is half-open. An employment is [hire_date, termination_date): termination_date is
-- the first day no longer employed. Salary and title rows of one employee tile [hire_date, termination_date)
-- without gaps or overlaps: each row's to_date is the next row's from_date, the last row's to_date is the
-- termination_date (NULL for current staff). Salaries change at hire, at promotions and at the yearly review on
-- April 1; level is 2-5 for individual contributors, 6-7 for managers and directors, NULL for executives
-- (CEO, VPs, CFO, General Counsel) and interns. employees.title and level are the current (or last) ones.
-- Departments are the same in every seed; every other table changes with the seed.
--
-- Deliberate edge cases: the manager tree is 6 levels deep (CEO > VP > director > manager > senior engineer >
-- intern); an engineering manager hired in May 2024 has no reports yet; Research has no employees and Legal
-- only a General Counsel who left in 2023; some staff engineers earn more than their manager; tied salaries and
-- hire dates; about 1 employment in 10 has ended (a few within 3 months); 8 people were rehired under a new id
-- (same name and email, rehire_of = the earlier id), one of them into another team and one left again; two
-- pairs of different people share a name (their emails differ); no raises on 2020-04-01 except a 10% pay cut
-- for executives and directors, restored on 2021-04-01; a Research project with no assignments; a few people
-- on every project of their department; some employees allocated above 100%.
--
-- Foreign keys are noted in comments, not declared: the site copies this database with COPY FROM DATABASE,
-- which fills tables in name order, so declared foreign keys (even employees.manager_id) would fail the copy.
--
-- Deterministic: every "random" value is integer arithmetic on a row key and the seed read with
-- getvariable('dataset_seed') (0 = the copy pages show). No random(), hash(), clock or extensions.

-- _hr_key(i): mixes a row key with the seed once per row, into [0, p) for the prime p = 2^31 - 1.
-- _hr_rnd(x, salt, m): pseudo-random integer in [0, m) from a mixed key x; salt separates attributes.
-- _hr_r(v, step): v rounded to a multiple of step.
CREATE OR REPLACE TEMP MACRO _hr_key(i) AS (
    ((i::BIGINT * 7919 + coalesce(getvariable('dataset_seed'), 0)::BIGINT * 1000003 + 29) % 2147483647
     + 2147483647) % 2147483647);
CREATE OR REPLACE TEMP MACRO _hr_sq(y) AS (y * y % 2147483647);
CREATE OR REPLACE TEMP MACRO _hr_rnd(x, salt, m) AS (_hr_sq((x + salt * 104729) % 2147483647) % m);
CREATE OR REPLACE TEMP MACRO _hr_r(v, step) AS ((v + step // 2) // step * step);

CREATE TABLE departments (
    id        INTEGER PRIMARY KEY,
    name      VARCHAR NOT NULL UNIQUE,
    parent_id INTEGER CHECK (parent_id <> id),  -- departments.id; NULL for the root (Executive)
    location  VARCHAR NOT NULL
);
INSERT INTO departments VALUES
    (1, 'Executive', NULL, 'New York'), (2, 'Engineering', 1, 'San Francisco'), (3, 'Platform', 2, 'San Francisco'),
    (4, 'Data', 2, 'Berlin'), (5, 'Research', 2, 'Berlin'), (6, 'Product', 1, 'San Francisco'),
    (7, 'Sales', 1, 'New York'), (8, 'Sales EMEA', 7, 'London'), (9, 'Marketing', 1, 'New York'),
    (10, 'Finance', 1, 'New York'), (11, 'People', 1, 'London'), (12, 'Legal', 1, 'New York');

-- Staging: one row per employment stint, keyed by k (28 fixed leadership rows, 350 individual contributors,
-- 8 rehires, 8 interns); id numbers the stints by hire date.
CREATE TEMP TABLE _hr_stint AS
WITH boss(k, dept, mk, title, lvl, base, hire_lo, hire_span, left_on) AS (VALUES
    (1, 1, NULL, 'Chief Executive Officer', NULL, 290000, DATE '2015-03-02', 0, NULL),
    (2, 1, 1, 'Executive Assistant', 3, 62000, DATE '2018-06-04', 400, NULL),
    (3, 2, 1, 'VP of Engineering', NULL, 250000, DATE '2015-04-01', 120, NULL),
    (4, 6, 1, 'VP of Product', NULL, 210000, DATE '2016-01-04', 300, NULL),
    (5, 7, 1, 'VP of Sales', NULL, 205000, DATE '2015-09-01', 200, NULL),
    (6, 9, 1, 'VP of Marketing', NULL, 190000, DATE '2016-06-01', 400, NULL),
    (7, 10, 1, 'Chief Financial Officer', NULL, 225000, DATE '2016-03-01', 300, NULL),
    (8, 11, 1, 'VP of People', NULL, 180000, DATE '2017-01-09', 400, NULL),
    (9, 12, 1, 'General Counsel', NULL, 200000, DATE '2017-05-01', 300, DATE '2023-09-01'),
    (10, 3, 3, 'Director of Platform Engineering', 7, 210000, DATE '2015-11-02', 300, NULL),
    (11, 4, 3, 'Director of Data', 7, 205000, DATE '2017-09-04', 400, NULL),
    (12, 3, 10, 'Engineering Manager', 6, 180000, DATE '2016-06-01', 700, NULL),
    (13, 3, 10, 'Engineering Manager', 6, 180000, DATE '2017-06-01', 900, NULL),
    (14, 3, 10, 'Engineering Manager', 6, 180000, DATE '2019-01-07', 900, NULL),
    (15, 4, 11, 'Data Engineering Manager', 6, 178000, DATE '2018-03-05', 700, NULL),
    (16, 4, 11, 'Data Science Manager', 6, 182000, DATE '2018-09-03', 700, NULL),
    (17, 2, 3, 'Engineering Manager', 6, 180000, DATE '2019-04-01', 800, NULL),
    (18, 6, 4, 'Group Product Manager', 6, 185000, DATE '2017-02-06', 600, NULL),
    (19, 6, 4, 'Design Manager', 6, 165000, DATE '2018-01-08', 700, NULL),
    (20, 7, 5, 'Sales Director, Americas', 7, 185000, DATE '2016-02-01', 500, NULL),
    (21, 8, 5, 'Sales Director, EMEA', 7, 180000, DATE '2017-10-02', 500, NULL),
    (22, 7, 20, 'Sales Manager', 6, 150000, DATE '2017-04-03', 700, NULL),
    (23, 7, 20, 'Sales Manager', 6, 150000, DATE '2018-08-06', 700, NULL),
    (24, 8, 21, 'Sales Manager', 6, 148000, DATE '2018-11-05', 700, NULL),
    (25, 9, 6, 'Marketing Manager', 6, 140000, DATE '2017-08-07', 700, NULL),
    (26, 10, 7, 'Controller', 6, 150000, DATE '2017-03-06', 600, NULL),
    (27, 11, 8, 'Recruiting Manager', 6, 130000, DATE '2018-02-05', 700, NULL),
    (28, 3, 10, 'Engineering Manager', 6, 190000, DATE '2024-05-13', 20, NULL)
), team(t, mk, dept, stem, fam, n) AS (VALUES  -- fam: pay of the job family, % of the engineering bands
    (1, 12, 3, 'Software Engineer', 100, 36), (2, 13, 3, 'Software Engineer', 100, 34),
    (3, 14, 3, 'Software Engineer', 100, 30), (4, 15, 4, 'Data Engineer', 100, 26),
    (5, 16, 4, 'Data Scientist', 102, 22), (6, 17, 2, 'Software Engineer', 100, 18),
    (7, 18, 6, 'Product Manager', 98, 16), (8, 19, 6, 'Product Designer', 90, 14),
    (9, 22, 7, 'Account Executive', 80, 30), (10, 23, 7, 'Account Executive', 80, 28),
    (11, 24, 8, 'Account Executive', 80, 32), (12, 25, 9, 'Marketing Specialist', 75, 24),
    (13, 26, 10, 'Financial Analyst', 82, 18), (14, 27, 11, 'Recruiter', 72, 16),
    (15, 8, 11, 'HR Business Partner', 78, 6)
), leaders AS (
    SELECT k, NULL::INTEGER AS t, CASE WHEN lvl IS NULL OR lvl >= 7 THEN 'exec' ELSE 'fixed' END AS kind,
           dept, mk, title, NULL::VARCHAR AS stem, lvl AS lvl0, 100 AS fam,
           _hr_r(base * (95 + _hr_rnd(x, 1, 11)) // 100, 1000) AS base0,
           hire_lo + _hr_rnd(x, 2, hire_span + 1)::INTEGER AS hire,
           left_on + _hr_rnd(x, 3, 60)::INTEGER AS term, NULL::INTEGER AS rehire_of_k
    FROM (SELECT *, _hr_key(k) AS x FROM boss)
), ic0 AS (   -- hired from a year before their manager (a reorg) to June 2024, more often recently
    SELECT t.t * 100 + j AS k, t.t, t.dept, t.mk, t.stem, t.fam, m.hire AS mgr_hire, _hr_key(t.t * 100 + j) AS x,
           greatest(m.hire - 365, DATE '2015-06-01') AS lo
    FROM team t, range(1, 41) r(j), leaders m
    WHERE j <= t.n AND m.k = t.mk
), ic1 AS (
    SELECT *, [2, 2, 2, 3, 3, 3, 3, 4, 4, 5][1 + _hr_rnd(x, 4, 10)] AS lvl0, lo + (greatest(_hr_rnd(x, 5, 1000000), _hr_rnd(x, 6, 1000000))
                    * (DATE '2024-06-28' - lo) // 1000000)::INTEGER AS hire
    FROM ic0
), ic AS (    -- about 1 in 6 leaves, after 45 days to 5 years, never before their manager arrived
    SELECT k, t, 'ic' AS kind, dept, mk, NULL::VARCHAR AS title, stem, lvl0, fam,
           _hr_r([60000, 95000, 120000, 150000, 185000][lvl0] * fam * (90 + _hr_rnd(x, 7, 21)) // 10000, 1000) AS base0,
           hire, CASE WHEN left_on < DATE '2024-06-29' THEN left_on END AS term, NULL::INTEGER AS rehire_of_k
    FROM (SELECT *, CASE WHEN _hr_rnd(x, 8, 100) < 17
                         THEN greatest(hire + ([45, 75, 150, 300, 500, 800, 1200, 1700][1 + _hr_rnd(x, 9, 8)]
                                               + _hr_rnd(x, 10, 120))::INTEGER, mgr_hire + 30) END AS left_on
          FROM ic1)
), back AS (  -- 8 leavers come back 4 to 12 months later; the 1st leaves again, the 2nd joins another team
    SELECT *, row_number() OVER (ORDER BY _hr_rnd(x, 11, 1000000), k) AS rk
    FROM (SELECT *, _hr_key(k) AS x FROM ic) WHERE term <= DATE '2023-06-30'
    QUALIFY rk <= 8
), rehires AS (
    SELECT 5000 + b.rk AS k, t.t, 'ic' AS kind, t.dept, t.mk, NULL::VARCHAR AS title, t.stem, least(b.lvl0 + 1, 5) AS lvl0,
           t.fam, _hr_r([60000, 95000, 120000, 150000, 185000][least(b.lvl0 + 1, 5)] * t.fam
                        * (95 + _hr_rnd(b.y, 12, 16)) // 10000, 1000) AS base0,
           b.term + (120 + _hr_rnd(b.y, 13, 240))::INTEGER AS hire,
           CASE WHEN b.rk = 1 THEN b.term + (120 + _hr_rnd(b.y, 13, 240) + 95)::INTEGER END AS term,
           b.k AS rehire_of_k
    FROM (SELECT *, _hr_key(5000 + rk) AS y FROM back) b JOIN team t ON t.t = CASE WHEN b.rk = 2 THEN [4, 4, 4, 1, 4, 1, 8, 7, 11, 11, 9, 7, 12, 15, 14][b.t] ELSE b.t END
), interns AS (  -- summer interns; their mentor (manager_id) is set once levels are known
    SELECT 9000 + i AS k, NULL::INTEGER AS t, 'intern' AS kind, 3 AS dept, NULL::INTEGER AS mk,
           'Software Engineering Intern' AS title, NULL::VARCHAR AS stem, NULL::INTEGER AS lvl0, 100 AS fam,
           52000 AS base0, CASE WHEN i <= 5 THEN DATE '2024-05-20' ELSE DATE '2024-06-03' END AS hire,
           NULL::DATE AS term, NULL::INTEGER AS rehire_of_k
    FROM range(1, 9) r(i)
), allk AS (
    SELECT * FROM leaders UNION ALL SELECT * FROM ic UNION ALL SELECT * FROM rehires UNION ALL SELECT * FROM interns
), people AS ( -- (n mod 40, n mod 41) is unique for n < 1640; two people copy the name of another
    SELECT k, ['Aisha', 'Ben', 'Carlos', 'Dana', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kira', 'Liam',
               'Maya', 'Nikhil', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Victor', 'Wen', 'Xavier',
               'Yara', 'Zoe', 'Omar', 'Lena', 'Mateo', 'Chloe', 'Arjun', 'Bianca', 'Diego', 'Emeka', 'Freya',
               'Goran', 'Hana', 'Ivan', 'Julia', 'Kofi'][1 + n % 40] AS first_name,
           ['Adams', 'Bauer', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski',
            'Lopez', 'Mensah', 'Nguyen', 'Okafor', 'Patel', 'Rossi', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Walsh',
            'Xu', 'Yilmaz', 'Zhang', 'Moreau', 'Novak', 'Kim', 'Berg', 'Costa', 'Dubois', 'Eriksen', 'Ferreira',
            'Gupta', 'Hoang', 'Ibrahim', 'Larsen', 'Murphy', 'Nakamura', 'Olsen', 'Petrov'][1 + n % 41] AS last_name
    FROM (SELECT k, (CASE idx WHEN 250 THEN 120 WHEN 333 THEN 45 ELSE idx END * 37
                     + abs(coalesce(getvariable('dataset_seed'), 0)::BIGINT) * 101) % 1640 AS n
          FROM (SELECT k, row_number() OVER (ORDER BY k) AS idx FROM allk WHERE rehire_of_k IS NULL))
), named AS (
    SELECT a.*, p.first_name || ' ' || p.last_name AS name,
           lower(p.first_name) || '.' || lower(p.last_name)
           || CASE WHEN dense_rank() OVER (PARTITION BY p.first_name, p.last_name ORDER BY p.k) > 1
                   THEN dense_rank() OVER (PARTITION BY p.first_name, p.last_name ORDER BY p.k)::VARCHAR ELSE '' END
           || '@corp.example' AS email
    FROM allk a JOIN people p ON p.k = coalesce(a.rehire_of_k, a.k)
)
SELECT row_number() OVER (ORDER BY hire, k)::INTEGER AS id, * FROM named;

-- Staging: one row per salary change (hire, then April 1 reviews); lvl and title as of that change.
CREATE TEMP TABLE _hr_change AS
WITH rev AS (
    SELECT s.k, s.kind, s.fam, s.stem, s.lvl0, s.base0, s.hire, y, make_date(y, 4, 1) AS d,
           _hr_key(s.k * 16 + y - 2015) AS x
    FROM _hr_stint s, range(2016, 2025) r(y)
    WHERE s.kind <> 'intern' AND make_date(y, 4, 1) >= s.hire + 183
      AND make_date(y, 4, 1) < coalesce(s.term, DATE '2024-07-01')
), lv AS (     -- individual contributors are promoted at about 1 review in 5, up to level 5
    SELECT *, CASE WHEN kind = 'ic'
                   THEN least(lvl0 + sum(CASE WHEN y <> 2020 AND _hr_rnd(x, 20, 100) < 21 THEN 1 ELSE 0 END)
                                     OVER (PARTITION BY k ORDER BY y), 5)::INTEGER END AS lvl
    FROM rev
), dl AS (
    SELECT *, coalesce(lag(lvl) OVER (PARTITION BY k ORDER BY y), lvl0) AS prev,
           CASE WHEN kind = 'ic' THEN [60000, 95000, 120000, 150000, 185000][lvl] * fam // 100 ELSE base0 END
           * [2, 3, 3, 4, 4, 5, 6, 8][1 + _hr_rnd(x, 21, 8)] // 100 AS pct_raise
    FROM lv
), delta AS (
    SELECT k, d, coalesce(lvl, lvl0) AS lvl, coalesce(lvl > prev, false) AS promoted,
           CASE WHEN y = 2020 THEN CASE WHEN kind = 'exec' THEN -_hr_r(base0 // 10, 1000) ELSE 0 END
                WHEN y = 2021 AND kind = 'exec' AND hire + 183 <= DATE '2020-04-01'
                    THEN _hr_r(base0 // 10, 1000) + _hr_r(pct_raise, 500)
                WHEN lvl > prev
                    THEN _hr_r(pct_raise, 500)
                         + _hr_r(([60000, 95000, 120000, 150000, 185000][lvl]
                                  - [60000, 95000, 120000, 150000, 185000][prev]) * fam * 3 // 400, 1000)
                WHEN _hr_rnd(x, 22, 100) < 85 THEN _hr_r(pct_raise, 500)
                ELSE 0 END AS amount
    FROM dl
), pts AS (
    SELECT k, hire AS d, lvl0 AS lvl, false AS promoted, base0 AS amount FROM _hr_stint
    UNION ALL
    SELECT * FROM delta WHERE amount <> 0
)
SELECT p.k, s.id, p.d, p.lvl, p.promoted,
       coalesce(s.title, CASE p.lvl WHEN 2 THEN 'Associate ' WHEN 3 THEN '' WHEN 4 THEN 'Senior '
                         ELSE CASE WHEN s.stem LIKE 'Data%' OR s.stem LIKE 'Software%' THEN 'Staff ' ELSE 'Principal ' END
                         END || s.stem) AS title,
       sum(p.amount) OVER (PARTITION BY p.k ORDER BY p.d)::DECIMAL(12, 2) AS salary,
       coalesce(lead(p.d) OVER (PARTITION BY p.k ORDER BY p.d), s.term) AS to_date,
       row_number() OVER (PARTITION BY p.k ORDER BY p.d DESC) = 1 AS is_last
FROM pts p JOIN _hr_stint s USING (k);

CREATE TABLE employees (
    id               INTEGER PRIMARY KEY,
    name             VARCHAR NOT NULL,
    email            VARCHAR NOT NULL,      -- unique per person: a rehired person keeps their email
    department_id    INTEGER NOT NULL,      -- departments.id
    manager_id       INTEGER CHECK (manager_id <> id),  -- employees.id; NULL only for the CEO
    title            VARCHAR NOT NULL,      -- current title (last title for people who left)
    level            INTEGER CHECK (level BETWEEN 1 AND 8),  -- NULL for executives and interns
    hire_date        DATE NOT NULL,
    termination_date DATE CHECK (termination_date > hire_date),  -- first day no longer employed; NULL = current
    rehire_of        INTEGER CHECK (rehire_of < id)  -- employees.id of the same person's earlier stint
);
INSERT INTO employees
SELECT s.id, s.name, s.email, s.dept, m.id, c.title, c.lvl, s.hire, s.term, r.id
FROM _hr_stint s
JOIN _hr_change c ON c.k = s.k AND c.is_last
LEFT JOIN _hr_stint m ON m.k = s.mk
LEFT JOIN _hr_stint r ON r.k = s.rehire_of_k
ORDER BY s.id;

-- Interns report to a senior or staff Platform engineer hired before 2023 (six mentors, two take two interns).
UPDATE employees SET manager_id = pick.mentor
FROM (
    SELECT i.id AS intern, m.id AS mentor
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM employees WHERE level IS NULL AND title LIKE '%Intern') i
    JOIN (SELECT e.id, row_number() OVER (ORDER BY _hr_rnd(e.x, 30, 1000000), e.id) AS n
          FROM (SELECT *, _hr_key(id) AS x FROM employees) e JOIN _hr_stint s ON s.id = e.id
          WHERE s.t BETWEEN 1 AND 3 AND e.termination_date IS NULL AND e.level >= 4 AND e.hire_date < DATE '2023-01-01'
         ) m ON m.n = (i.n - 1) % 6 + 1
) pick
WHERE employees.id = pick.intern;

CREATE TABLE salaries (
    employee_id INTEGER NOT NULL,  -- employees.id
    salary      DECIMAL(12, 2) NOT NULL CHECK (salary > 0),  -- yearly, in USD
    from_date   DATE NOT NULL,
    to_date     DATE CHECK (to_date > from_date),  -- the next row's from_date; NULL on the current row
    PRIMARY KEY (employee_id, from_date)
);
INSERT INTO salaries
SELECT id, salary, d, to_date FROM _hr_change ORDER BY id, d;

CREATE TABLE titles (
    employee_id INTEGER NOT NULL,  -- employees.id
    title       VARCHAR NOT NULL,
    level       INTEGER CHECK (level BETWEEN 1 AND 8),
    from_date   DATE NOT NULL,
    to_date     DATE CHECK (to_date > from_date),  -- the next row's from_date; NULL on the current row
    PRIMARY KEY (employee_id, from_date)
);
INSERT INTO titles
SELECT id, title, lvl, d, coalesce(lead(d) OVER (PARTITION BY id ORDER BY d), s.term)
FROM (SELECT id, k, title, lvl, d FROM _hr_change
      QUALIFY row_number() OVER (PARTITION BY k ORDER BY d) = 1 OR promoted) c
JOIN (SELECT k, term FROM _hr_stint) s USING (k)
ORDER BY id, d;

CREATE TABLE projects (
    id            INTEGER PRIMARY KEY,
    name          VARCHAR NOT NULL UNIQUE,
    department_id INTEGER NOT NULL,  -- departments.id (the owner)
    start_date    DATE NOT NULL,
    end_date      DATE CHECK (end_date > start_date),  -- NULL while running (or not started)
    budget        DECIMAL(12, 2) NOT NULL CHECK (budget > 0)
);
INSERT INTO projects
SELECT id, name, dept, start_date, start_date + days, budget
FROM (
    SELECT id, name, dept, days, budget,
           CASE WHEN id = 20 THEN start_on ELSE start_on + (_hr_rnd(x, 40, 29) - 14)::INTEGER END AS start_date
    FROM (SELECT *, _hr_key(id) AS x FROM (VALUES
        (1, 'Kubernetes Migration', 3, DATE '2021-02-01', 420, 1200000.00),
        (2, 'Observability Revamp', 3, DATE '2022-09-01', 300, 450000.00),
        (3, 'Zero-Downtime Deploys', 3, DATE '2023-06-01', NULL, 600000.00),
        (4, 'Auth Service Rewrite', 3, DATE '2023-11-01', NULL, 800000.00),
        (5, 'Data Warehouse 2.0', 4, DATE '2022-03-01', 540, 950000.00),
        (6, 'Churn Prediction Model', 4, DATE '2023-04-03', 200, 300000.00),
        (7, 'Real-time Dashboards', 4, DATE '2024-01-08', NULL, 400000.00),
        (8, 'Developer Portal', 2, DATE '2022-05-02', 250, 350000.00),
        (9, 'CI Speedup', 2, DATE '2023-09-04', NULL, 250000.00),
        (10, 'Mobile App Redesign', 6, DATE '2023-01-09', 330, 700000.00),
        (11, 'Onboarding Flow', 6, DATE '2024-02-05', NULL, 200000.00),
        (12, 'Pricing Page Experiment', 6, DATE '2023-10-02', 60, 50000.00),
        (13, 'Enterprise Deal Desk', 7, DATE '2022-01-10', NULL, 150000.00),
        (14, 'EMEA Expansion', 8, DATE '2023-03-01', NULL, 900000.00),
        (15, 'CRM Consolidation', 7, DATE '2021-06-01', 365, 500000.00),
        (16, 'Brand Refresh', 9, DATE '2023-05-01', 180, 350000.00),
        (17, 'Annual Report 2023', 10, DATE '2024-01-15', 75, 40000.00),
        (18, 'ERP Upgrade', 10, DATE '2022-10-03', 400, 650000.00),
        (19, 'Hiring Pipeline Automation', 11, DATE '2023-08-01', NULL, 120000.00),
        (20, 'Vector Search Prototype', 5, DATE '2024-09-02', NULL, 250000.00)
    ) v(id, name, dept, start_on, days, budget))
);

CREATE TABLE project_assignments (
    project_id     INTEGER NOT NULL,  -- projects.id
    employee_id    INTEGER NOT NULL,  -- employees.id
    role           VARCHAR NOT NULL CHECK (role IN ('lead', 'contributor', 'reviewer')),
    allocation_pct INTEGER NOT NULL CHECK (allocation_pct BETWEEN 1 AND 100),
    PRIMARY KEY (project_id, employee_id)
);
INSERT INTO project_assignments
WITH pairs AS (  -- people employed while the project ran: 1 in 5 of its department joins 80% of them,
                 -- the others 30%; outsiders join 1% of projects as reviewers
    SELECT p.id AS project_id, e.id AS employee_id, e.level, e.hire_date, p.department_id = e.department_id AS own,
           _hr_key(p.id * 1000 + e.id) AS x, _hr_rnd(e.ex, 50, 100) < 20 AS keen
    FROM projects p JOIN (SELECT *, _hr_key(id) AS ex FROM employees) e
      ON e.hire_date < coalesce(p.end_date, DATE '2024-07-01')
     AND coalesce(e.termination_date, DATE '2024-07-01') > p.start_date
     AND p.start_date <= DATE '2024-06-30'
), kept AS (
    SELECT * FROM pairs
    WHERE _hr_rnd(x, 51, 100) < CASE WHEN NOT own THEN 1 WHEN keen THEN 80 ELSE 30 END
)
SELECT project_id, employee_id,
       CASE WHEN NOT own THEN 'reviewer'
            WHEN row_number() OVER (PARTITION BY project_id, own ORDER BY level DESC NULLS LAST, hire_date, employee_id) = 1
            THEN 'lead' ELSE 'contributor' END,
       CASE WHEN NOT own THEN 10 WHEN keen THEN [30, 40, 50, 60][1 + _hr_rnd(x, 52, 4)]
            ELSE [10, 20, 20, 30][1 + _hr_rnd(x, 52, 4)] END
FROM kept
ORDER BY project_id, employee_id;

DROP TABLE _hr_change;
DROP TABLE _hr_stint;
DROP MACRO _hr_r;
DROP MACRO _hr_rnd;
DROP MACRO _hr_sq;
DROP MACRO _hr_key;
