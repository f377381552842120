package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Column defaults as pg_get_expr prints them, read back as the constant a 'default' rule writes. */
class PostgresDefaultsTest {
    @Test
    void constantsAreReadAsCopyText() {
        assertThat(PostgresDefaults.literal("'active'::character varying")).isEqualTo("active");
        assertThat(PostgresDefaults.literal("'it''s'::text")).isEqualTo("it's");
        assertThat(PostgresDefaults.literal("'2024-01-01'::date")).isEqualTo("2024-01-01");
        assertThat(PostgresDefaults.literal("'{}'::text[]")).isEqualTo("{}");
        assertThat(PostgresDefaults.literal("'{\"a\": 1}'::jsonb")).isEqualTo("{\"a\": 1}");
        assertThat(PostgresDefaults.literal("'x'::character varying(20)")).isEqualTo("x");
        assertThat(PostgresDefaults.literal("0")).isEqualTo("0");
        assertThat(PostgresDefaults.literal("(-1)")).isEqualTo("-1");
        assertThat(PostgresDefaults.literal("0.00")).isEqualTo("0.00");
        assertThat(PostgresDefaults.literal("true")).isEqualTo("true");
    }

    @Test
    void computedDefaultsAndNoneGiveNull() {
        assertThat(PostgresDefaults.literal(null)).isNull();
        assertThat(PostgresDefaults.literal("now()")).isNull();
        assertThat(PostgresDefaults.literal("CURRENT_TIMESTAMP")).isNull();
        assertThat(PostgresDefaults.literal("nextval('shop.orders_id_seq'::regclass)")).isNull();
        assertThat(PostgresDefaults.literal("gen_random_uuid()")).isNull();
        assertThat(PostgresDefaults.literal("NULL::character varying")).isNull();
        assertThat(PostgresDefaults.literal("('now'::text)::date")).isNull();
    }
}
