-- The MySQL test fixture: every type the copy must carry unchanged, personal data to mask, and the
-- objects around the tables (views on views, routines, triggers under their own sql_mode, an event).
-- Runs as an administrator in an empty database; rows are generated, none is real.
SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
SET SESSION time_zone = '+00:00';

CREATE TABLE customers (
    id           INT UNSIGNED NOT NULL AUTO_INCREMENT,
    email        VARCHAR(120) NOT NULL,
    full_name    VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
    phone        VARCHAR(20) NULL,
    note         TEXT NULL,
    city         VARCHAR(60) NULL COMMENT 'free text, kept as it is',
    birth_date   DATE NULL,
    created_at   DATETIME(3) NOT NULL DEFAULT '0000-00-00 00:00:00.000',
    updated_at   TIMESTAMP(6) NULL DEFAULT NULL,
    tier         ENUM('bronze', 'silver', 'gold') NOT NULL DEFAULT 'bronze',
    tags         SET('vip', 'newsletter', 'b2b') NULL,
    flags        BIT(10) NULL,
    avatar       BLOB NULL,
    token        BINARY(16) NULL,
    prefs        JSON NULL,
    location     POINT NULL,
    score        DOUBLE NULL,
    ratio        FLOAT NULL,
    balance      DECIMAL(12, 2) NOT NULL DEFAULT 0,
    since        YEAR NULL,
    email_domain VARCHAR(120) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
    name_length  INT AS (CHAR_LENGTH(full_name)) STORED,
    PRIMARY KEY (id),
    UNIQUE KEY uq_customers_email (email),
    KEY idx_customers_name (full_name),
    FULLTEXT KEY ft_customers_note (note)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_general_ci AUTO_INCREMENT = 1000;

CREATE TABLE orders (
    id          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id INT UNSIGNED NOT NULL,
    total       DECIMAL(10, 2) NOT NULL,
    note        VARCHAR(200) NULL,
    ordered_at  DATETIME NOT NULL,
    KEY idx_orders_customer (customer_id, ordered_at),
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT chk_orders_total CHECK (total >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = latin1;

CREATE TABLE order_audit (
    id       INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_id BIGINT NOT NULL,
    action   VARCHAR(20) NOT NULL,
    at       DATETIME NOT NULL
) ENGINE = InnoDB;

CREATE TABLE legacy_log (
    id      INT NOT NULL,
    message VARCHAR(200) CHARACTER SET latin1 NULL,
    PRIMARY KEY (id)
) ENGINE = MyISAM;

CREATE TABLE zero_ai (
    id    INT NOT NULL AUTO_INCREMENT,
    label VARCHAR(10) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

CREATE TABLE digits (d INT NOT NULL);
INSERT INTO digits VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
CREATE TABLE numbers (n INT NOT NULL PRIMARY KEY);
INSERT INTO numbers SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d
    FROM digits a, digits b, digits c, digits e;

INSERT INTO customers (email, full_name, phone, note, city, birth_date, created_at, updated_at, tier, tags, flags, avatar,
                       token, prefs, location, score, ratio, balance, since)
SELECT CONCAT('user', n, '@shop.example'),
       CONCAT(ELT(1 + n % 5, 'Hanako', 'Taro', 'Émile', 'Zoë', '山田'), ' Tanaka', n),
       IF(n % 7 = 0, NULL, CONCAT('090-', LPAD(n, 4, '0'), '-1234')),
       CASE n % 4 WHEN 0 THEN NULL WHEN 1 THEN CONCAT('line one\nline two\twith a tab and a \\ backslash ', n)
                  WHEN 2 THEN CONCAT('emoji 😀 and \r return ', n) ELSE '' END,
       CASE n % 3 WHEN 0 THEN NULL WHEN 1 THEN CONCAT('Tōkyō 🗼\t', n % 10) ELSE 'C:\\temp\\N' END,
       CASE WHEN n % 11 = 0 THEN NULL WHEN n % 13 = 0 THEN '0000-00-00' ELSE DATE_ADD('1950-01-01', INTERVAL n * 7 DAY) END,
       IF(n % 17 = 0, '0000-00-00 00:00:00.000', TIMESTAMPADD(SECOND, n * 61, '2020-01-01 00:00:00.123')),
       IF(n % 5 = 0, NULL, FROM_UNIXTIME(1600000000 + n * 3600 + 0.123456)),
       ELT(1 + n % 3, 'bronze', 'silver', 'gold'),
       CASE n % 4 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'vip' ELSE 'vip,b2b' END,
       IF(n % 9 = 0, NULL, n % 1024),
       IF(n % 5 = 0, NULL, UNHEX(CONCAT('00090A5C0D4E', HEX(n), 'FF'))),
       UNHEX(MD5(n)),
       IF(n % 6 = 0, NULL, JSON_OBJECT('lang', 'ja', 'n', n, 'tag', '日本 "quoted"')),
       IF(n % 3 = 0, NULL, POINT(n / 10, n / 20)),
       CASE n % 4 WHEN 0 THEN NULL WHEN 1 THEN 0.1 WHEN 2 THEN n / 3 * 1e-300 ELSE -n * 1.5e300 END,
       IF(n % 2 = 0, NULL, n / 7),
       n * 3.25,
       IF(n % 8 = 0, NULL, 1901 + n % 250)
FROM numbers WHERE n <= 2000 ORDER BY n;
ALTER TABLE customers AUTO_INCREMENT = 5000;

DELIMITER //
CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW
BEGIN
    INSERT INTO order_audit (order_id, action, at) VALUES (NEW.id, 'insert', NOW());
END//
DELIMITER ;

INSERT INTO orders (customer_id, total, note, ordered_at)
SELECT 1000 + (n * 7) % 2000, ROUND(5 + (n * 13 % 20000) / 100, 2),
       IF(n % 3 = 0, NULL, CONCAT('please call before delivery ', n)),
       TIMESTAMPADD(MINUTE, n * 3, '2023-01-01 00:00:00')
FROM numbers WHERE n <= 6000 ORDER BY n;
ALTER TABLE orders AUTO_INCREMENT = 9000;

INSERT INTO legacy_log SELECT n, CONCAT('entry ', n, ' café') FROM numbers WHERE n <= 50;
INSERT INTO zero_ai (id, label) VALUES (0, 'zero'), (1, 'one'), (2, 'two');
DROP TABLE numbers, digits;

-- created under PIPES_AS_CONCAT: on the target it must still concatenate, not OR
SET SESSION sql_mode = 'PIPES_AS_CONCAT';
CREATE TRIGGER customers_city BEFORE INSERT ON customers FOR EACH ROW SET NEW.city = NEW.city || '!';
SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';

CREATE VIEW customer_totals AS
    SELECT c.id, c.email, COUNT(o.id) AS orders, COALESCE(SUM(o.total), 0) AS spent
    FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
    GROUP BY c.id, c.email;
-- a view on a view whose name sorts first: the target must retry it after customer_totals
CREATE VIEW big_spenders AS SELECT id, spent FROM customer_totals WHERE spent > 100;

CREATE FUNCTION order_count(cid INT UNSIGNED) RETURNS INT READS SQL DATA
    RETURN (SELECT COUNT(*) FROM orders WHERE customer_id = cid);

DELIMITER //
CREATE PROCEDURE add_order(IN cid INT UNSIGNED, IN amount DECIMAL(10, 2))
MODIFIES SQL DATA
BEGIN
    INSERT INTO orders (customer_id, total, ordered_at) VALUES (cid, amount, NOW());
END//
DELIMITER ;

CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE ENABLE
    DO DELETE FROM order_audit WHERE at < '2000-01-01';
