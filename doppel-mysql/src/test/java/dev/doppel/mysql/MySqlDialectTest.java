package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.error.DoppelException;
import dev.doppel.mysql.mariadb.MariaDbDialect;
import org.junit.jupiter.api.Test;

class MySqlDialectTest {
    @Test
    void theServerIsRecognisedFromItsVersionAndOldOnesAreRefused() {
        assertThat(MySqlDialect.of("11.4.5-MariaDB")).isInstanceOf(MariaDbDialect.class);
        assertThat(MySqlDialect.of("8.0.36").product()).isEqualTo("MySQL");
        assertThat(MySqlDialect.of("8.4.0-0ubuntu0.24.04.1").versionNumbers()).containsExactly(8, 4, 0);
        assertThatThrownBy(() -> MySqlDialect.of("5.6.51").checkVersion("source")).isInstanceOf(DoppelException.class)
                .hasMessageContaining("MySQL 5.7 or later");
        assertThatThrownBy(() -> MySqlDialect.of("10.4.32-MariaDB").checkVersion("target"))
                .hasMessageContaining("MariaDB 10.5 or later");
    }

    @Test
    void constantDefaultsAreReadAsEachServerWritesThem() {
        MySqlDialect mysql = MySqlDialect.of("8.0.36");
        assertThat(mysql.constantDefault("bronze", "")).isEqualTo("bronze");
        assertThat(mysql.constantDefault("CURRENT_TIMESTAMP", "DEFAULT_GENERATED")).isNull();
        assertThat(mysql.constantDefault("(uuid())", "DEFAULT_GENERATED")).isNull();
        assertThat(mysql.constantDefault(null, "")).isNull();
        MySqlDialect mariadb = MySqlDialect.of("11.4.5-MariaDB");
        assertThat(mariadb.constantDefault("'bronze'", "")).isEqualTo("bronze");
        assertThat(mariadb.constantDefault("'it''s \\\\ here'", "")).isEqualTo("it's \\ here");
        assertThat(mariadb.constantDefault("0.00", "")).isEqualTo("0.00");
        assertThat(mariadb.constantDefault("NULL", "")).isNull();
        assertThat(mariadb.constantDefault("current_timestamp()", "")).isNull();
    }
}
