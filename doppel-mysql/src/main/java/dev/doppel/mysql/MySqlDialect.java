package dev.doppel.mysql;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.mysql.mariadb.MariaDbDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What differs between servers of the MySQL family. This class is MySQL 5.7, 8.0 and 8.4 as
 * their documentation describes them; {@link MariaDbDialect} overrides what MariaDB does
 * differently. MySQL itself could not be run where doppel is tested (see docs/mysql.md), so
 * everything MySQL-only is kept here, in one place.
 */
public class MySqlDialect {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private final String version;

    protected MySqlDialect(String version) {
        this.version = version;
    }

    /** The dialect of a server from its {@code VERSION()} text. */
    public static MySqlDialect of(String version) {
        return version.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? new MariaDbDialect(version)
                : new MySqlDialect(version);
    }

    public String product() {
        return "MySQL";
    }

    public final String version() {
        return version;
    }

    /** {major, minor, patch}, or zeros when the text is not a version. */
    public final int[] versionNumbers() {
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return new int[] {0, 0, 0};
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** The oldest version doppel accepts, as {major, minor}. */
    protected int[] minimumVersion() {
        return new int[] {5, 7};
    }

    /** @throws DoppelException when the server is older than doppel supports */
    public final void checkVersion(String side) {
        int[] actual = versionNumbers();
        int[] minimum = minimumVersion();
        if (actual[0] < minimum[0] || actual[0] == minimum[0] && actual[1] < minimum[1]) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The " + side + " runs " + product() + " " + version
                    + "; doppel needs " + product() + " " + minimum[0] + "." + minimum[1] + " or later");
        }
    }

    /** Session settings after the common ones: no statement time limit on long reads and loads. */
    public List<String> sessionSettings() {
        int[] v = versionNumbers();
        boolean hasMaxExecutionTime = v[0] > 5 || v[0] == 5 && v[1] >= 7;
        return hasMaxExecutionTime ? List.of("SET SESSION max_execution_time = 0") : List.of();
    }

    /** A condition on {@code information_schema.COLUMNS c} that is true for generated columns. */
    public String generatedColumnCondition() {
        return "(c.EXTRA LIKE '%VIRTUAL GENERATED%' OR c.EXTRA LIKE '%STORED GENERATED%')";
    }

    /**
     * A column's default when it is a constant, in text form, or null. MySQL writes a literal
     * default bare in {@code COLUMN_DEFAULT} ({@code bronze}) and marks expression defaults
     * {@code DEFAULT_GENERATED} in {@code EXTRA}; {@code CURRENT_TIMESTAMP} is an expression too.
     */
    public String constantDefault(String columnDefault, String extra) {
        if (columnDefault == null || extra != null && extra.toUpperCase(java.util.Locale.ROOT).contains("DEFAULT_GENERATED")
                || columnDefault.toUpperCase(java.util.Locale.ROOT).startsWith("CURRENT_TIMESTAMP")) {
            return null;
        }
        return columnDefault;
    }

    /** The {@code TABLE_TYPE}s of tables whose rows are copied. */
    public String tableTypes() {
        return "'BASE TABLE'";
    }

    /**
     * Columns that hold JSON although their data type does not say so, as {@code table.column}.
     * MySQL has a real JSON type, so none.
     */
    public Set<String> jsonColumns(Connection connection, String database) throws SQLException {
        return Set.of();
    }

    /** True when the server has sequence objects (MariaDB 10.3+); MySQL has none. */
    public boolean hasSequences() {
        return false;
    }

    @Override
    public String toString() {
        return product() + " " + version;
    }
}
