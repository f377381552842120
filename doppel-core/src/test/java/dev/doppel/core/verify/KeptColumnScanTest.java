package dev.doppel.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.schema.TableName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quick signs the scan checks before its patterns never hide a value the patterns find. */
class KeptColumnScanTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tanaka.hanako@example.jp | e-mail address",
        "mail me at hanako@example.jp | e-mail address",
        "090-1234-5678 | phone number",
        "09012345678 | phone number",
        "(03) 1234-5678 | phone number",
        "+1 415 555 0100 | phone number",
        "０８０－１２３４－５６７８ | phone number",
        "please call 03-123-4567 after 6pm | phone number",
        "4111 1111 1111 1111 | card number or My Number",
        "123456789018 | card number or My Number",
        "paid with 4111 1111 1111 1111 | card number or My Number",
        "192.168.10.25 | IP address",
        "10.0.0.0/8 | IP address",
        "2001:db8::1 | IP address",
        "::ffff:192.0.2.1 | IP address",
    })
    void findsEveryKindOfPersonalData(String value, String pattern) {
        KeptColumnScan scan = new KeptColumnScan(TestPlans.users(new TableName("app", "t"), 1).copiedColumns().get(1));
        scan.accept(value);
        assertThat(scan.verdict(new TableName("app", "t"), false).patterns()).containsOnlyKeys(pattern);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"pending", "order 12 shipped on 2024-05-01, 3 boxes", "v1.2.3", "12:30"})
    void ordinaryTextIsClean(String value) {
        KeptColumnScan scan = new KeptColumnScan(TestPlans.users(new TableName("app", "t"), 1).copiedColumns().get(1));
        scan.accept(value);
        assertThat(scan.verdict(new TableName("app", "t"), false).patterns()).isEmpty();
    }
}
