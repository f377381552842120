package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MySqlConnectorTest {
    @Test
    void everyAcceptedUrlFormBecomesAMariaDbJdbcUrl() {
        Properties properties = new Properties();
        assertThat(MySqlConnector.toJdbc("jdbc:mysql://db:3306/app?useSSL=true", properties))
                .isEqualTo("jdbc:mariadb://db:3306/app?useSSL=true");
        assertThat(MySqlConnector.toJdbc("jdbc:mariadb:replication://a,b/app", properties))
                .isEqualTo("jdbc:mariadb:replication://a,b/app");
        assertThat(properties).isEmpty();
        assertThat(MySqlConnector.toJdbc("mysql://app:s%40cret@db.internal:3307/shop?sslMode=verify-full", properties))
                .isEqualTo("jdbc:mariadb://db.internal:3307/shop?sslMode=verify-full");
        assertThat(properties).containsEntry("user", "app").containsEntry("password", "s@cret");
        assertThat(MySqlConnector.toJdbc("mariadb://localhost/x", new Properties())).isEqualTo("jdbc:mariadb://localhost/x");
    }

    @Test
    void theDatabaseIsTheFirstPathSegment() {
        assertThat(MySqlConnector.databaseOf("jdbc:mariadb://db:3306/app?x=1")).isEqualTo("app");
        assertThat(MySqlConnector.databaseOf("jdbc:mariadb://a,b/my%20db")).isEqualTo("my db");
        assertThat(MySqlConnector.databaseOf("jdbc:mariadb://db:3306/")).isNull();
        assertThat(MySqlConnector.databaseOf("jdbc:mariadb://db:3306")).isNull();
    }

    @Test
    void anotherDatabaseKeepsTheCredentialsHostsAndParameters() {
        assertThat(MySqlConnector.withDatabase("mysql://app:s%40cret@db:3307/shop?sslMode=verify-full", "shop_doppel_next"))
                .isEqualTo("mysql://app:s%40cret@db:3307/shop_doppel_next?sslMode=verify-full");
        assertThat(MySqlConnector.withDatabase("jdbc:mariadb:replication://a,b/app", "my db"))
                .isEqualTo("jdbc:mariadb:replication://a,b/my%20db");
        assertThat(MySqlConnector.withDatabase("jdbc:mysql://db?useSSL=true", "app")).isEqualTo("jdbc:mysql://db/app?useSSL=true");
        assertThat(MySqlConnector.withDatabase("jdbc:mariadb://db:3306/app?a=/b", "")).isEqualTo("jdbc:mariadb://db:3306/?a=/b");
        assertThat(MySqlConnector.databaseOf(MySqlConnector.withDatabase("jdbc:mariadb://db/app", "größe+1")))
                .isEqualTo("größe+1");
    }

    @Test
    void aUrlWithoutDatabaseIsRefusedWithoutShowingThePassword() {
        ConnectionConfig config = new ConnectionConfig("mysql://app:topsecret@db:3306", null, null, null);
        assertThatThrownBy(() -> new MySqlConnector(config, true)).isInstanceOfSatisfying(DoppelException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT))
                .hasMessageContaining("names no database").hasMessageNotContaining("topsecret");
    }

    @Test
    void theEngineAcceptsTheFourForms() {
        MySqlEngine engine = new MySqlEngine();
        assertThat(engine.accepts("jdbc:mysql://h/d")).isTrue();
        assertThat(engine.accepts("jdbc:mariadb://h/d")).isTrue();
        assertThat(engine.accepts("mysql://h/d")).isTrue();
        assertThat(engine.accepts("mariadb://h/d")).isTrue();
        assertThat(engine.accepts("jdbc:postgresql://h/d")).isFalse();
    }
}
