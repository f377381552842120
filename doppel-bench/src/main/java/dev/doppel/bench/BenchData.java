package dev.doppel.bench;

import java.sql.SQLException;

/** The benchmark's dataset, its masking UPDATEs (baseline b) and the equivalent doppel config (c). */
final class BenchData {
    /** What a hand-written masking.sql does: rewrite every personal column of every row. */
    static final String MASKING_UPDATES = """
            UPDATE customers SET full_name = 'Customer ' || id,
                                 email = 'user' || id || '@example.com',
                                 phone = '090-' || lpad((id % 10000)::text, 4, '0') || '-' || lpad((id * 7 % 10000)::text, 4, '0'),
                                 address = (id % 999) || ' Example Street',
                                 birth_date = birth_date + (id % 61)::int - 30,
                                 notes = NULL;
            UPDATE orders SET shipping_note = NULL WHERE shipping_note IS NOT NULL;
            """;

    private BenchData() {}

    /** Customers take about 40% of the size, orders the rest; about 245 and 127 bytes a row on disk. */
    static void generate(CopyBenchmark.Server pg, String database, int megabytes) throws SQLException {
        long customers = Math.max(1000, megabytes * 1024L * 1024 * 4 / 10 / 245);
        long orders = Math.max(2000, megabytes * 1024L * 1024 * 6 / 10 / 127);
        pg.execute(database, """
                CREATE TABLE customers (
                    id bigint PRIMARY KEY, full_name text NOT NULL, email text NOT NULL UNIQUE, phone text,
                    address text, birth_date date, created_at timestamptz NOT NULL, notes text);
                CREATE TABLE orders (
                    id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), amount numeric(10, 2) NOT NULL,
                    status text NOT NULL, created_at timestamptz NOT NULL, shipping_note text);
                CREATE INDEX orders_customer ON orders (customer_id);
                CREATE INDEX customers_name ON customers (full_name);
                """);
        pg.execute(database, """
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
                """.replace(":customers", Long.toString(customers)).replace(":orders", Long.toString(orders)));
        pg.execute(database, "VACUUM ANALYZE");
    }

    static String config(int port, String target, boolean masked) {
        String customers = masked
                ? "{ id: keep, full_name: person_name, email: email, phone: phone, address: address,"
                        + " birth_date: { transformer: date_shift, days: 30 }, created_at: keep, notes: null }"
                : "{ id: keep, full_name: keep, email: keep, phone: keep, address: keep, birth_date: keep, created_at: keep,"
                        + " notes: keep }";
        String orders = "{ id: keep, customer_id: keep, amount: keep, status: keep, created_at: keep, shipping_note: "
                + (masked ? "null" : "keep") + " }";
        return """
                version: 1
                source: { url: "jdbc:postgresql://localhost:%d/source", user: postgres }
                target: { url: "jdbc:postgresql://localhost:%d/%s", user: postgres }
                masking:
                  key: "${file:bench.key}"
                  tables:
                    public.customers: { columns: %s }
                    public.orders: { columns: %s }
                """.formatted(port, port, target, customers, orders);
    }
}
