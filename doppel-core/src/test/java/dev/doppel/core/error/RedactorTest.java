package dev.doppel.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void removesPasswordsFromUrls() {
        assertThat(Redactor.url("postgresql://app:s3cret@db:5432/x")).isEqualTo("postgresql://app:***@db:5432/x");
        assertThat(Redactor.url("jdbc:postgresql://db/x?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=a&password=***&ssl=true");
        assertThat(Redactor.url("jdbc:mysql://db/x?pwd=abc;x=1")).isEqualTo("jdbc:mysql://db/x?pwd=***;x=1");
        assertThat(Redactor.url("postgresql://app@db/x")).isEqualTo("postgresql://app@db/x");
    }

    @Test
    void removesKnownSecretsAndUrlsFromMessages() {
        assertThat(Redactor.message("cannot reach mysql://root:hunter2@db/x with hunter2", "hunter2"))
                .doesNotContain("hunter2");
    }
}
