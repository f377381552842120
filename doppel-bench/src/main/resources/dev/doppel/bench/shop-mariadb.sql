-- The shop of shop-postgres.sql, value for value, in MariaDB: rows from the SEQUENCE engine's seq_1_to_N,
-- secondary indexes and the foreign key added after the rows (the rows fit them by construction).
SET time_zone = '+00:00', foreign_key_checks = 0;
CREATE TABLE customers (
    id bigint PRIMARY KEY, full_name varchar(255) NOT NULL, email varchar(255) NOT NULL, phone varchar(32),
    address varchar(255), birth_date date, created_at timestamp NOT NULL, notes text);
CREATE TABLE orders (
    id bigint PRIMARY KEY, customer_id bigint NOT NULL, amount decimal(10, 2) NOT NULL,
    status varchar(16) NOT NULL, created_at timestamp NOT NULL, shipping_note text);
CREATE TABLE documents (
    id bigint PRIMARY KEY, customer_id bigint NOT NULL, owner_email varchar(255) NOT NULL, title varchar(255) NOT NULL,
    body longtext NOT NULL, attachment longblob, meta json);
INSERT INTO customers
SELECT seq, CONCAT(ELT(1 + seq % 6, 'Hanako','Taro','Yuki','Emma','Liam','Olivia'), ' ',
                   ELT(1 + seq DIV 6 % 6, 'Tanaka','Suzuki','Sato','Smith','Brown','Garcia')),
       CONCAT('customer', seq, '@mail', seq % 50, '.example.org'),
       CASE WHEN seq % 9 = 0 THEN NULL ELSE CONCAT('090-', LPAD(seq * 7919 % 10000, 4, '0'), '-',
           LPAD(seq * 104729 % 10000, 4, '0')) END,
       CONCAT(seq % 999 + 1, ' Sakura-dori, Chuo-ku, Tokyo ', LPAD(seq % 1000000, 7, '0')),
       DATE '1950-01-01' + INTERVAL (seq * 37 % 20000) DAY,
       TIMESTAMP '2020-01-01 00:00:00' + INTERVAL seq MINUTE,
       CONCAT('Prefers delivery after 18:00; contact ', seq, '@example.net or 03-', LPAD(seq % 10000, 4, '0'),
           '-5678. ', REPEAT('Loyal customer since 2020. ', 3))
FROM seq_1_to_:customers;
INSERT INTO orders
SELECT seq, 1 + seq * 7 % :customers, ROUND(5 + (seq * 13 % 20000) / 100.0, 2),
       ELT(1 + seq % 4, 'pending','paid','shipped','cancelled'),
       TIMESTAMP '2023-01-01 00:00:00' + INTERVAL seq * 3 SECOND,
       CASE WHEN seq % 3 = 0 THEN CONCAT('Leave at the door, call 090-1234-', LPAD(seq % 10000, 4, '0'), '. ',
           REPEAT('Fragile. ', 6)) END
FROM seq_1_to_:orders;
-- wide rows, to show that memory stays bounded: a 0.3-1.2 MB text, a 0.25-1 MB blob, a 64 KB JSON document
INSERT INTO documents
SELECT seq, 1 + seq * 13 % :customers, CONCAT('customer', 1 + seq * 13 % :customers, '@mail.example.org'),
       CONCAT('Contract ', seq),
       REPEAT(CONCAT('Clause ', seq, ': the parties agree to the terms set out in the schedule below. '), 5000 * (1 + seq % 4)),
       UNHEX(REPEAT(CONCAT(MD5(seq), MD5(seq + 1)), 8192 * (1 + seq % 4))),
       JSON_OBJECT('owner', CONCAT('Customer ', seq), 'pages', 10 + seq % 90, 'notes', REPEAT('n', 65536))
FROM seq_1_to_:documents;
ALTER TABLE customers ADD UNIQUE KEY customers_email (email), ADD KEY customers_name (full_name);
ALTER TABLE orders ADD KEY orders_customer (customer_id),
    ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE documents ADD CONSTRAINT documents_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ANALYZE TABLE customers, orders, documents;
