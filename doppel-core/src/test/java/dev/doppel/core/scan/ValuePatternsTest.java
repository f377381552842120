package dev.doppel.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValuePatternsTest {
    @ParameterizedTest
    @ValueSource(strings = {"tanaka.hanako@example.jp", "a+tag@mail.example.co.jp", "O'Brien@example.ie"})
    void emails(String value) {
        assertThat(ValuePatterns.isEmail(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tanaka@", "@example.jp", "not an email", "a@b", "user@localhost"})
    void notEmails(String value) {
        assertThat(ValuePatterns.isEmail(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"090-1234-5678", "09012345678", "03-1234-5678", "(03) 1234-5678", "0120-123-456",
        "+81-90-1234-5678", "+81 3 1234 5678", "+1 415 555 0100", "+44 20 7946 0958", "０８０－１２３４－５６７８"})
    void phones(String value) {
        assertThat(ValuePatterns.isPhone(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0312345678", "12345678", "2024-01-01", "123-4567", "+0 123", "SKU-000123", "1234567890123"})
    void notPhones(String value) {
        assertThat(ValuePatterns.isPhone(value)).isFalse();
    }

    @Test
    void japanesePostalCodes() {
        assertThat(ValuePatterns.isPostalCodeJp("100-0005")).isTrue();
        assertThat(ValuePatterns.isPostalCodeJp("〒150-0002")).isTrue();
        assertThat(ValuePatterns.isPostalCodeJp("１５０－０００２")).isTrue();
        assertThat(ValuePatterns.isPostalCodeJp("1000005")).isFalse();
        assertThat(ValuePatterns.isPostalCodeJp("90210")).isFalse();
    }

    @Test
    void cardNumbersMustPassLuhnAndLookLikeACardBrand() {
        assertThat(ValuePatterns.isCardNumber("4111 1111 1111 1111")).isTrue();
        assertThat(ValuePatterns.isCardNumber("5555-5555-5555-4444")).isTrue();
        assertThat(ValuePatterns.isCardNumber("378282246310005")).isTrue();
        assertThat(ValuePatterns.isCardNumber("4111111111111112")).isFalse();
        assertThat(ValuePatterns.isCardNumber("9111111111111111")).isFalse();
        assertThat(ValuePatterns.isCardNumber("4111")).isFalse();
    }

    @Test
    void myNumbersMustPassTheirCheckDigit() {
        assertThat(ValuePatterns.myNumberCheckDigit("12345678901")).isEqualTo(8);
        assertThat(ValuePatterns.myNumberCheckDigit("00000000001")).isEqualTo(9);
        assertThat(ValuePatterns.isMyNumber("123456789018")).isTrue();
        assertThat(ValuePatterns.isMyNumber("1234 5678 9018")).isTrue();
        assertThat(ValuePatterns.isMyNumber("123456789017")).isFalse();
        assertThat(ValuePatterns.isMyNumber("12345678901")).isFalse();
    }

    @Test
    void ipAddresses() {
        assertThat(ValuePatterns.isIpAddress("192.168.10.25")).isTrue();
        assertThat(ValuePatterns.isIpAddress("10.0.0.0/8")).isTrue();
        assertThat(ValuePatterns.isIpAddress("2001:db8::1")).isTrue();
        assertThat(ValuePatterns.isIpAddress("::ffff:192.0.2.1")).isTrue();
        assertThat(ValuePatterns.isIpAddress("fe80:0:0:0:0:0:0:1")).isTrue();
        assertThat(ValuePatterns.isIpAddress("256.1.1.1")).isFalse();
        assertThat(ValuePatterns.isIpAddress("1.2.3")).isFalse();
        assertThat(ValuePatterns.isIpAddress("12:30")).isFalse();
        assertThat(ValuePatterns.isIpAddress("2001:db8::1::2")).isFalse();
    }

    @Test
    void datesKanaNamesAndAddresses() {
        assertThat(ValuePatterns.dateYear("1985-04-12")).isEqualTo(1985);
        assertThat(ValuePatterns.dateYear("1985/4/12 00:00:00")).isEqualTo(1985);
        assertThat(ValuePatterns.dateYear("1985-02-30")).isEqualTo(-1);
        assertThat(ValuePatterns.isKana("ヤマダ タロウ")).isTrue();
        assertThat(ValuePatterns.isKana("やまだ　たろう")).isTrue();
        assertThat(ValuePatterns.isKana("山田 太郎")).isFalse();
        assertThat(ValuePatterns.looksLikePersonName("Hanako Yamada")).isTrue();
        assertThat(ValuePatterns.looksLikePersonName("山田 太郎")).isTrue();
        assertThat(ValuePatterns.looksLikePersonName("Coffee Mug 3")).isFalse();
        assertThat(ValuePatterns.looksLikeAddress("東京都千代田区丸の内1-9-1")).isTrue();
        assertThat(ValuePatterns.looksLikeAddress("221B Baker Street, London")).isTrue();
    }

    @Test
    void personalDataInsideFreeText() {
        assertThat(ValuePatterns.containsPersonalData("please call 090-1234-5678 after 6pm")).isTrue();
        assertThat(ValuePatterns.containsPersonalData("mail me at hanako@example.jp")).isTrue();
        assertThat(ValuePatterns.containsPersonalData("paid with 4111 1111 1111 1111")).isTrue();
        assertThat(ValuePatterns.containsPersonalData("order 12 shipped on 2024-05-01, 3 boxes")).isFalse();
    }
}
