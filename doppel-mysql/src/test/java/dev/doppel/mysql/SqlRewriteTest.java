package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlRewriteTest {
    @Test
    void theDefinerIsRemovedFromTheHeaderOnly() {
        String view = "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select"
                + " 'DEFINER=`x`@`y`' AS `d`";
        assertThat(SqlRewrite.withoutDefiner(view, SqlRewrite.VIEW_BODY)).isEqualTo("CREATE ALGORITHM=UNDEFINED SQL SECURITY"
                + " DEFINER VIEW `v` AS select 'DEFINER=`x`@`y`' AS `d`");
        assertThat(SqlRewrite.withoutDefiner("CREATE DEFINER=`app``s`@`%` TRIGGER `t` BEFORE INSERT ON `c` FOR EACH ROW SET"
                + " NEW.a = 1", SqlRewrite.TRIGGER_BODY)).isEqualTo("CREATE TRIGGER `t` BEFORE INSERT ON `c` FOR EACH ROW SET"
                + " NEW.a = 1");
        assertThat(SqlRewrite.withoutDefiner("CREATE DEFINER=`admin_role` PROCEDURE `p`(IN x INT)\nBEGIN END",
                SqlRewrite.ROUTINE_BODY)).isEqualTo("CREATE PROCEDURE `p`(IN x INT)\nBEGIN END");
        assertThat(SqlRewrite.withoutDefiner("CREATE DEFINER='ops'@'10.0.%' EVENT `e` ON SCHEDULE EVERY 1 DAY DO SELECT 1",
                SqlRewrite.EVENT_BODY)).isEqualTo("CREATE EVENT `e` ON SCHEDULE EVERY 1 DAY DO SELECT 1");
    }

    @Test
    void theSourceDatabaseIsTakenOutOfTheHeader() {
        String trigger = "CREATE TRIGGER `prod`.`t` BEFORE INSERT ON prod.orders FOR EACH ROW INSERT INTO prod.audit VALUES (1)";
        assertThat(SqlRewrite.unqualified(trigger, "prod", SqlRewrite.TRIGGER_BODY)).isEqualTo(
                "CREATE TRIGGER `t` BEFORE INSERT ON orders FOR EACH ROW INSERT INTO prod.audit VALUES (1)");
        assertThat(SqlRewrite.unqualified("CREATE FUNCTION `production`.`f`() RETURNS int RETURN 1", "prod",
                SqlRewrite.ROUTINE_BODY)).isEqualTo("CREATE FUNCTION `production`.`f`() RETURNS int RETURN 1");
    }

    @Test
    void eventsAreCreatedDisabledAndStatementsCarryTheirMode() {
        assertThat(SqlRewrite.disabledEvent("CREATE EVENT `e` ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00'"
                + " ON COMPLETION PRESERVE ENABLE COMMENT 'ENABLE me' DO DELETE FROM t")).isEqualTo("CREATE EVENT `e` ON"
                + " SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'ENABLE me' DO"
                + " DELETE FROM t");
        assertThat(SqlRewrite.disabledEvent("CREATE EVENT `e` ON SCHEDULE AT '2030-01-01 00:00:00' ON COMPLETION NOT"
                + " PRESERVE DISABLE ON SLAVE DO SELECT 1")).contains("NOT PRESERVE DISABLE DO");
        assertThat(SqlRewrite.underMode("PIPES_AS_CONCAT", "+09:00", "CREATE EVENT x")).isEqualTo(
                "SET SESSION sql_mode = 'PIPES_AS_CONCAT', time_zone = '+09:00';\nCREATE EVENT x");
    }
}
