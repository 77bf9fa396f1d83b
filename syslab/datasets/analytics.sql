-- Systems Lab product-analytics sample database (DuckDB SQL). An online shop's event log, 2024-01-01 to 2024-06-30.
--
--   users    (800)    signup_ts, country (ISO code), platform of signup, acquisition_channel (NULL = direct/unknown)
--   sessions (~5150)  user_id, started_at, ended_at, device, channel (traffic source; NULL = direct)
--   events   (~25800) user_id, session_id (NULL for server-side refunds), event_ts, event_name, page, order_id,
--                     revenue (purchases; refunds carry the negative amount refunded, so SUM(revenue) is net)
--
-- Events: page_view, signup (exactly one per user, at signup_ts), search, add_to_cart, checkout, purchase, refund.
-- Timestamps are UTC, without a time zone. A session is the app's own session: an idle tab stays one session, so
-- about 1 session in 10 holds a gap of more than 30 minutes, while a user coming back (often on another device)
-- 5-25 minutes later starts a new one.
-- Re-sessionizing events with a 30-minute inactivity rule therefore splits some sessions and merges others.
--
-- Built-in stories: signups grow over time, with a paid_social campaign spike (2024-03-11 to 03-17) whose users
-- rarely come back; referred users are the most active; cohorts from 2024-05-06 on (new onboarding) retain better
-- than earlier ones; about a third of users had a session before signing up, so first-touch channel (their first
-- session) and acquisition_channel (the signup session) differ for about 1 user in 6; weekends are quieter; no
-- events at all on 2024-04-16 (tracking outage, no signups that day; a cart added in a session cut by it can show
-- up as a checkout with no add_to_cart before it); late cohorts have not had 7 or 30 days yet. Funnel drop-off at
-- every step: some carts are checked out in a later session, some iOS users buy straight from a product page
-- without a checkout event, most carts are abandoned; some purchases are refunded (fully or one item) days later.
--
-- Foreign keys are noted in comments, not declared: the site copies this database with COPY FROM DATABASE,
-- which fills tables in name order, so declared foreign keys would fail the copy.
--
-- Deterministic: every "random" value is integer arithmetic on a row key and the seed read with
-- getvariable('dataset_seed') (0 = the copy pages show). No random(), hash(), clock or extensions.

