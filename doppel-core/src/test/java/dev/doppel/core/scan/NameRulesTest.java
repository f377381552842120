package dev.doppel.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameRulesTest {
    @ParameterizedTest(name = "{0}.{1} → {2}")
    @CsvSource({
        "public.users, email, EMAIL",
        "public.users, contactEmail, EMAIL",
        "public.users, e_mail, EMAIL",
        "public.users, メールアドレス, EMAIL",
        "public.users, tel, PHONE",
        "public.users, homePhone, PHONE",
        "public.users, denwa, PHONE",
        "public.users, 電話番号, PHONE",
        "public.users, keitai, PHONE",
        "public.users, full_name, PERSON_NAME",
        "public.users, shimei, PERSON_NAME",
        "public.users, 氏名, PERSON_NAME",
        "public.users, name, PERSON_NAME",
        "public.users, last_name, PERSON_NAME",
        "public.users, name_kana, NAME_KANA",
        "public.users, フリガナ, NAME_KANA",
        "public.users, address, ADDRESS",
        "public.users, jusho, ADDRESS",
        "public.users, 住所, ADDRESS",
        "public.users, zip, POSTAL_CODE",
        "public.users, yubin_bango, POSTAL_CODE",
        "public.users, 郵便番号, POSTAL_CODE",
        "public.users, birthday, BIRTH_DATE",
        "public.users, date_of_birth, BIRTH_DATE",
        "public.users, seinengappi, BIRTH_DATE",
        "public.users, 生年月日, BIRTH_DATE",
        "public.users, last_login_ip, IP_ADDRESS",
        "public.users, card_number, CARD_NUMBER",
        "public.users, my_number, MY_NUMBER",
        "public.users, 個人番号, MY_NUMBER",
        "public.users, line_id, USERNAME",
        "public.users, password_hash, SECRET",
        "public.orders, notes, FREE_TEXT",
        "public.orders, 備考, FREE_TEXT"
    })
    void namesThatSayWhatTheyHold(String table, String column, PiiCategory expected) {
        assertThat(NameRules.classify(table, column)).map(NameRules.NameHit::category).contains(expected);
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "public.products, name",
        "public.products, product_name",
        "public.users, company_name",
        "public.users, email_verified",
        "public.users, mail_count",
        "public.users, phone_type",
        "public.users, email_template",
        "public.exports, zip_file",
        "public.users, card_type",
        "public.users, status",
        "public.users, 顧客番号",
        "public.users, created_at",
        "public.devices, mac_address"
    })
    void namesThatOnlyMentionPersonalData(String table, String column) {
        assertThat(NameRules.classify(table, column)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"first_name, first", "given_name, first", "surname, last", "full_name, full", "姓, last"})
    void namePartsForPersonNames(String column, String part) {
        assertThat(NameRules.classify("public.users", column)).map(NameRules.NameHit::part).contains(part);
    }
}
