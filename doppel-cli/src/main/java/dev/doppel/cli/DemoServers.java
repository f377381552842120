package dev.doppel.cli;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.util.ServiceLoader;

/**
 * The embedded database servers {@code doppel demo} runs on. They are not in {@code doppel.jar},
 * the jar a nightly job deploys, which holds no database binaries: they come from
 * {@code doppel-demo.jar} (the {@code doppel-demo-servers} module), found on the class path through
 * {@code META-INF/services/dev.doppel.cli.DemoServers}. The {@code ./doppel} launcher of a checkout
 * puts both jars on it.
 */
public interface DemoServers {
    /**
     * Starts an embedded PostgreSQL on localhost, on a free port, whose superuser {@code postgres}
     * connects without a password.
     */
    Server postgres() throws Exception;

    /**
     * Starts an embedded MariaDB on 127.0.0.1, on a free port, with its grant tables in force and
     * no account but root, which only {@link Server#runAsSuperuser} uses.
     */
    Server mariaDb() throws Exception;

    /** A running server; closing it stops it and deletes its files. */
    interface Server extends AutoCloseable {
        int port();

        /** Runs a script of SQL statements as the server's superuser. */
        void runAsSuperuser(String sql) throws Exception;

        @Override
        void close() throws Exception;
    }

    /** The servers on the class path, or an error that says where to get them. */
    static DemoServers find() {
        return ServiceLoader.load(DemoServers.class).findFirst().orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT,
                "doppel demo needs its embedded database servers, which doppel.jar leaves out: run ./doppel demo from a"
                        + " checkout of doppel, or put doppel-demo.jar (doppel-demo-servers/target/) on the class path:"
                        + " java -cp doppel.jar:doppel-demo.jar dev.doppel.cli.Doppel demo"));
    }
}
