package dev.doppel.core.transform;

import static dev.doppel.core.transform.Rules.bind;
import static dev.doppel.core.transform.Rules.mask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.support.CheckDigits;
import dev.doppel.core.transform.support.FormatCipher;
import dev.doppel.core.transform.support.Shape;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatPreservingTest {
    private static final SipHash PRF = new MaskingKey(Rules.KEY).forDomain("test").prf();

    @Test
    void sipHashMatchesTheReferenceVectors() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        SipHash sip = new SipHash(key);
        assertThat(sip.hash(new byte[0])).isEqualTo(0x726fdb47dd0e0e31L);
        byte[] fifteen = new byte[15];
        for (int i = 0; i < fifteen.length; i++) {
            fifteen[i] = (byte) i;
        }
        assertThat(sip.hash(fifteen)).isEqualTo(0xa129ca6149be45e5L);
        byte[] twentyFour = new byte[24];
        for (int i = 0; i < 24; i++) {
            twentyFour[i] = (byte) i;
        }
        assertThat(sip.hash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 0x1716151413121110L))
                .isEqualTo(sip.hash(twentyFour));
    }

    @Test
    void theCipherIsAPermutationOfEveryFourDigitString() {
        FormatCipher cipher = new FormatCipher(PRF);
        Shape shape = new Shape(false);
        Set<String> outputs = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            shape.load(String.format("%04d", i));
            shape.encrypt(cipher, 0, 4, 42);
            outputs.add(shape.text());
        }
        assertThat(outputs).hasSize(10_000);
    }

    @Test
    void longValuesAreCipheredInChainedBlocksAndEverySymbolDependsOnEveryOther() {
        FormatCipher cipher = new FormatCipher(PRF);
        Shape shape = new Shape(true);
        String base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
        shape.load(base);
        shape.encrypt(cipher, 0, shape.count(), 7);
        String one = shape.text();
        shape.load(base.substring(0, base.length() - 1) + "K");
        shape.encrypt(cipher, 0, shape.count(), 7);
        String other = shape.text();
        assertThat(one).hasSameSizeAs(base).isNotEqualTo(other);
        assertThat(one.substring(0, 10)).as("the first block changes when only the last symbol differs")
                .isNotEqualTo(other.substring(0, 10));
    }

    @Test
    void phoneKeepsShapeAndTheKindOfNumber() {
        ValueTransform phone = bind("phone");
        assertThat(mask(phone, "090-1234-5678")).matches("090-\\d{4}-\\d{4}").isNotEqualTo("090-1234-5678");
        assertThat(mask(phone, "03-1234-5678")).matches("03-\\d{4}-\\d{4}");
        assertThat(mask(phone, "0120-123-456")).matches("0120-\\d{3}-\\d{3}");
        assertThat(mask(phone, "+81 90 1234 5678")).matches("\\+81 90 \\d{4} \\d{4}");
        assertThat(mask(phone, "+819012345678")).matches("\\+8190\\d{8}");
        assertThat(mask(phone, "+1 (415) 555-2671")).matches("\\+1 \\(415\\) \\d{3}-\\d{4}");
        assertThat(mask(phone, "+44 20 7946 0958")).matches("\\+44 \\d{2} \\d{4} \\d{4}");
        assertThat(mask(phone, "０９０－１２３４－５６７８")).matches("０９０－[０-９]{4}－[０-９]{4}");
        assertThat(mask(phone, "n/a")).isEqualTo("n/a");
        // the same digits give the same digits whatever the separators
        assertThat(mask(phone, "090-1234-5678").replace("-", "")).isEqualTo(mask(phone, "09012345678"));
    }

    @Test
    void phoneOnAnIntegerColumnNeverStartsWithZero() {
        ValueTransform phone = bind("phone", Map.of(), Rules.column("c", ColumnKind.INTEGER, -1));
        for (int i = 0; i < 1000; i++) {
            String input = Long.toString(8_190_000_000_0L + i * 7919L);
            assertThat(mask(phone, input)).hasSameSizeAs(input).doesNotStartWith("0");
        }
    }

    @Test
    void creditCardKeepsBinLastFourAndLuhnValidity() {
        ValueTransform card = bind("credit_card");
        String masked = mask(card, "4111-1111-1111-1111");
        assertThat(masked).matches("4111-11\\d\\d-\\d{4}-1111").isNotEqualTo("4111-1111-1111-1111");
        assertThat(CheckDigits.isLuhnValid(masked)).isTrue();
        assertThat(CheckDigits.isLuhnValid(mask(card, "3782 822463 10005"))).as("Amex, 15 digits").isTrue();
        String invalid = "4111 1111 1111 1112";
        assertThat(CheckDigits.isLuhnValid(mask(card, invalid))).as("an invalid number stays invalid").isFalse();
    }

    @Test
    void myNumberKeepsAValidCheckDigit() {
        assertThat(CheckDigits.isMyNumberValid("123456789018")).isTrue();
        assertThat(CheckDigits.isMyNumberValid("123456789017")).isFalse();
        ValueTransform myNumber = bind("my_number");
        assertThat(mask(myNumber, "1234 5678 9018")).matches("\\d{4} \\d{4} \\d{4}")
                .satisfies(s -> assertThat(CheckDigits.isMyNumberValid(s)).isTrue());
        assertThat(CheckDigits.isMyNumberValid(mask(myNumber, "123456789017"))).isFalse();
    }

    @Test
    void uuidKeepsVersionVariantAndCase() {
        ValueTransform uuid = bind("uuid", Map.of(), Rules.column("c", ColumnKind.UUID, -1));
        String v7 = "018f3c2a-9b7d-7c21-bf3a-2d5e6b7c8d9e";
        assertThat(mask(uuid, v7)).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
                .isNotEqualTo(v7);
        assertThat(mask(uuid, "6F1C2A3E9B7D4C218F3A2D5E6B7C8D9E")).matches("[0-9A-F]{12}4[0-9A-F]{3}[89AB][0-9A-F]{15}");
        assertThatThrownBy(() -> mask(uuid, "not-a-uuid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipKeepsFamilyPrefixAndSuffix() {
        ValueTransform ip = bind("ip", Map.of("keep_prefix", 16, "keep_prefix_v6", 48));
        assertThat(mask(ip, "192.168.10.25")).startsWith("192.168.").satisfies(s ->
                assertThat(CatalogPropertiesTest.isIpv4(s)).isTrue());
        assertThat(mask(ip, "192.168.10.25/24")).matches("192\\.168\\.\\d+\\.\\d+/24");
        assertThat(mask(ip, "2001:db8:1234::1")).startsWith("2001:db8:1234:");
        assertThat(mask(ip, "::ffff:10.1.2.3")).contains(".");
        Column cidr = new Column("net", "cidr", ColumnKind.OTHER, true, -1, false, false);
        ValueTransform network = bind("ip", Map.of("keep_prefix", 8), cidr);
        for (int i = 0; i < 256; i++) {
            assertThat(mask(network, "10." + i + ".0.0/16")).matches("10\\.\\d+\\.0\\.0/16");
        }
    }

    @Test
    void usernameKeepsShape() {
        ValueTransform username = bind("username");
        assertThat(mask(username, "Hanako.Tanaka-82")).matches("[A-Z][a-z]{5}\\.[A-Z][a-z]{5}-\\d\\d");
        String utf8 = "山田_taro";
        assertThat(mask(username, utf8)).startsWith("山田_").hasSize(utf8.length());
        assertThat(utf8.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }

    @Test
    void postalCodeKeepsFormatAndPrefix() {
        assertThat(mask(bind("postal_code"), "〒150-0002")).matches("〒\\d{3}-\\d{4}");
        assertThat(mask(bind("postal_code", Map.of("keep_prefix", 1)), "94105-1234")).matches("9\\d{4}-\\d{4}");
    }
}
