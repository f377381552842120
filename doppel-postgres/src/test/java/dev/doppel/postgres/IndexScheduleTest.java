package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.DdlStatement;
import dev.doppel.core.schema.TableName;
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
