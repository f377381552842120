-- A source with every kind of object doppel must carry across.
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'The application';
CREATE TYPE app.mood AS ENUM ('happy', 'sad', 'neutral');
CREATE DOMAIN app.positive_int AS integer CONSTRAINT positive CHECK (VALUE > 0);
CREATE TYPE app.address AS (street text, city text);
CREATE SEQUENCE app.invoice_no START 1000;

CREATE TABLE app.countries (code char(2) PRIMARY KEY, name text NOT NULL);

CREATE TABLE app.customers (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        varchar(100) NOT NULL UNIQUE,
    full_name    text NOT NULL,
    phone        text,
    country      char(2) REFERENCES app.countries (code),
    mood         app.mood,
    tags         text[],
    profile      jsonb,
    avatar       bytea,
    score        app.positive_int,
    home         app.address,
    email_domain text GENERATED ALWAYS AS (split_part(email, '@', 2)) STORED,
    updated_at   timestamptz DEFAULT now()
);
COMMENT ON TABLE app.customers IS 'People who buy things';
COMMENT ON COLUMN app.customers.email IS 'Login';

CREATE TABLE app.orders (
    id            bigserial PRIMARY KEY,
    customer_id   integer NOT NULL REFERENCES app.customers (id),
    invoice       integer DEFAULT nextval('app.invoice_no'),
    placed_on     date NOT NULL,
    amount        numeric(10, 2) CHECK (amount >= 0),
    contact_email text
);
CREATE TABLE app.order_lines (
    order_id bigint REFERENCES app.orders (id) ON DELETE CASCADE,
    line_no  integer,
    sku      text NOT NULL,
    qty      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE app.events (id bigint NOT NULL, happened_at date NOT NULL, kind text, payload jsonb) PARTITION BY RANGE (happened_at);
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE app.events ADD PRIMARY KEY (id, happened_at);
CREATE INDEX events_kind_idx ON app.events (kind);

CREATE TABLE app.audit (id serial PRIMARY KEY, changed_at timestamptz NOT NULL DEFAULT now(), note text);
CREATE TABLE app.scratch (id integer);

CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now() + interval '1 day';
    RETURN NEW;
END
$$;
CREATE TRIGGER customers_touch BEFORE UPDATE ON app.customers FOR EACH ROW EXECUTE FUNCTION app.touch();
CREATE FUNCTION app.order_total(cid integer) RETURNS numeric LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(amount), 0) FROM app.orders WHERE customer_id = cid $$;
CREATE VIEW app.customer_spend AS SELECT c.id, c.email, app.order_total(c.id) AS spend FROM app.customers c;
CREATE MATERIALIZED VIEW app.orders_per_day AS SELECT placed_on, count(*) AS n FROM app.orders GROUP BY placed_on;
CREATE UNIQUE INDEX orders_per_day_key ON app.orders_per_day (placed_on);
CREATE VIEW app.scratch_view AS SELECT id FROM app.scratch;

INSERT INTO app.countries VALUES ('JP', 'Japan'), ('US', 'United States'), ('DE', 'Germany');
INSERT INTO app.customers (email, full_name, phone, country, mood, tags, profile, avatar, score, home)
SELECT 'user' || i || '@example.org',
       'Name ' || i,
       CASE WHEN i % 3 = 0 THEN NULL ELSE '+81-90-0000-' || lpad(i::text, 4, '0') END,
       (ARRAY['JP', 'US', 'DE'])[1 + i % 3],
       (ARRAY['happy', 'sad', 'neutral'])[1 + i % 3]::app.mood,
       ARRAY['t' || i, E'tab\there', E'back\\slash', E'new\nline'],
       CASE WHEN i % 5 = 0 THEN NULL ELSE jsonb_build_object('n', i, 'email', 'user' || i || '@example.org') END,
       decode(md5(i::text), 'hex'),
       1 + i % 50,
       ROW('Street ' || i, E'City\n' || i)::app.address
FROM generate_series(1, 500) AS i;
UPDATE app.customers SET full_name = E'Tab\there \\ back\nslash' WHERE id = 7;
INSERT INTO app.orders (customer_id, placed_on, amount, contact_email)
SELECT 1 + i % 500, date '2024-01-01' + i % 400, (i % 1000) / 10.0,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 'user' || (1 + i % 500) || '@example.org' END
FROM generate_series(1, 2000) AS i;
INSERT INTO app.order_lines SELECT o.id, l, 'SKU-' || l, l FROM app.orders o, generate_series(1, 2) AS l;
INSERT INTO app.events SELECT i, date '2024-06-01' + i % 300, 'k' || i % 5, '{"a": 1}' FROM generate_series(1, 1000) AS i;
INSERT INTO app.audit (note) SELECT 'note ' || i FROM generate_series(1, 50) AS i;
INSERT INTO app.scratch SELECT generate_series(1, 10);
SELECT nextval('app.invoice_no') FROM generate_series(1, 5);
REFRESH MATERIALIZED VIEW app.orders_per_day;
ANALYZE;
