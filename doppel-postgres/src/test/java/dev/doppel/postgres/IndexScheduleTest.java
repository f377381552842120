package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexScheduleTest {
    private static final TableName ORDERS = new TableName("public", "orders");
    private static final TableName CUSTOMERS = new TableName("public", "customers");
    private static final Map<TableName, Long> SIZES = Map.of(ORDERS, 300L, CUSTOMERS, 200L);

    private static DdlStatement index(String name, TableName table) {
        return new DdlStatement(DdlStatement.Phase.POST_DATA, "index " + name + " on " + table,
                "CREATE INDEX " + name + " ON " + table + " (id)", Set.of(table));
    }

    private static DdlStatement post(String object, String sql, Set<String> requires, TableName... tables) {
        return new DdlStatement(DdlStatement.Phase.POST_DATA, object, sql, Set.of(tables), false, requires);
    }

    /** The customers' key as its index and the constraint that takes it over. */
    private static List<DdlStatement> customersKey() {
        return List.of(index("customers_pkey", CUSTOMERS),
                post("constraint customers_pkey on " + CUSTOMERS, "ALTER TABLE ONLY " + CUSTOMERS
                        + " ADD CONSTRAINT customers_pkey PRIMARY KEY USING INDEX customers_pkey",
                        Set.of("index customers_pkey on " + CUSTOMERS), CUSTOMERS));
    }

    private static final String FOREIGN_KEY = "foreign key orders_customer_fkey on " + ORDERS;

    private static DdlStatement foreignKey(String sql, Set<String> requires) {
        return post(FOREIGN_KEY, "ALTER TABLE ONLY " + ORDERS + " ADD CONSTRAINT orders_customer_fkey " + sql, requires,
                ORDERS, CUSTOMERS);
    }

    private static DdlStatement check() {
        return post(PostgresIndexBuilder.CHECK_OF + FOREIGN_KEY, "ALTER TABLE ONLY " + ORDERS
                + " VALIDATE CONSTRAINT orders_customer_fkey", Set.of(FOREIGN_KEY), ORDERS, CUSTOMERS);
    }

    private static String object(PostgresIndexBuilder.Job job) {
        return job == null ? null : job.statement().object();
    }

    @Test
    void aForeignKeysCheckRunsBesideTheReferencedTablesIndexesOnceItsKeyIsBuiltFirst() {
        List<DdlStatement> statements = new ArrayList<>(customersKey());
        statements.addAll(List.of(index("customers_email", CUSTOMERS), index("orders_pkey", ORDERS),
                foreignKey("FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID",
                        Set.of("constraint customers_pkey on " + CUSTOMERS)), check()));
        PostgresIndexBuilder.Schedule schedule = new PostgresIndexBuilder.Schedule(statements, SIZES, 2);

        PostgresIndexBuilder.Job key = schedule.take();
        assertThat(object(key)).as("the referenced key before the larger orders' index")
                .isEqualTo("index customers_pkey on " + CUSTOMERS);
        assertThat(schedule.sessionsToSpare()).as("both tables wait for the foreign key: the key gets the idle session")
                .isTrue();
        assertThat(schedule.take()).as("no other index starts on either table meanwhile").isNull();

        schedule.done(key);
        PostgresIndexBuilder.Job constraint = schedule.take();
        assertThat(object(constraint)).isEqualTo("constraint customers_pkey on " + CUSTOMERS);
        schedule.done(constraint);
        PostgresIndexBuilder.Job foreignKey = schedule.take();
        assertThat(object(foreignKey)).isEqualTo(FOREIGN_KEY);
        assertThat(schedule.take()).as("the check waits for the key to be added").isNull();
        schedule.done(foreignKey);

        PostgresIndexBuilder.Job check = schedule.take();
        assertThat(object(check)).isEqualTo(PostgresIndexBuilder.CHECK_OF + FOREIGN_KEY);
        assertThat(object(schedule.take())).as("beside the check: the referenced table's index, not the checked one's")
                .isEqualTo("index customers_email on " + CUSTOMERS);
        assertThat(schedule.take()).isNull();
        schedule.done(check);
        assertThat(object(schedule.take())).isEqualTo("index orders_pkey on " + ORDERS);
    }

    @Test
    void aForeignKeyAddedCheckedWaitsUntilBothTablesKeysAndIndexesAreBuilt() {
        List<DdlStatement> statements = new ArrayList<>(customersKey());
        statements.addAll(List.of(index("orders_pkey", ORDERS),
                foreignKey("FOREIGN KEY (customer_id) REFERENCES public.customers(id)", Set.of())));
        PostgresIndexBuilder.Schedule schedule = new PostgresIndexBuilder.Schedule(statements, SIZES, 2);

        PostgresIndexBuilder.Job orders = schedule.take();
        PostgresIndexBuilder.Job customers = schedule.take();
        assertThat(object(orders)).isEqualTo("index orders_pkey on " + ORDERS);
        assertThat(object(customers)).isEqualTo("index customers_pkey on " + CUSTOMERS);
        schedule.done(customers);
        PostgresIndexBuilder.Job constraint = schedule.take();
        assertThat(object(constraint)).isEqualTo("constraint customers_pkey on " + CUSTOMERS);
        schedule.done(constraint);
        assertThat(schedule.take()).as("the orders' index still builds").isNull();
        schedule.done(orders);
        assertThat(object(schedule.take())).isEqualTo(FOREIGN_KEY);
    }

    @Test
    void locksConflictAsPostgresqlsTableOfThemSays() {
        PostgresIndexBuilder.Lock[] locks = PostgresIndexBuilder.Lock.values();
        String expected = """
                ROW_SHARE: ACCESS_EXCLUSIVE
                SHARE_UPDATE_EXCLUSIVE: SHARE_UPDATE_EXCLUSIVE SHARE SHARE_ROW_EXCLUSIVE ACCESS_EXCLUSIVE
                SHARE: SHARE_UPDATE_EXCLUSIVE SHARE_ROW_EXCLUSIVE ACCESS_EXCLUSIVE
                SHARE_ROW_EXCLUSIVE: SHARE_UPDATE_EXCLUSIVE SHARE SHARE_ROW_EXCLUSIVE ACCESS_EXCLUSIVE
                ACCESS_EXCLUSIVE: ROW_SHARE SHARE_UPDATE_EXCLUSIVE SHARE SHARE_ROW_EXCLUSIVE ACCESS_EXCLUSIVE
                """;
        StringBuilder actual = new StringBuilder();
        for (PostgresIndexBuilder.Lock lock : locks) {
            actual.append(lock).append(':');
            for (PostgresIndexBuilder.Lock other : locks) {
                if (lock.conflictsWith(other)) {
                    actual.append(' ').append(other);
                }
                assertThat(other.conflictsWith(lock)).isEqualTo(lock.conflictsWith(other));
            }
            actual.append('\n');
        }
        assertThat(actual).hasToString(expected);
    }

    @Test
    void buildsWithOthersQueuedOrRunningGetNoParallelWorkers() {
        PostgresIndexBuilder.Schedule schedule = new PostgresIndexBuilder.Schedule(List.of(
                index("orders_a", ORDERS), index("customers_a", CUSTOMERS), index("orders_b", ORDERS)), SIZES, 2);

        PostgresIndexBuilder.Job first = schedule.next();
        assertThat(first.statement().object()).contains("orders");
        assertThat(schedule.sessionsToSpare()).as("two builds still wait").isFalse();

        PostgresIndexBuilder.Job second = schedule.next();
        assertThat(schedule.sessionsToSpare()).as("one waits, two run").isFalse();

        schedule.done(first);
        schedule.next();
        assertThat(schedule.sessionsToSpare()).as("the last starts beside another: both sessions busy").isFalse();

        schedule.done(second);
    }

    @Test
    void theLastBuildGetsParallelWorkersWhenASessionIsLeftIdle() {
        PostgresIndexBuilder.Schedule schedule = new PostgresIndexBuilder.Schedule(List.of(
                index("orders_a", ORDERS), index("customers_a", CUSTOMERS)), SIZES, 3);

        schedule.next();
        assertThat(schedule.sessionsToSpare()).isFalse();
        schedule.next();
        assertThat(schedule.sessionsToSpare()).as("nothing waits, 2 of 3 sessions build").isTrue();
    }

    @Test
    void aLoneIndexGetsParallelWorkers() {
        PostgresIndexBuilder.Schedule lone = new PostgresIndexBuilder.Schedule(List.of(index("orders_a", ORDERS)), SIZES, 2);
        lone.next();
        assertThat(lone.sessionsToSpare()).isTrue();
    }

    @Test
    void anIndexBuildEndedFreesItsSession() {
        PostgresIndexBuilder.Schedule schedule = new PostgresIndexBuilder.Schedule(List.of(
                index("orders_a", ORDERS), index("orders_b", ORDERS), index("customers_a", CUSTOMERS)), SIZES, 2);
        PostgresIndexBuilder.Job first = schedule.next();
        PostgresIndexBuilder.Job second = schedule.next();
        schedule.done(first);
        schedule.next();
        assertThat(schedule.sessionsToSpare()).as("the last starts beside the second").isFalse();
        schedule.done(second);
        assertThat(schedule.sessionsToSpare()).as("the second's session is free again").isTrue();
    }
}
