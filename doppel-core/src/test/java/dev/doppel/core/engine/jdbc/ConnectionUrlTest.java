package dev.doppel.core.engine.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {
    @Test
    void credentialsLeaveTheUrlDecoded() {
        Properties properties = new Properties();
        String jdbc = ConnectionUrl.toJdbc("postgres://app:s%40cr%3Aet@db.internal:6432/shop?sslmode=verify-full",
                "postgres(ql)?", "postgresql", properties);
        assertThat(jdbc).isEqualTo("jdbc:postgresql://db.internal:6432/shop?sslmode=verify-full");
        assertThat(properties).containsEntry("user", "app").containsEntry("password", "s@cr:et");
    }

    @Test
    void aUserWithoutPasswordSetsOnlyTheUser() {
        Properties properties = new Properties();
        assertThat(ConnectionUrl.toJdbc("mysql://reader@db/app", "mysql|mariadb", "mariadb", properties))
                .isEqualTo("jdbc:mariadb://db/app");
        assertThat(properties).containsOnlyKeys("user").containsEntry("user", "reader");
    }

    @Test
    void noHostMeansLocalhostAndNoPathMeansTheRoot() {
        Properties properties = new Properties();
        assertThat(ConnectionUrl.toJdbc("postgresql:///app", "postgres(ql)?", "postgresql", properties))
                .isEqualTo("jdbc:postgresql://localhost/app");
        assertThat(ConnectionUrl.toJdbc("mariadb://db:3307", "mysql|mariadb", "mariadb", properties))
                .isEqualTo("jdbc:mariadb://db:3307");
        assertThat(properties).isEmpty();
    }
}
