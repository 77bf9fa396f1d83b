-- title: Two related tables with keys, checks and defaults
CREATE TABLE warehouses (
    id   INTEGER PRIMARY KEY,
    code VARCHAR(3) NOT NULL UNIQUE CHECK (length(code) = 3),
    city VARCHAR(80) NOT NULL
);

CREATE TABLE stock (
    warehouse_id INTEGER NOT NULL,
    sku          VARCHAR(40) NOT NULL,
    on_hand      INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
    reserved     INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (warehouse_id, sku),
    FOREIGN KEY (warehouse_id) REFERENCES warehouses (id),
    CONSTRAINT reserved_within_on_hand CHECK (reserved <= on_hand)
);

INSERT INTO warehouses VALUES (1, 'SEA', 'Seattle'), (2, 'DUB', 'Dublin');
INSERT INTO stock VALUES
    (1, 'TENT-2P', 12, 3),
    (1, 'MAT-YOGA', 40, 0),
    (2, 'TENT-2P', 5, 5);
-- on_hand and reserved are left out, so they take their defaults
INSERT INTO stock (warehouse_id, sku) VALUES (2, 'MAT-YOGA');

SELECT w.code, s.sku, s.on_hand, s.reserved
FROM stock AS s
JOIN warehouses AS w ON w.id = s.warehouse_id
ORDER BY w.code, s.sku;
