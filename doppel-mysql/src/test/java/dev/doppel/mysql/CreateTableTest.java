package dev.doppel.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreateTableTest {
    private static final String ORDERS = """
            CREATE TABLE `orders` (
              `id` bigint(20) NOT NULL AUTO_INCREMENT,
              `customer_id` int(10) unsigned NOT NULL,
              `code` varchar(20) NOT NULL COMMENT 'KEY (`x`), not a key',
              `note` text DEFAULT NULL,
              PRIMARY KEY (`id`),
              UNIQUE KEY `uq_code` (`code`),
              KEY `idx_customer` (`customer_id`),
              FULLTEXT KEY `ft_note` (`note`),
              CONSTRAINT `fk_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE,
              CONSTRAINT `fk_other` FOREIGN KEY (`code`) REFERENCES `other_db`.`codes` (`code`),
              CONSTRAINT `chk_code` CHECK (`code` <> '')
            ) ENGINE=InnoDB AUTO_INCREMENT=9000 DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
            /*!50100 PARTITION BY KEY (`id`) PARTITIONS 2 */""";

    @Test
    void secondaryIndexesAndForeignKeysAreTakenOutForAfterTheData() {
        CreateTable split = CreateTable.split(ORDERS, "id");
        assertThat(split.create()).isEqualTo("""
                CREATE TABLE `orders` (
                  `id` bigint(20) NOT NULL AUTO_INCREMENT,
                  `customer_id` int(10) unsigned NOT NULL,
                  `code` varchar(20) NOT NULL COMMENT 'KEY (`x`), not a key',
                  `note` text DEFAULT NULL,
                  PRIMARY KEY (`id`),
                  CONSTRAINT `chk_code` CHECK (`code` <> '')
                ) ENGINE=InnoDB AUTO_INCREMENT=9000 DEFAULT CHARSET=latin1 COLLATE=latin1_swedish_ci
                /*!50100 PARTITION BY KEY (`id`) PARTITIONS 2 */""");
        assertThat(split.indexes()).containsExactly("UNIQUE KEY `uq_code` (`code`)", "KEY `idx_customer` (`customer_id`)");
        assertThat(split.fulltextIndexes()).containsExactly("FULLTEXT KEY `ft_note` (`note`)");
        assertThat(split.foreignKeys()).hasSize(2).first().asString().startsWith("CONSTRAINT `fk_customer` FOREIGN KEY");
        assertThat(split.referencedTables()).containsExactlyInAnyOrder("customers", "other_db.codes");
    }

    @Test
    void theIndexAnAutoIncrementColumnNeedsStaysInTheCreate() {
        String show = """
                CREATE TABLE `log` (
                  `tenant` int(11) NOT NULL,
                  `seq` int(11) NOT NULL AUTO_INCREMENT,
                  PRIMARY KEY (`tenant`,`seq`),
                  KEY `by_tenant` (`tenant`),
                  KEY `seq` (`seq`)
                ) ENGINE=InnoDB""";
        CreateTable split = CreateTable.split(show, "seq");
        assertThat(split.create()).contains("  PRIMARY KEY (`tenant`,`seq`),\n  KEY `seq` (`seq`)\n)");
        assertThat(split.indexes()).containsExactly("KEY `by_tenant` (`tenant`)");
    }

    @Test
    void aTableWithoutKeysIsLeftAsItIs() {
        String show = "CREATE TABLE `plain` (\n  `a` int(11) DEFAULT NULL,\n  `b` blob DEFAULT NULL\n) ENGINE=MyISAM";
        CreateTable split = CreateTable.split(show, null);
        assertThat(split.create()).isEqualTo(show);
        assertThat(split.indexes()).isEmpty();
        assertThat(split.foreignKeys()).isEmpty();
    }
}
