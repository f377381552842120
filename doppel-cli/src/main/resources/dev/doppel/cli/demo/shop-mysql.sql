-- The demo's "production" shop on MariaDB: customers with personal data, orders with free text and JSON.
-- Statements end with a semicolon at the end of a line; rows come from MariaDB's sequence engine.
CREATE TABLE customers (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    full_name    VARCHAR(200) NOT NULL,
    email        VARCHAR(120) NOT NULL,
    phone        VARCHAR(20) NULL,
    address      VARCHAR(200) NULL,
    birth_date   DATE NULL,
    loyalty_tier ENUM('bronze', 'silver', 'gold') NOT NULL DEFAULT 'bronze',
    created_at   DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY uq_customers_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COMMENT = 'A small web shop''s customers';

CREATE TABLE orders (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT NOT NULL,
    status      ENUM('pending', 'paid', 'shipped', 'cancelled') NOT NULL,
    total       DECIMAL(10, 2) NOT NULL,
    items       JSON NOT NULL,
    note        TEXT NULL,
    ordered_at  DATETIME NOT NULL,
    KEY idx_orders_customer (customer_id),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    CONSTRAINT chk_orders_total CHECK (total >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE VIEW customer_totals AS
    SELECT c.id, c.email, COUNT(o.id) AS orders, COALESCE(SUM(o.total), 0) AS spent
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id, c.email;

INSERT INTO customers (full_name, email, phone, address, birth_date, loyalty_tier, created_at)
SELECT CONCAT(ELT(1 + (seq * 31) % 10, 'Hanako', 'Taro', 'Yuki', 'Emma', 'Liam', 'Olivia', 'Noah', 'Sakura', 'Haruto', 'Mia'),
              ' ', ELT(1 + (seq * 17) % 10, 'Tanaka', 'Suzuki', 'Sato', 'Smith', 'Johnson', 'Brown', 'Takahashi', 'Watanabe',
                       'Garcia', 'Miller')),
       CONCAT(LOWER(ELT(1 + (seq * 31) % 10, 'Hanako', 'Taro', 'Yuki', 'Emma', 'Liam', 'Olivia', 'Noah', 'Sakura', 'Haruto', 'Mia')),
              '.', seq, '@', ELT(1 + seq % 4, 'gmail.com', 'yahoo.co.jp', 'outlook.com', 'example.org')),
       IF(seq % 7 = 0, NULL, CONCAT('090-', LPAD(seq * 7919 % 10000, 4, '0'), '-', LPAD(seq * 104729 % 10000, 4, '0'))),
       CONCAT(seq % 999 + 1, ' ', ELT(1 + seq % 4, 'Sakura-dori', 'Maple Ave', 'Harbor Rd', 'Hill Lane'), ', ',
              ELT(1 + seq % 5, 'Tokyo', 'Osaka', 'Sapporo', 'Fukuoka', 'Springfield')),
       IF(seq % 11 = 0, NULL, DATE_ADD('1950-01-01', INTERVAL seq * 37 % 20000 DAY)),
       ELT(1 + seq % 3, 'bronze', 'silver', 'gold'),
       TIMESTAMPADD(MINUTE, seq * 7, '2020-01-01 00:00:00')
FROM seq_1_to_:customers;

INSERT INTO orders (customer_id, status, total, items, note, ordered_at)
SELECT 1 + (seq * 7) % :customers,
       ELT(1 + seq % 4, 'pending', 'paid', 'shipped', 'cancelled'),
       ROUND(5 + (seq * 13 % 20000) / 100, 2),
       IF(seq % 6 = 0,
          JSON_ARRAY(JSON_OBJECT('sku', CONCAT('SKU-', seq % 500), 'qty', 1 + seq % 3,
                                 'gift_to', ELT(1 + seq % 4, 'Aoi Kimura', 'Ren Inoue', 'Grace Lee', 'Sam Carter'))),
          JSON_ARRAY(JSON_OBJECT('sku', CONCAT('SKU-', seq % 500), 'qty', 1 + seq % 3))),
       CASE seq % 5 WHEN 0 THEN CONCAT('Please call 090-1234-', LPAD(seq % 10000, 4, '0'), ' before delivery')
                    WHEN 3 THEN CONCAT('Invoice to billing', seq % 97, '@example.net, thanks')
                    WHEN 1 THEN 'Gift wrap, please' ELSE NULL END,
       TIMESTAMPADD(MINUTE, seq * 3, '2023-01-01 00:00:00')
FROM seq_1_to_:orders;

CREATE TRIGGER orders_not_negative BEFORE INSERT ON orders FOR EACH ROW SET NEW.total = GREATEST(NEW.total, 0);

ANALYZE TABLE customers, orders;
