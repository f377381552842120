package dev.doppel.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckPredicateTest {
    @ParameterizedTest(name = "{0} with {2}")
    @CsvSource(delimiter = '|', value = {
        "CHECK ((amount >= (0)::numeric))                                                  | amount | 12.50      | true",
        "CHECK ((amount >= (0)::numeric))                                                  | amount | -1         | false",
        "CHECK ((amount >= (0)::numeric))                                                  | amount | abc        | false",
        "CHECK ((VALUE > 0))                                                               | score  | 1          | true",
        "CHECK ((VALUE > 0))                                                               | score  | 0          | false",
        "CHECK ((status = ANY (ARRAY['active'::text, 'closed'::text])))                    | status | closed     | true",
        "CHECK ((status = ANY (ARRAY['active'::text, 'closed'::text])))                    | status | open       | false",
        "CHECK (((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))) | status | b | true",
        "CHECK ((char_length(code) = 2))                                                   | code   | JP         | true",
        "CHECK ((char_length(code) = 2))                                                   | code   | JPN        | false",
        "CHECK (((score >= 0) AND (score <= 100)))                                         | score  | 100        | true",
        "CHECK (((score >= 0) AND (score <= 100)))                                         | score  | 101        | false",
        "CHECK (((kind = 'a'::text) OR (kind = 'b'::text)))                                | kind   | b          | true",
        "CHECK ((email ~~ '%@%'::text))                                                    | email  | a@b.example | true",
        "CHECK ((email ~~ '%@%'::text))                                                    | email  | nobody     | false",
        "CHECK ((code ~ '^[A-Z]{2}$'::text))                                               | code   | JP         | true",
        "CHECK ((code ~ '^[[:upper:]]{2}$'::text))                                         | code   | jp         | false",
        "CHECK ((NOT (name = ''::text)))                                                   | name   | x          | true",
        "CHECK ((qty BETWEEN 1 AND 10))                                                    | qty    | 11         | false",
        "(`amount` >= 0)                                                                   | amount | 5          | true",
        "(`status` in (_utf8mb4'a',_utf8mb4'b'))                                           | status | c          | false"
    })
    void decidesTheFormsEnginesPrint(String definition, String column, String value, boolean accepted) {
        assertThat(CheckPredicate.parse(definition, column)).get()
                .satisfies(p -> assertThat(p.accepts(value)).isEqualTo(accepted));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CHECK ((ends_at > starts_at))       | ends_at",
        "CHECK ((app.is_polite(note)))       | note",
        "CHECK ((jsonb_typeof(doc) = 'object'::text)) | doc"
    })
    void declinesWhatItCannotDecide(String definition, String column) {
        assertThat(CheckPredicate.parse(definition, column)).isEmpty();
    }
}
