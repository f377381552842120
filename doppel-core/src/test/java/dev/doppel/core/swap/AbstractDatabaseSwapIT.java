package dev.doppel.core.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.error.DoppelException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DatabaseSwap}, run through {@link LiveSwap} against a real server. Every
 * engine that swaps subclasses it with a few hooks that put a marker into a database and read it
 * back; see {@code PostgresSwapIT}.
 */
public abstract class AbstractDatabaseSwapIT {
    /** The engine under test. */
    protected abstract RelationalEngine engine();

    /** How to connect to a database that does not exist yet, with a fresh, unique name. */
    protected abstract ConnectionConfig newDatabase();

    /** Creates a table in the database holding one marker value. */
    protected abstract void write(ConnectionConfig database, String marker) throws Exception;

    /** The database's marker, or null when it has none. */
    protected abstract String read(ConnectionConfig database) throws Exception;

    /** Opens a session on the database and keeps it until closed. */
    protected abstract AutoCloseable session(ConnectionConfig database) throws Exception;

    /** True while the session still works. */
    protected abstract boolean alive(AutoCloseable session) throws Exception;

    private DatabaseSwap open(ConnectionConfig live) {
        return engine().swap(live).orElseThrow();
    }

    /** Makes {@code live} hold {@code marker} by a swap, as a restore does. */
    private LiveSwap.Swapped restore(ConnectionConfig live, String marker, int keep) throws Exception {
        try (DatabaseSwap swap = open(live)) {
            LiveSwap generations = new LiveSwap(swap);
            write(generations.prepare(() -> { }), marker);
            return generations.commit(keep, false);
        }
    }

    @Test
    void theFirstSwapCreatesTheLiveDatabase() throws Exception {
        ConnectionConfig live = newDatabase();
        LiveSwap.Swapped swapped = restore(live, "first", 1);
        assertThat(read(live)).isEqualTo("first");
        assertThat(swapped.retired()).isEmpty();
        try (DatabaseSwap swap = open(live)) {
            assertThat(new LiveSwap(swap).generations()).isEmpty();
            assertThat(swap.databases()).contains(swap.live()).doesNotContain(swap.live() + "_doppel_next");
        }
    }

    @Test
    void aSwapKeepsThePreviousGenerationAndRollbackSwapsItBack() throws Exception {
        ConnectionConfig live = newDatabase();
        restore(live, "old", 1);
        LiveSwap.Swapped swapped = restore(live, "new", 1);
        assertThat(read(live)).isEqualTo("new");
        assertThat(swapped.retired()).isPresent();
        try (DatabaseSwap swap = open(live)) {
            LiveSwap generations = new LiveSwap(swap);
            assertThat(generations.generations()).containsExactly(swapped.retired().get());
            assertThat(read(swap.connection(swapped.retired().get()))).isEqualTo("old");
            generations.rollback(null, false);
            assertThat(read(live)).isEqualTo("old");
            generations.rollback(null, false);
            assertThat(read(live)).isEqualTo("new");
            assertThat(generations.generations()).hasSize(1);
        }
    }

    @Test
    void generationsBeyondKeepAreDropped() throws Exception {
        ConnectionConfig live = newDatabase();
        restore(live, "1", 2);
        restore(live, "2", 2);
        restore(live, "3", 2);
        LiveSwap.Swapped fourth = restore(live, "4", 2);
        assertThat(fourth.dropped()).hasSize(1);
        try (DatabaseSwap swap = open(live)) {
            LiveSwap generations = new LiveSwap(swap);
            assertThat(generations.generations()).hasSize(2);
            assertThat(read(swap.connection(generations.generations().get(0)))).isEqualTo("3");
            assertThat(read(swap.connection(generations.generations().get(1)))).isEqualTo("2");
        }
        restore(live, "5", 0);
        try (DatabaseSwap swap = open(live)) {
            assertThat(new LiveSwap(swap).generations()).isEmpty();
        }
        assertThat(read(live)).isEqualTo("5");
    }

    @Test
    void abandoningBeforeTheSwapLeavesTheLiveDatabaseAsItWas() throws Exception {
        ConnectionConfig live = newDatabase();
        restore(live, "live", 1);
        try (DatabaseSwap swap = open(live)) {
            LiveSwap generations = new LiveSwap(swap);
            write(generations.prepare(() -> { }), "half");
            generations.abandon();
            assertThat(swap.databases()).doesNotContain(generations.staging());
        }
        assertThat(read(live)).isEqualTo("live");
    }

    @Test
    void aLeftoverReplacementIsDroppedBeforeTheNextOne() throws Exception {
        ConnectionConfig live = newDatabase();
        try (DatabaseSwap swap = open(live)) {
            write(new LiveSwap(swap).prepare(() -> { }), "interrupted");
        }
        try (DatabaseSwap swap = open(live)) {
            AtomicBoolean told = new AtomicBoolean();
            ConnectionConfig fresh = new LiveSwap(swap).prepare(() -> told.set(true));
            assertThat(told).isTrue();
            assertThat(read(fresh)).isNull();
        }
    }

    @Test
    void openSessionsStopTheSwapUnlessTerminated() throws Exception {
        ConnectionConfig live = newDatabase();
        restore(live, "live", 1);
        try (AutoCloseable session = session(live); DatabaseSwap swap = open(live)) {
            LiveSwap generations = new LiveSwap(swap);
            write(generations.prepare(() -> { }), "next");
            assertThatThrownBy(() -> generations.commit(1, false)).isInstanceOf(DoppelException.class)
                    .hasMessageContaining("--terminate");
            assertThat(read(live)).isEqualTo("live");
            assertThat(alive(session)).isTrue();
            assertThat(swap.databases()).contains(generations.staging());

            generations.commit(1, true);
            assertThat(alive(session)).isFalse();
        }
        assertThat(read(live)).isEqualTo("next");
    }
}
