package dev.doppel.mysql;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.schema.DdlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One swap of a replacement schema in for the live one, on the swapping session; see
 * {@link MySqlSwap} for what it promises. It reads both schemas' views, triggers, routines and
 * events first, then:
 *
 * <ol>
 *   <li>creates the retired schema (or the live one, the first time) and ends sessions when asked;
 *       write-locks every table of both schemas, waiting at most {@value #LOCK_WAIT_SECONDS} s for
 *       the sessions using them, so that a long transaction stops the swap before anything is
 *       dropped; drops both schemas' triggers under that lock; unlocks, and runs the one
 *       {@code RENAME TABLE}, which waits as long. A failure here puts back the triggers dropped
 *       and drops the new schema: nothing changed;</li>
 *   <li>creates the replacement's triggers in the live schema, under a write lock of their tables,
 *       then its routines, views (by {@code CREATE OR REPLACE}) and events, and drops the live
 *       schema's others; creates the old ones in the retired schema (its events disabled); drops
 *       the emptied replacement. A failure here renames the tables back and gives each schema its
 *       objects again, so that again nothing changed, or says what could not be undone. These
 *       steps wait up to {@value #LONG_LOCK_WAIT_SECONDS} s for locks: failing half done is worse.</li>
 * </ol>
 */
final class SchemaSwap {
    /** Seconds a statement waits for other sessions' metadata locks before the swap gives up. */
    static final int LOCK_WAIT_SECONDS = 5;
    /** Once something is dropped or renamed, finishing or undoing it is worth a longer wait than failing half done. */
    static final int LONG_LOCK_WAIT_SECONDS = 60;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;

    private final Connection connection;
    private final String server;
    private final String live;
    private final String replacement;
    private final String retired;
    private final String created;
    private final List<String> liveTables;
    private final List<String> replacementTables;
    private final SchemaObjects liveObjects;
    private final SchemaObjects replacementObjects;

    /**
     * @param server the server, for messages (credentials redacted)
     * @param retired the live schema's new name, or null when there is no live schema yet
     */
    SchemaSwap(Connection connection, String server, String live, String replacement, String retired) throws SQLException {
        this.connection = connection;
        this.server = server;
        this.live = live;
        this.replacement = replacement;
        this.retired = retired;
        this.created = retired == null ? live : retired;
        this.replacementTables = Schemas.tables(connection, replacement);
        if (replacementTables.contains(MySqlLedger.RUN)) {
            throw new DoppelException(ExitCode.RUN_FAILED, replacement + " holds an unfinished doppel load (its run ledger "
                    + MySqlLedger.RUN + " is there), so it is not swapped in; nothing was changed. Finish the load with"
                    + " 'doppel restore --resume', or restore again.");
        }
        this.replacementObjects = SchemaObjects.read(connection, replacement);
        this.liveTables = retired == null ? List.of() : Schemas.tables(connection, live);
        this.liveObjects = retired == null ? SchemaObjects.NONE : SchemaObjects.read(connection, live);
    }

    void run(boolean terminate) {
        try {
            Schemas.create(connection, created, retired == null ? replacement : live);
        } catch (SQLException e) {
            throw failed("create the schema " + created, e, "Nothing was changed.");
        }
        List<SchemaObject> droppedLive = new ArrayList<>();
        List<SchemaObject> droppedReplacement = new ArrayList<>();
        try {
            if (terminate) {
                MySqlSessions.end(connection, List.of(live, replacement));
            }
            lock();
            try {
                dropTriggers(replacementObjects, replacement, droppedReplacement);
                dropTriggers(liveObjects, live, droppedLive);
            } finally {
                Schemas.execute(connection, "UNLOCK TABLES");
            }
            rename(liveTables, live, retired, replacementTables, replacement, live);
        } catch (SQLException e) {
            putBack(droppedLive, droppedReplacement, e);
            throw locked(e) ? lockedOut(e, terminate) : failed("swap " + replacement + " in for " + live, e,
                    "Nothing was changed. " + MySqlSwap.PRIVILEGES);
        }
        waitForLocks(LONG_LOCK_WAIT_SECONDS);
        try {
            install(replacementObjects, live, liveObjects);
            if (retired != null) {
                install(liveObjects.retired(), retired, SchemaObjects.NONE);
            }
            Schemas.drop(connection, replacement);
        } catch (SQLException | DoppelException e) {
            undo(e);
        } finally {
            waitForLocks(LOCK_WAIT_SECONDS);
        }
    }

    /**
     * Write-locks every table of both schemas, waiting at most {@link #LOCK_WAIT_SECONDS} for the
     * sessions using them, so that a long transaction stops the swap before any trigger is dropped,
     * and none of the triggers' tables is written while they are dropped.
     */
    private void lock() throws SQLException {
        List<String> tables = new ArrayList<>();
        liveTables.forEach(t -> tables.add(Sql.ident(live) + "." + Sql.ident(t) + " WRITE"));
        replacementTables.forEach(t -> tables.add(Sql.ident(replacement) + "." + Sql.ident(t) + " WRITE"));
        if (!tables.isEmpty()) {
            Schemas.execute(connection, "LOCK TABLES " + String.join(", ", tables));
        }
    }

    /**
     * After the rename: the tables go back, and each schema gets its own objects again. What the
     * live schema holds by then is read anew, since the failure may have come at any point.
     */
    private void undo(Exception failure) {
        String why = failure instanceof SQLException sql ? MySqlErrors.describe(sql) : failure.getMessage();
        try {
            SchemaObjects present = SchemaObjects.read(connection, live);
            dropTriggers(present, live);
            if (retired != null) {
                dropTriggers(liveObjects, retired);
            }
            rename(replacementTables, live, replacement, liveTables, retired, live);
            install(liveObjects, live, present);
            create(replacement, replacementObjects.of(SchemaObject.Kind.TRIGGER).toList());
            Schemas.drop(connection, created);
        } catch (SQLException | DoppelException e) {
            String undoing = e instanceof SQLException sql ? MySqlErrors.describe(sql) : e.getMessage();
            throw new DoppelException(ExitCode.RUN_FAILED, "Swapping " + replacement + " in for " + live + " failed after its"
                    + " tables were renamed (" + why + "), and undoing it failed too (" + undoing + "). Check "
                    + live + ", " + replacement + (retired == null ? "" : " and " + retired) + " by hand: every table is"
                    + " in one of them, but some views, triggers, routines or events may be missing.", failure);
        }
        throw new DoppelException(ExitCode.RUN_FAILED, "Cannot swap " + replacement + " in for " + live + ": creating its"
                + " views, triggers, routines and events after renaming the tables failed (" + why + "). The renames were"
                + " undone; nothing was changed. " + MySqlSwap.PRIVILEGES, failure);
    }

    /** Before the rename: the triggers dropped so far are created again, in their order, and the new schema dropped. */
    private void putBack(List<SchemaObject> droppedLive, List<SchemaObject> droppedReplacement, SQLException failure) {
        waitForLocks(LONG_LOCK_WAIT_SECONDS);
        try {
            create(live, droppedLive);
            create(replacement, droppedReplacement);
            Schemas.drop(connection, created);
        } catch (SQLException | DoppelException e) {
            failure.addSuppressed(e);
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot swap " + replacement + " in for " + live + " ("
                    + MySqlErrors.describe(failure) + "), and putting back the triggers dropped for it failed: "
                    + (e instanceof SQLException sql ? MySqlErrors.describe(sql) : e.getMessage()) + ". The tables were not"
                    + " renamed; create the missing triggers of " + live + " and " + replacement + " again by hand.", failure);
        } finally {
            waitForLocks(LOCK_WAIT_SECONDS);
        }
    }

    private void dropTriggers(SchemaObjects objects, String schema) throws SQLException {
        dropTriggers(objects, schema, new ArrayList<>());
    }

    /** @param dropped gets each trigger once it is dropped */
    private void dropTriggers(SchemaObjects objects, String schema, List<SchemaObject> dropped) throws SQLException {
        for (SchemaObject trigger : objects.of(SchemaObject.Kind.TRIGGER).toList()) {
            Schemas.execute(connection, trigger.drop(schema));
            dropped.add(trigger);
        }
    }

    /** One RENAME TABLE: {@code first} from {@code firstFrom} to {@code firstTo}, then {@code second} likewise. */
    private void rename(List<String> first, String firstFrom, String firstTo, List<String> second, String secondFrom,
                        String secondTo) throws SQLException {
        List<String> moves = new ArrayList<>();
        first.forEach(t -> moves.add(move(t, firstFrom, firstTo)));
        second.forEach(t -> moves.add(move(t, secondFrom, secondTo)));
        if (!moves.isEmpty()) {
            Schemas.execute(connection, "RENAME TABLE " + String.join(", ", moves));
        }
    }

    private static String move(String table, String from, String to) {
        return Sql.ident(from) + "." + Sql.ident(table) + " TO " + Sql.ident(to) + "." + Sql.ident(table);
    }

    /**
     * Makes {@code schema} hold {@code objects} where it held {@code present} (whose triggers are
     * gone already). Triggers first, all at once under a write lock of their tables, so that the
     * tables' writes are without them as briefly as can be; then each routine and event is dropped
     * and created, each view replaced, and the views, routines and events of {@code present} that
     * {@code objects} lacks are dropped.
     */
    private void install(SchemaObjects objects, String schema, SchemaObjects present) throws SQLException {
        List<SchemaObject> triggers = objects.of(SchemaObject.Kind.TRIGGER).toList();
        List<String> locks = triggers.stream().flatMap(t -> t.create().dependsOn().stream())
                .map(t -> Sql.ident(schema) + "." + Sql.ident(t.name()) + " WRITE").distinct().toList();
        if (!locks.isEmpty()) {
            Schemas.execute(connection, "LOCK TABLES " + String.join(", ", locks));
            try {
                create(schema, triggers);
            } finally {
                Schemas.execute(connection, "UNLOCK TABLES");
            }
        }
        List<SchemaObject> others = objects.all().stream().filter(o -> o.kind() != SchemaObject.Kind.TRIGGER).toList();
        for (SchemaObject object : others) {
            if (object.kind() != SchemaObject.Kind.VIEW) {
                Schemas.execute(connection, object.drop(schema));
            }
        }
        create(schema, others);
        for (SchemaObject old : present.all()) {
            if (old.kind() != SchemaObject.Kind.TRIGGER && !objects.has(old)) {
                Schemas.execute(connection, old.drop(schema));
            }
        }
    }

    private void create(String schema, List<SchemaObject> objects) throws SQLException {
        connection.setCatalog(schema);
        List<DdlStatement> creates = objects.stream().map(o -> o.kind() != SchemaObject.Kind.VIEW ? o.create()
                : new DdlStatement(o.create().phase(), o.create().object(),
                        o.create().sql().replaceFirst("^CREATE\\s", "CREATE OR REPLACE "), o.create().dependsOn())).toList();
        Map<DdlStatement, SQLException> missing = DdlRounds.run(connection, creates, (statement, e) -> {
            throw new DoppelException(ExitCode.RUN_FAILED, "creating " + statement.object() + " in " + schema + " failed: "
                    + MySqlErrors.describe(e), e);
        });
        if (!missing.isEmpty()) {
            Map.Entry<DdlStatement, SQLException> first = missing.entrySet().iterator().next();
            throw new DoppelException(ExitCode.RUN_FAILED, "creating " + first.getKey().object() + " in " + schema
                    + " failed: " + MySqlErrors.describe(first.getValue()), first.getValue());
        }
    }

    private void waitForLocks(int seconds) {
        Schemas.waitForLocks(connection, seconds);
    }

    private static boolean locked(SQLException e) {
        return e.getErrorCode() == LOCK_WAIT_TIMEOUT || e.getErrorCode() == DEADLOCK;
    }

    private DoppelException lockedOut(SQLException e, boolean terminate) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot swap " + replacement + " in for " + live + ": other"
                + " sessions hold locks on tables of " + live + " or " + replacement + " (an open transaction, LOCK TABLES"
                + " or a long statement), and the swap"
                + " waited " + LOCK_WAIT_SECONDS + " s for them (" + MySqlErrors.describe(e) + "). Nothing was changed. "
                + (terminate ? "--terminate ended the sessions whose current database is " + live + " or " + replacement
                        + "; those connected to another database, and those of other accounts when this one lacks PROCESS,"
                        + " are not ended: close them." : "Close those sessions, or pass --terminate to end the sessions"
                        + " connected to " + live + " at the swap."), e);
    }

    private DoppelException failed(String action, SQLException e, String outcome) {
        return new DoppelException(ExitCode.RUN_FAILED, "Cannot " + action + " on " + server + ": "
                + MySqlErrors.describe(e) + ". " + outcome, e);
    }
}
