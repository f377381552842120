package dev.doppel.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** KeyedHash is HMAC-SHA256, whichever way it computes it: masked outputs must never change with it. */
class KeyedHashTest {
    @Test
    void isHmacSha256UnderTheDomainsSubKey() {
        KeyedHash hash = new MaskingKey("a masking key").forDomain("email");
        byte[] subKey = MaskingKey.hmac("a masking key".getBytes(StandardCharsets.UTF_8),
                "doppel/v1/email".getBytes(StandardCharsets.UTF_8));
        for (String input : new String[] {"", "a", "tanaka@example.jp", "田中 太郎", "x".repeat(64), "y".repeat(1000)}) {
            assertThat(hash.digest(input)).as(input).isEqualTo(MaskingKey.hmac(subKey, input.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void matchesRfc4231TestCase2() {
        KeyedHash hash = new KeyedHash("Jefe".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(hash.digest("what do ya want for nothing?")))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aKeyLongerThanABlockIsHashedFirst() {
        byte[] key = new byte[131];
        java.util.Arrays.fill(key, (byte) 0xaa);
        assertThat(HexFormat.of().formatHex(new KeyedHash(key).digest("Test Using Larger Than Block-Size Key - Hash Key First")))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
}