-- _an_key(i): mixes a row key with the seed once per row, into [0, p) for the prime p = 2^31 - 1.
-- _an_v(x, salt): pseudo-random integer in [0, p) from a mixed key x; salt separates attributes. Squaring modulo
-- p makes attributes of one row, and neighbouring rows, look unrelated. Several small "digits" are taken from
-- one draw (v % 100, v // 100 % 48, ...), which keeps the file fast.
-- _an_rnd(x, salt, m): pseudo-random integer in [0, m).
-- _an_price(n): list price of product n.
CREATE OR REPLACE TEMP MACRO _an_key(i) AS (
    ((i::BIGINT * 7919 + coalesce(getvariable('dataset_seed'), 0)::BIGINT * 1000003 + 31) % 2147483647
     + 2147483647) % 2147483647);
CREATE OR REPLACE TEMP MACRO _an_v(x, salt) AS ((x + salt * 104729) % 2147483647 * ((x + salt * 104729) % 2147483647)
                                                % 2147483647);
CREATE OR REPLACE TEMP MACRO _an_rnd(x, salt, m) AS (_an_v(x, salt) % m);
CREATE OR REPLACE TEMP MACRO _an_price(n) AS (
    [9.99, 14.99, 19.99, 24.99, 29.99, 34.99, 39.99, 49.99, 59.99, 79.99, 99.99, 149.99][1 + n % 12]);

-- Staging: one row per user with the hidden traits that drive behaviour: utype (1 one-and-done, 2 casual,
-- 3 engaged, 4 power user), nvisit (visit days from signup on, fewer if they run past June), every (days between
-- visits, about), pre (a session before signup) and ft (first-touch channel). Times are seconds since
-- 2024-01-01 00:00:00 until the final tables.
CREATE TEMP TABLE _an_u AS
WITH base AS (   -- signup day 0..181; growth: 60% of users take the later of two days; 70 campaign users
    SELECT i, x, i <= 70 AS campaign,
           CASE WHEN i <= 70 THEN 70 + _an_rnd(x, 1, 7)
                WHEN _an_rnd(x, 2, 10) < 6 THEN greatest(_an_rnd(x, 3, 182), _an_rnd(x, 4, 182))
                ELSE _an_rnd(x, 3, 182) END AS d
    FROM (SELECT i, _an_key(i) AS x FROM range(1, 801) t(i))
), attrs AS (    -- no signups on day 106 (2024-04-16, the tracking outage)
    SELECT i, x, campaign,
           CASE WHEN d = 106 THEN 107 ELSE d END * 86400
           + [7, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 20, 21, 21, 22, 23][1 + _an_rnd(x, 5, 21)] * 3600
           + _an_rnd(x, 6, 3600) AS signup_t,
           ['US', 'US', 'US', 'US', 'US', 'GB', 'GB', 'DE', 'DE', 'FR', 'CA', 'CA', 'BR', 'IN', 'IN', 'JP', 'ES',
            'AU', 'MX', 'NL'][1 + _an_rnd(x, 7, 20)] AS country,
           CASE WHEN campaign THEN ['ios', 'ios', 'ios', 'ios', 'ios', 'android', 'android', 'android', 'android',
                                    'web'][1 + _an_rnd(x, 8, 10)]
                ELSE ['ios', 'ios', 'ios', 'ios', 'ios', 'ios', 'ios', 'android', 'android', 'android', 'android',
                      'android', 'android', 'web', 'web', 'web', 'web', 'web', 'web', 'web'][1 + _an_rnd(x, 8, 20)]
           END AS platform,
           _an_rnd(x, 9, 100) < CASE WHEN campaign THEN 10 ELSE 35 END AS pre,
           CASE WHEN campaign THEN 'paid_social'
                ELSE ['paid_search', 'paid_search', 'organic_search', 'organic_search', 'paid_social', 'referral'
                     ][1 + _an_rnd(x, 10, 6)] END AS pre_channel,
           _an_rnd(x, 11, 100) AS r_acq, _an_rnd(x, 12, 100) AS r_type, _an_rnd(x, 13, 100000) AS r_n
    FROM base
), chan AS (     -- after an earlier visit, the signup session is often direct (NULL) or from an email
    SELECT *, CASE WHEN campaign THEN CASE WHEN r_acq < 90 THEN 'paid_social' END
                   WHEN pre THEN CASE WHEN r_acq < 35 THEN NULL WHEN r_acq < 50 THEN 'email' ELSE pre_channel END
                   ELSE ['organic_search', 'organic_search', 'organic_search', 'organic_search', 'organic_search',
                         'organic_search', 'paid_search', 'paid_search', 'paid_search', 'paid_search', 'paid_social',
                         'paid_social', 'referral', 'referral', 'referral', 'email', NULL, NULL, NULL, NULL
                        ][1 + r_acq % 20] END AS acquisition_channel
    FROM attrs
), typed AS (    -- campaign users mostly never return, referred users and cohorts from 2024-05-06 (day 126) more
    SELECT *, CASE WHEN pre THEN pre_channel ELSE acquisition_channel END AS ft,
           CASE WHEN r_type < one_th THEN 1 WHEN r_type < casual_th THEN 2 WHEN r_type < engaged_th THEN 3 ELSE 4 END AS utype
    FROM (SELECT *, CASE WHEN campaign THEN 65 WHEN referral THEN 28 ELSE 40 END - CASE WHEN late THEN 12 ELSE 0 END AS one_th,
                    CASE WHEN campaign THEN 90 WHEN referral THEN 61 ELSE 73 END - CASE WHEN late THEN 6 ELSE 0 END AS casual_th,
                    CASE WHEN campaign THEN 98 WHEN referral THEN 91 ELSE 95 END AS engaged_th
          FROM (SELECT *, coalesce(acquisition_channel = 'referral' OR (pre AND pre_channel = 'referral'), false) AS referral,
                          signup_t >= 126 * 86400 AS late
                FROM chan))
)
SELECT row_number() OVER (ORDER BY signup_t, i)::INTEGER AS id, signup_t, country, platform, acquisition_channel,
       pre, ft, utype,
       CASE utype WHEN 1 THEN [1, 1, 1, 1, 1, 1, 2, 3][1 + r_n % 8]
                  WHEN 2 THEN 2 + r_n % 5
                  WHEN 3 THEN 4 + r_n % 19
                  ELSE 12 + r_n % 27 END AS nvisit,
       CASE utype WHEN 1 THEN [1, 2, 3][1 + r_n // 8 % 3]
                  WHEN 2 THEN [2, 3, 4, 5, 7][1 + r_n // 8 % 5]
                  WHEN 3 THEN [1, 2, 2, 3, 3, 4][1 + r_n // 8 % 6]
                  ELSE [1, 1, 1, 2][1 + r_n // 8 % 4] END AS every
FROM typed;

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    signup_ts           TIMESTAMP NOT NULL,
    country             VARCHAR NOT NULL,
    platform            VARCHAR NOT NULL CHECK (platform IN ('ios', 'android', 'web')),
    acquisition_channel VARCHAR CHECK (acquisition_channel IN ('organic_search', 'paid_search', 'paid_social',
                                                               'referral', 'email'))
);
INSERT INTO users
SELECT id, TIMESTAMP '2024-01-01 00:00:00' + to_seconds(signup_t), country, platform, acquisition_channel
FROM _an_u ORDER BY id;

-- Staging: one row per session that happens: id, start_t, event count n, duration dur (first to last event).
-- A user's sessions: k = -1 (some users, before signup), k = 0 (signup), then one per visit day k = 1..nvisit-1 on
-- day signup_day + k * every - u (u in [0, every), at 07:00-21:00), each (k >= 0) followed 5-25 minutes (often on
-- another device) or 35-180 minutes after its last event by a follow-up session (f = 1) 17% of the time.
-- Session (k, f) has key xs = _an_key(user_id * 128 + 2 k + f + 2). Its event p (1..n) comes 70 (p - 1) + j(p)
-- seconds after the first, j(p) = _an_v(_an_key(xs + p), 0) % 70 (events 1 to 139 s apart), plus an idle pause
-- of 31-76 minutes from event i_idle on. _an_p plans all sessions, _an_s keeps those that happen.
CREATE TEMP TABLE _an_p AS
WITH base AS (
    SELECT u.id AS user_id, u.utype, u.every, u.signup_t, u.platform, u.acquisition_channel, u.ft, k,
           _an_key(u.id * 128 + 2 * k + 2) AS xb
    FROM _an_u u, range(-1, 46) r(k)
    WHERE (k >= 0 OR u.pre) AND k < u.nvisit
), plan AS (     -- xp: the session before (previous visit, or the visit a follow-up follows)
    SELECT *, 0 AS f, xb AS xs, CASE WHEN k >= 1 THEN _an_key(user_id * 128 + 2 * k) END AS xp FROM base
    UNION ALL
    SELECT *, 1 AS f, _an_key(user_id * 128 + 2 * k + 3) AS xs, xb AS xp FROM base
    WHERE k >= 0 AND _an_v(xb, 1) % 100 < 17
), b AS (
    SELECT *, _an_v(xs, 1) AS v1, _an_v(xs, 2) AS v2, _an_v(xs, 3) AS v3, _an_v(xs, 4) AS v4, _an_v(xs, 5) AS v5,
           _an_v(xs, 6) AS v6, _an_v(xp, 2) AS vp,
           CASE WHEN k = 0 AND f = 0 THEN 120 ELSE [150, 180, 220, 260][utype] END AS cart_pm
    FROM plan
), c AS (        -- how far the session gets; a session may resume the previous session's abandoned cart
    SELECT user_id, k, f, xs, signup_t, cart, device,
           cart AND checkout_roll < 55 AS checkout,
           cart AND checkout_roll < 55 AND v2 // 100000 % 100 < 72 AS purchase,
           NOT cart AND device = 'ios' AND v3 % 100 < 4 AS buy_now,
           NOT cart AND vp % 1000 < CASE WHEN (k = 1 AND f = 0) OR (k = 0 AND f = 1) THEN 120 ELSE [150, 180, 220, 260][utype] END
               AND NOT (vp // 1000 % 100 < 55 AND vp // 100000 % 100 < 72) AND v3 // 100 % 100 < 40 AS resume,
           v3 // 10000 % 100 < 75 AS resume_buy,
           [1, 2, 3, 3, 4, 4, 5, 5, 6, 8][1 + v3 // 1000000 % 10] AS nb,
           CASE WHEN NOT cart THEN 0 WHEN v4 % 100 < 30 THEN 2 ELSE 1 END AS nc,
           1 + v4 // 100 % 48 * (v4 // 4800 % 48) // 48 AS prod1,   -- low numbers are popular
           1 + v5 % 48 * (v5 // 48 % 48) // 48 AS prod2,
           CASE WHEN k = -1 THEN ft WHEN k = 0 AND f = 0 THEN acquisition_channel
                WHEN rc < 12 THEN NULL WHEN rc < 15 THEN 'email'
                WHEN rc < 17 THEN CASE WHEN device IN ('ios', 'android') THEN 'push' END
                WHEN rc < 19 THEN 'organic_search' ELSE 'paid_search' END AS channel,
           CASE WHEN f = 1 THEN 0                            -- start of a visit (seconds), see f for the others
                WHEN k = -1 THEN -CASE WHEN v1 % 100 < 20 THEN 60 + v1 // 100 % 240
                                       ELSE (1 + v1 // 100 % 8) * 1440 + v1 // 84000 % 721 - 360 END * 60
                WHEN k = 0 THEN signup_t
                ELSE (signup_t // 86400 + k * every - v1 // 100 % 840 % every) * 86400 + 25200
                     + v1 // 84000 % 840 * 60 + v4 // 4608000 % 60 END AS t0,
           CASE WHEN v1 % 100 < 40 THEN 5 + v1 // 100 % 21 ELSE 35 + v1 // 100 % 146 END AS fu_gap_min,
           v6 % 100 < 12 AS idle, 1860 + v6 // 100 % 2700 AS idle_s, v6 // 270000 % 1000 AS idle_roll,
           v5 // 2304 % 100 AS weekend_roll, v5 // 230400 % 240 AS tail_s
    FROM (SELECT *, v2 % 1000 < cart_pm AS cart, v2 // 1000 % 100 AS checkout_roll, v4 // 230400 % 20 AS rc,
                 CASE WHEN k = -1 THEN ['desktop', 'mobile_web'][1 + v3 // 10000000 % 2]
                      WHEN platform = 'web' THEN CASE WHEN v3 // 10000000 % 100 < 65 THEN 'desktop' ELSE 'mobile_web' END
                      WHEN (k = 0 AND f = 0) OR v3 // 10000000 % 100 < 85 THEN platform
                      ELSE 'desktop' END AS device
          FROM b)
), d AS (
    SELECT *, CASE WHEN resume THEN 2 + resume_buy::INTEGER
                   ELSE CASE WHEN k = 0 AND f = 0 THEN 2 ELSE 0 END + nb + nc + CASE WHEN checkout THEN 2 ELSE 0 END
                        + (purchase OR buy_now)::INTEGER END AS n
    FROM c
), e AS (        -- no pause before the signup event, which comes 140 + j(3) seconds into the signup session
    SELECT *, idle AND i_idle <= n AS idle_on,
           70 * (n - 1) + CASE WHEN n = 1 THEN 0 ELSE _an_v(_an_key(xs + n), 0) % 70 END
           + CASE WHEN idle AND i_idle <= n THEN idle_s ELSE 0 END AS dur,
           CASE WHEN k <= 0 AND f = 0 THEN 140 + _an_v(_an_key(_an_key(user_id * 128 + 2) + 3), 0) % 70 END AS soff
    FROM (SELECT *, CASE WHEN k = 0 AND f = 0 THEN 4 ELSE 2 END + idle_roll * (n - 1) // 1000 AS i_idle FROM d)
)          -- the signup session starts soff seconds before signup_t; the pre-signup session ends before it
SELECT *, CASE WHEN f = 1 THEN NULL WHEN k = -1 THEN signup_t - soff + t0 - dur WHEN k = 0 THEN signup_t - soff
               ELSE t0 END AS start0
FROM e;

CREATE TEMP TABLE _an_s AS
WITH f AS (      -- a follow-up starts fu_gap_min minutes after its visit's last event
    SELECT v.*, CASE WHEN v.f = 0 THEN v.start0 ELSE p.start0 + p.dur + v.fu_gap_min * 60 END AS start_t
    FROM _an_p v JOIN (SELECT user_id, k, start0, dur FROM _an_p WHERE f = 0) p USING (user_id, k)
), g AS (        -- in day 0..181 (2024-01-01 .. 06-30), none on day 106 (2024-04-16), some plain weekend sessions
                 -- never happen (day 0 is a Monday)
    SELECT *, start_t + dur AS last_t,
           (purchase OR buy_now OR (resume AND resume_buy)) AND start_t + dur < 182 * 86400
           AND (start_t + dur) // 86400 <> 106 AS has_order
    FROM f
    WHERE start_t >= 0 AND start_t < 182 * 86400 AND start_t // 86400 <> 106
      AND NOT ((k >= 1 OR f = 1) AND start_t // 86400 % 7 >= 5 AND NOT (cart OR resume OR buy_now) AND weekend_roll < 35)
)
SELECT row_number() OVER w::INTEGER AS id, user_id, xs, start_t, last_t, n, nb, nc, checkout, resume, prod1, prod2,
       idle_on, i_idle, idle_s, device, channel, tail_s,
       CASE WHEN k = 0 AND f = 0 THEN 2 ELSE 0 END AS sg,                 -- two signup events in the signup session
       CASE WHEN nb = 1 THEN 1 WHEN k = 0 AND f = 0 THEN 2 + nb ELSE nb END AS lastb,  -- last browsing event
       cart OR buy_now AS shops,                                           -- lastb shows the product bought or carted
       CASE WHEN start_t // 86400 = 105 THEN 106 ELSE 182 END * 86400 AS cut,  -- events from here on are lost
       CASE WHEN has_order THEN sum(has_order::INTEGER) OVER (w ROWS UNBOUNDED PRECEDING) END::INTEGER AS order_id,
       CASE WHEN nc = 2 THEN _an_price(prod1) + _an_price(prod2) ELSE _an_price(prod1) END::DECIMAL(10, 2) AS amount
FROM g
WINDOW w AS (ORDER BY start_t, user_id);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,  -- users.id
    started_at TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP NOT NULL CHECK (ended_at >= started_at),
    device     VARCHAR NOT NULL CHECK (device IN ('ios', 'android', 'desktop', 'mobile_web')),
    channel    VARCHAR CHECK (channel IN ('organic_search', 'paid_search', 'paid_social', 'referral', 'email', 'push'))
);
INSERT INTO sessions
SELECT id, user_id, TIMESTAMP '2024-01-01 00:00:00' + to_seconds(start_t),
       TIMESTAMP '2024-01-01 00:00:00' + to_seconds(least(last_t + 10 + tail_s, 182 * 86400 - 1)), device, channel
FROM _an_s;

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL,  -- users.id
    session_id INTEGER,           -- sessions.id; NULL for server-side events (refunds)
    event_ts   TIMESTAMP NOT NULL,
    event_name VARCHAR NOT NULL CHECK (event_name IN ('page_view', 'signup', 'search', 'add_to_cart', 'checkout',
                                                      'purchase', 'refund')),
    page       VARCHAR,           -- path of the page the event happened on; NULL for refunds
    order_id   INTEGER,           -- set on purchases and on refunds (the purchase refunded)
    revenue    DECIMAL(10, 2) CHECK (CASE event_name WHEN 'purchase' THEN revenue > 0 WHEN 'refund' THEN revenue < 0
                                                     ELSE revenue IS NULL END)
);
INSERT INTO events
WITH e0 AS (     -- slot: 1 landing page, [2 /signup, 3 signup], 4 browsing, 5 add_to_cart x nc, [6 /cart, 7 checkout],
                 -- 8 purchase; a resumed cart: 6, 7, [8]. Events after cut (the outage or July) are lost.
    SELECT id AS session_id, user_id, p, sg, nb, nc, prod1, prod2, lastb, shops, order_id, amount, t, v // 70 % 100 AS r,
           1 + v // 7000 % 48 AS pa, v // 336000 % 48 AS pb, v // 16128000 % 15 AS pc,
           CASE WHEN resume THEN 5 + p
                WHEN p = 1 THEN 1
                WHEN p <= 1 + sg THEN p
                WHEN p <= sg + nb THEN 4
                WHEN p <= sg + nb + nc THEN 5
                WHEN checkout AND p <= sg + nb + nc + 2 THEN p - sg - nb - nc + 5
                ELSE 8 END AS slot
    FROM (SELECT *, start_t + 70 * (p - 1) + CASE WHEN p = 1 THEN 0 ELSE v % 70 END
                    + CASE WHEN idle_on AND p >= i_idle THEN idle_s ELSE 0 END AS t
          FROM (SELECT *, _an_v(_an_key(xs + p), 0) AS v FROM _an_s s, range(1, 17) r(p) WHERE p <= n))
    WHERE t < cut
), e1 AS (
    SELECT session_id, user_id, p, t,
           CASE slot WHEN 3 THEN 'signup' WHEN 5 THEN 'add_to_cart' WHEN 7 THEN 'checkout' WHEN 8 THEN 'purchase'
                     WHEN 4 THEN CASE WHEN r < 20 AND NOT (p = lastb AND shops) THEN 'search' ELSE 'page_view' END
                     ELSE 'page_view' END AS event_name,
           CASE WHEN slot IN (1, 4) AND p = lastb AND shops THEN '/product/' || prod1
                WHEN slot = 1 THEN CASE WHEN r < 45 THEN '/' WHEN r < 70 THEN '/product/' || pa WHEN r < 80 THEN '/deals'
                                        ELSE ['/blog/gift-guide', '/blog/headphones-buying-guide', '/blog/summer-sale'
                                             ][1 + pc % 3] END
                WHEN slot = 4 THEN CASE WHEN r < 20 THEN '/search'
                                        WHEN r < 70 THEN '/product/' || (1 + (pa - 1) * pb // 48)
                                        WHEN r < 90 THEN ['/category/audio', '/category/books', '/category/home',
                                                          '/category/outdoor', '/category/toys'][1 + pc % 5]
                                        ELSE '/deals' END
                WHEN slot = 5 THEN '/product/' || CASE WHEN p = sg + nb + 1 THEN prod1 ELSE prod2 END
                ELSE ['', '/signup', '/signup', '', '', '/cart', '/checkout', '/checkout'][slot] END AS page,
           CASE WHEN slot = 8 THEN order_id END AS order_id,
           CASE WHEN slot = 8 THEN amount END AS revenue
    FROM e0
), refunds AS (  -- about 1 order in 11 is refunded 1 to 14 days later, a quarter of two-item orders only in part
    SELECT NULL::INTEGER AS session_id, user_id, 0 AS p,
           last_t + (1 + v % 14) * 86400 + v // 14 % 86400 AS t, 'refund' AS event_name, NULL AS page, order_id,
           -CASE WHEN nc = 2 AND v // 1209600 % 4 = 0 THEN _an_price(prod2)::DECIMAL(10, 2) ELSE amount END AS revenue
    FROM (SELECT *, _an_v(xs, 7) AS v FROM _an_s WHERE order_id IS NOT NULL)
    WHERE v // 4838400 % 100 < 9
), all_events AS (
    SELECT * FROM e1
    UNION ALL
    SELECT * FROM refunds WHERE t < 182 * 86400 AND t // 86400 <> 106
)
SELECT row_number() OVER (ORDER BY t, user_id, session_id NULLS LAST, p), user_id, session_id,
       make_timestamp(1704067200000000 + t * 1000000), event_name, page, order_id, revenue  -- 1704067200 s: 2024-01-01
FROM all_events;

DROP TABLE _an_s;
DROP TABLE _an_p;
DROP TABLE _an_u;
DROP MACRO _an_price;
DROP MACRO _an_rnd;
DROP MACRO _an_v;
DROP MACRO _an_key;
