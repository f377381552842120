package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignKeyTest {
    @Test
    void theForeignKeysOfAnAlterTableAreReadBack() {
        List<ForeignKey> keys = ForeignKey.parse("ALTER TABLE `order items` ADD CONSTRAINT `fk_order` FOREIGN KEY (`tenant`, `order_id`)"
                + " REFERENCES `orders` (`tenant`, `id`) ON DELETE CASCADE,\n  ADD CONSTRAINT `fk_code` FOREIGN KEY (`co``de`)"
                + " REFERENCES `other_db`.`codes` (`code`)");
        assertThat(keys).containsExactly(
                new ForeignKey("`order items`", "`fk_order`", List.of("`tenant`", "`order_id`"), "`orders`", List.of("`tenant`", "`id`")),
                new ForeignKey("`order items`", "`fk_code`", List.of("`co``de`"), "`other_db`.`codes`", List.of("`code`")));
        assertThat(keys.get(0).violationsQuery()).isEqualTo("SELECT COUNT(*) FROM `order items` c WHERE c.`tenant` IS NOT NULL"
                + " AND c.`order_id` IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `orders` p WHERE p.`tenant` = c.`tenant`"
                + " AND p.`id` = c.`order_id`)");
    }

    @Test
    void aStatementInAnotherFormIsLeftToTheServer() {
        assertThat(ForeignKey.parse("ALTER TABLE `t` ADD KEY `k` (`a`)")).isEmpty();
        assertThat(ForeignKey.parse("ALTER TABLE `t` ADD CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`x`),\n"
                + "  ADD CHECK (`a` > 0)")).isEmpty();
        assertThat(ForeignKey.parse("ALTER TABLE `t` ADD FOREIGN KEY (`a`, `b`) REFERENCES `p` (`x`)")).isEmpty();
    }
}
