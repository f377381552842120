CREATE TABLE customers (
    id bigint PRIMARY KEY, full_name text NOT NULL, email text NOT NULL UNIQUE, phone text,
    address text, birth_date date, created_at timestamptz NOT NULL, notes text);
CREATE TABLE orders (
    id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), amount numeric(10, 2) NOT NULL,
    status text NOT NULL, created_at timestamptz NOT NULL, shipping_note text);
CREATE TABLE documents (
    id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), owner_email text NOT NULL,
    title text NOT NULL, body text NOT NULL, attachment bytea, meta jsonb);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX customers_name ON customers (full_name);
INSERT INTO customers
SELECT i, (ARRAY['Hanako','Taro','Yuki','Emma','Liam','Olivia'])[1 + i % 6] || ' '
          || (ARRAY['Tanaka','Suzuki','Sato','Smith','Brown','Garcia'])[1 + i / 6 % 6],
       'customer' || i || '@mail' || (i % 50) || '.example.org',
       CASE WHEN i % 9 = 0 THEN NULL ELSE '090-' || lpad((i * 7919 % 10000)::text, 4, '0') || '-'
           || lpad((i * 104729 % 10000)::text, 4, '0') END,
       (i % 999 + 1) || ' Sakura-dori, Chuo-ku, Tokyo ' || lpad((i % 1000000)::text, 7, '0'),
       date '1950-01-01' + (i * 37 % 20000)::int,
       timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute',
       'Prefers delivery after 18:00; contact ' || i || '@example.net or 03-' || lpad((i % 10000)::text, 4, '0')
           || '-5678. ' || repeat('Loyal customer since 2020. ', 3)
FROM generate_series(1::bigint, :customers) AS i;
INSERT INTO orders
SELECT o, 1 + o * 7 % :customers, round((5 + (o * 13 % 20000) / 100.0)::numeric, 2),
       (ARRAY['pending','paid','shipped','cancelled'])[1 + o % 4],
       timestamptz '2023-01-01 00:00:00+00' + o * interval '3 seconds',
       CASE WHEN o % 3 = 0 THEN 'Leave at the door, call 090-1234-' || lpad((o % 10000)::text, 4, '0') || '. '
           || repeat('Fragile. ', 6) END
FROM generate_series(1::bigint, :orders) AS o;
-- wide rows, to show that memory stays bounded: a 0.3-1.2 MB text, a 0.25-1 MB incompressible bytea, a 64 KB JSON document
INSERT INTO documents
SELECT d, 1 + d * 13 % :customers, 'customer' || (1 + d * 13 % :customers) || '@mail.example.org', 'Contract ' || d,
       repeat('Clause ' || d || ': the parties agree to the terms set out in the schedule below. ', (5000 * (1 + d % 4))::int),
       (SELECT decode(string_agg(md5(d || '/' || g), ''), 'hex') FROM generate_series(1, 16384 * (1 + d % 4)) AS g),
       jsonb_build_object('owner', 'Customer ' || d, 'pages', 10 + d % 90, 'notes', repeat('n', 65536))
FROM generate_series(1::bigint, :documents) AS d;
VACUUM ANALYZE;
