package dev.doppel.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.error.ProblemsException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotSettingsTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static SnapshotSettings parse(String text, Map<String, String> env) {
        return SnapshotSettings.parse(text, "restore.yml", Path.of("."), env::get);
    }

    @Test
    void readsTheSnapshotSectionAndTargetsWithoutSourceOrMasking() {
        SnapshotSettings settings = parse("""
                version: 1
                targets:
                  staging: { url: "jdbc:postgresql://staging/app", user: doppel, password: "${env:PW}" }
                snapshot:
                  to: s3://bucket/prefix
                  s3: { endpoint: "http://minio:9000", region: eu-west-1, access_key_id: a, secret_access_key: "${env:S3}", path_style: true }
                  encryption: { key: "${env:KEY}" }
                  verify: { algorithm: hmac-sha256, key: "${env:SIGN}" }
                  compression_level: 9
                """, Map.of("PW", "pw", "S3", "s3secret", "KEY", KEY, "SIGN", "sixteen chars or more"));
        assertThat(settings.to()).isEqualTo("s3://bucket/prefix");
        assertThat(settings.compressionLevel()).isEqualTo(9);
        assertThat(settings.s3().endpoint()).isEqualTo("http://minio:9000");
        assertThat(settings.s3().pathStyle()).isTrue();
        assertThat(settings.s3().secretAccessKey().value()).isEqualTo("s3secret");
        assertThat(settings.key()).isNotNull();
        assertThat(settings.verifier().algorithm()).isEqualTo("hmac-sha256");
        assertThat(settings.signer()).isNull();
        assertThat(settings.target("staging").orElseThrow().password().value()).isEqualTo("pw");
        assertThat(settings.target("staging").orElseThrow().toString()).doesNotContain("pw");
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        assertThatThrownBy(() -> parse("""
                version: 1
                snapshot:
                  too: file:///x
                  encryption: { key: "${env:MISSING}" }
                  s3: { path_style: maybe, access_key_id: a }
                  compression_level: 12
                """, Map.of()))
                .isInstanceOf(ProblemsException.class)
                .hasMessageContaining("restore.yml:3:3: unknown key 'snapshot.too'")
                .hasMessageContaining("environment variable MISSING is not set")
                .hasMessageContaining("path_style must be true or false")
                .hasMessageContaining("access_key_id and secret_access_key together")
                .hasMessageContaining("restore.yml:6:22: snapshot.compression_level must be a whole number from 1 (fastest,"
                        + " the default) to 9 (smallest), not '12'");
    }

    @Test
    void withoutALevelDataFilesAreWrittenAtTheFastestLevel() {
        assertThat(parse("version: 1\nsnapshot: { to: file:///x }\n", Map.of()).compressionLevel()).isEqualTo(1);
        assertThat(SnapshotSettings.NONE.compressionLevel()).isEqualTo(1);
    }

    @Test
    void noFileMeansNoSettings() {
        assertThat(SnapshotSettings.load(null, k -> null)).isSameAs(SnapshotSettings.NONE);
    }

    @Test
    void aConfigsSingleTargetCanBeNamedTargetWithoutATargetsMap() {
        SnapshotSettings settings = SnapshotSettings.parse("""
                version: 1
                target: { url: "jdbc:postgresql://staging/app", user: doppel, password: "${env:PW}" }
                """, "restore.yml", Path.of("."), Map.of("PW", "secret-pw")::get);
        assertThat(settings.target("target")).hasValueSatisfying(t -> {
            assertThat(t.url()).isEqualTo("jdbc:postgresql://staging/app");
            assertThat(t.password().value()).isEqualTo("secret-pw");
        });
    }
}
