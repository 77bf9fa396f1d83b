-- title: PostgreSQL functions: SQL, PL/pgSQL and set-returning
-- engine: postgresql
CREATE TABLE products (
    id       integer PRIMARY KEY,
    name     text    NOT NULL,
    category text    NOT NULL,
    price    numeric(10, 2) NOT NULL,
    weight_g integer NOT NULL
);
INSERT INTO products VALUES
    (1, 'Aero Laptop',     'Laptops', 1199.99, 1400),
    (2, 'Nova Laptop',     'Laptops',  899.99, 1900),
    (3, 'Zen Headphones',  'Audio',    157.99,  250),
    (4, 'Echo Speaker',    'Audio',     97.99, 3100),
    (5, 'Pulse Phone',     'Phones',   597.99,  180);

-- A SQL function: one expression, IMMUTABLE, so the planner can inline it into the calling query.
CREATE FUNCTION price_with_tax(price numeric, rate numeric DEFAULT 0.20)
RETURNS numeric
LANGUAGE sql IMMUTABLE
RETURN round(price * (1 + rate), 2);

-- A PL/pgSQL function: variables, IF/ELSIF, and an error for bad input.
CREATE FUNCTION shipping_fee(weight_g integer, express boolean DEFAULT false)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    fee numeric;
BEGIN
    IF weight_g IS NULL OR weight_g <= 0 THEN
        RAISE EXCEPTION 'weight must be positive, got %', weight_g;
    ELSIF weight_g <= 500 THEN
        fee := 4.99;
    ELSIF weight_g <= 2000 THEN
        fee := 9.99;
    ELSE
        fee := 9.99 + 2.50 * ceil((weight_g - 2000) / 1000.0);
    END IF;
    IF express THEN
        fee := fee * 2;
    END IF;
    RETURN fee;
END;
$$;

-- A set-returning function: the PostgreSQL counterpart of a DuckDB table macro.
CREATE FUNCTION priciest(p_category text, n integer DEFAULT 1)
RETURNS TABLE (product text, price numeric)
LANGUAGE sql STABLE
AS $$
    SELECT name, price FROM products WHERE category = p_category ORDER BY price DESC, id LIMIT n
$$;

SELECT p.name,
       p.price,
       price_with_tax(p.price)              AS with_tax,
       shipping_fee(p.weight_g)             AS standard_shipping,
       shipping_fee(p.weight_g, true)       AS express_shipping,
       (SELECT t.product FROM priciest(p.category) AS t) AS priciest_in_category
FROM products AS p
ORDER BY p.id;
