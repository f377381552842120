package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class MySqlErrorsTest {
    @Test
    void valuesQuotedByTheServerAreNeverShown() {
        String duplicate = MySqlErrors.describe(new SQLException(
                "(conn=12) Duplicate entry 'hanako@example.jp' for key 'uq_email'", "23000", 1062));
        assertThat(duplicate).isEqualTo("Duplicate entry '…' for key 'uq_email' [error 1062, SQLSTATE 23000]");
        String incorrect = MySqlErrors.describe(new SQLException(
                "Incorrect integer value: '090-1234' for column `shop`.`t`.`phone` at row 3", "22007", 1366));
        assertThat(incorrect).doesNotContain("090-1234").contains("column `shop`.`t`.`phone` at row 3");
        assertThat(MySqlErrors.describe(new SQLException("Incorrect datetime value: 'it''s' for column 'x'", "22007", 1292)))
                .doesNotContain("it''s");
    }

    @Test
    void credentialsInUrlsAreRedacted() {
        assertThat(MySqlErrors.describe(new SQLException("Could not connect to mysql://app:pw123@db:3306/x", "08000", 0)))
                .doesNotContain("pw123");
    }

    @Test
    void missingDependenciesAreRecognised() {
        assertThat(MySqlErrors.isMissingDependency(new SQLException("Table 'x.y' doesn't exist", "42S02", 1146))).isTrue();
        assertThat(MySqlErrors.isMissingDependency(new SQLException("syntax", "42000", 1064))).isFalse();
    }

    @Test
    void objectsThatAreThereAlreadyAreRecognised() {
        assertThat(MySqlErrors.isAlreadyThere(new SQLException("Duplicate key name 'kp'", "42000", 1061))).isTrue();
        assertThat(MySqlErrors.isAlreadyThere(new SQLException("Duplicate FOREIGN KEY constraint name 't/fk'", "HY000", 1826)))
                .isTrue();
        assertThat(MySqlErrors.isAlreadyThere(new SQLException("Can't create table `t`.`c` (errno: 121 \"Duplicate key on write"
                + " or update\")", "HY000", 1005))).isTrue();
        assertThat(MySqlErrors.isAlreadyThere(new SQLException("Can't create table `t`.`c` (errno: 150 \"Foreign key constraint"
                + " is incorrectly formed\")", "HY000", 1005))).isFalse();
        assertThat(MySqlErrors.isAlreadyThere(new SQLException("Duplicate entry '…' for key 'PRIMARY'", "23000", 1062))).isFalse();
    }

    @Test
    void killedConnectionsAreTransientAndSyntaxErrorsAreNot() {
        assertThat(MySqlErrors.isTransient(new SQLException("Socket error", "08000", 0))).isTrue();
        assertThat(MySqlErrors.isTransient(new SQLException("Connection was killed", "70100", 1927))).isTrue();
        assertThat(MySqlErrors.isTransient(new SQLException("Unknown column 'x' in 'WHERE'", "42S22", 1054))).isFalse();
        assertThat(MySqlErrors.isTransient(new SQLException("Access denied", "28000", 1045))).isFalse();
    }
}
