package dev.doppel.bench;

/**
 * The benchmark's dataset, the same rows on every engine: a shop whose size follows {@code --size-mb}
 * ({@code shop-DIALECT.sql}), its masking UPDATEs for baseline (b) ({@code masking-DIALECT.sql}) and
 * the equivalent doppel config for (c) and (d).
 */
final class BenchData {
    private BenchData() {}

    /**
     * Customers take about 36% of the size, orders 54%, about 245 and 127 bytes a row in PostgreSQL;
     * documents, wide rows of 0.6 to 2.3 MB as COPY sends them, the rest.
     */
    static void generate(BenchServer server, String database, int megabytes) throws Exception {
        long bytes = megabytes * 1024L * 1024;
        long customers = Math.max(1000, bytes * 36 / 100 / 245);
        long orders = Math.max(2000, bytes * 54 / 100 / 127);
        long documents = Math.max(4, bytes / 10 / (1400L * 1024));
        server.jdbc().execute(database, BenchFiles.resource("shop-" + server.dialect() + ".sql")
                .replace(":customers", Long.toString(customers)).replace(":orders", Long.toString(orders))
                .replace(":documents", Long.toString(documents)));
    }

    /** What a hand-written masking.sql does: rewrite every personal column of every row. */
    static String maskingUpdates(BenchServer server) throws Exception {
        return BenchFiles.resource("masking-" + server.dialect() + ".sql");
    }

    /** The rows of each table, as {@code customers/orders/documents}. */
    static String counts(BenchServer server, String database) throws Exception {
        return String.join("/", server.jdbc().row(database,
                "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM orders), (SELECT count(*) FROM documents)"));
    }

    static String config(BenchServer server, String target, boolean masked) {
        String customers = masked
                ? "{ id: keep, full_name: person_name, email: email, phone: phone, address: address,"
                        + " birth_date: { transformer: date_shift, days: 30 }, created_at: keep, notes: null }"
                : "{ id: keep, full_name: keep, email: keep, phone: keep, address: keep, birth_date: keep, created_at: keep,"
                        + " notes: keep }";
        String orders = "{ id: keep, customer_id: keep, amount: keep, status: keep, created_at: keep, shipping_note: "
                + (masked ? "null" : "keep") + " }";
        String documents = "{ id: keep, customer_id: keep, owner_email: " + (masked ? "email" : "keep")
                + ", title: keep, body: keep, attachment: keep, meta: keep }";
        return """
                version: 1
                source: %s
                target: %s
                masking:
                  key: "${file:bench.key}"
                  tables:
                    %s: { columns: %s }
                    %s: { columns: %s }
                    %s: { columns: %s }
                """.formatted(server.connection("source"), server.connection(target), server.table("customers"), customers,
                server.table("orders"), orders, server.table("documents"), documents);
    }
}
