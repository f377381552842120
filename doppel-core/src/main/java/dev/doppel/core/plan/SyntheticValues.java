package dev.doppel.core.plan;

import dev.doppel.core.schema.Column;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Made-up values of each column kind for pre-flight probes when the source cannot be sampled:
 * distinct, shaped like personal data where the kind is text, and no longer than the column.
 */
final class SyntheticValues {
    static final int ROWS = 200;
    private static final String[] FAMILY = {"Yamada", "Tanaka", "Suzuki", "Sato", "Smith", "Garcia", "Müller", "山田", "佐藤"};
    private static final String[] GIVEN = {"Hanako", "Taro", "Yuki", "Anna", "John", "Maria", "太郎", "花子"};

    private SyntheticValues() {}

    static List<String[]> rows(List<Column> columns) {
        List<String[]> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            String[] row = new String[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = value(columns.get(c), i);
            }
            rows.add(row);
        }
        return rows;
    }

    static String value(Column column, int i) {
        String value = switch (column.kind()) {
            case TEXT -> text(i);
            case INTEGER -> Integer.toString(1 + i * 37 % 32_000);
            case DECIMAL -> String.format(Locale.ROOT, "%d.%02d", i * 7 % 1000, i % 100);
            case BOOLEAN -> i % 2 == 0 ? "t" : "f";
            case DATE -> LocalDate.of(1950, 1, 1).plusDays(i * 173L).toString();
            case TIMESTAMP -> LocalDate.of(2020, 1, 1).plusDays(i * 3L) + " " + String.format(Locale.ROOT, "%02d:%02d:%02d+00",
                    i % 24, i % 60, (i * 7) % 60);
            case TIME -> String.format(Locale.ROOT, "%02d:%02d:%02d", i % 24, i % 60, (i * 7) % 60);
            case UUID -> String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", i * 2654435761L & 0xffffffffL, (long) i);
            case JSON -> "{\"email\": \"user" + i + "@example.jp\", \"n\": " + i + "}";
            case BINARY -> String.format(Locale.ROOT, "\\x%04x", i);
            case ARRAY, OTHER -> null;
        };
        if (value != null && column.maxLength() >= 0 && value.codePointCount(0, value.length()) > column.maxLength()) {
            value = value.substring(0, value.offsetByCodePoints(0, column.maxLength()));
        }
        return value;
    }

    private static String text(int i) {
        return switch (i % 6) {
            case 0 -> "user" + i + "@example.jp";
            case 1 -> GIVEN[i % GIVEN.length] + " " + FAMILY[i % FAMILY.length] + " " + i;
            case 2 -> String.format(Locale.ROOT, "090-%04d-%04d", i, i * 7 % 10_000);
            case 3 -> String.format(Locale.ROOT, "%03d-%04d", 100 + i % 900, i);
            case 4 -> "東京都千代田区丸の内" + (i % 9 + 1) + "-" + i;
            default -> "note " + i + ": call me";
        };
    }
}
