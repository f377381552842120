package dev.doppel.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.ConfigLoader;
import dev.doppel.core.config.MaskingPolicy;
import dev.doppel.core.transform.TransformerRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyFingerprintTest {
    private static MaskingPolicy policy(String key, String tables) {
        String yaml = "version: 1\nsource: { url: \"jdbc:postgresql://db/x\" }\nmasking:\n  key: \"" + key + "\"\n" + tables;
        return new ConfigLoader(TransformerRegistry.load(), Map.<String, String>of()::get)
                .parse(yaml, "doppel.yml", Path.of("."), Path.of("doppel.yml")).masking();
    }

    @Test
    void dependsOnRulesAndKeyButNotOnLayoutCommentsOrOrder() {
        MaskingPolicy a = policy("0123456789abcdef", """
                  tables:
                    public.users: { columns: { email: email, name: { transformer: hash, length: 20 } } }
                    public.tmp: { mode: exclude }
                """);
        MaskingPolicy sameRulesOtherLayout = policy("0123456789abcdef", """
                  # reviewed
                  tables:
                    public.tmp:
                      mode: exclude
                    public.users:
                      columns:
                        name:
                          length: 20
                          transformer: hash
                        email: email   # login
                """);
        MaskingPolicy otherKey = policy("fedcba9876543210", """
                  tables:
                    public.users: { columns: { email: email, name: { transformer: hash, length: 20 } } }
                    public.tmp: { mode: exclude }
                """);
        MaskingPolicy otherRule = policy("0123456789abcdef", """
                  tables:
                    public.users: { columns: { email: email, name: { transformer: hash, length: 21 } } }
                    public.tmp: { mode: exclude }
                """);
        assertThat(PolicyFingerprint.of(a)).startsWith("sha256:").hasSize(23).isEqualTo(PolicyFingerprint.of(sameRulesOtherLayout));
        assertThat(PolicyFingerprint.of(otherKey)).isNotEqualTo(PolicyFingerprint.of(a));
        assertThat(PolicyFingerprint.of(otherRule)).isNotEqualTo(PolicyFingerprint.of(a));
        assertThat(String.join("\n", PolicyFingerprint.normalized(a))).doesNotContain("0123456789abcdef")
                .contains("column public.users.name hash {length: 20}");
    }
}
