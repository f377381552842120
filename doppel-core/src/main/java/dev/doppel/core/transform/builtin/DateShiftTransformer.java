package dev.doppel.core.transform.builtin;

import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.transform.BindContext;
import dev.doppel.core.transform.BindException;
import dev.doppel.core.transform.KeyedHash;
import dev.doppel.core.transform.ParamType;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.ValueTransform;
import dev.doppel.core.transform.support.Texts;
import java.time.LocalDate;

/** Moves a date or timestamp by a deterministic whole number of days within ± days. */
public final class DateShiftTransformer implements Transformer {
    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("date_shift",
                    "Moves a date or timestamp by a whole number of days between -days and +days (never 0), "
                            + "chosen by a keyed hash of the value, so equal values move alike. The time of day, "
                            + "fraction and time zone are kept; 'infinity' and BC dates are kept as they are. "
                            + "Text columns must hold ISO dates (YYYY-MM-DD…).")
            .parameter(ParameterDescriptor.optional("days", ParamType.INTEGER, "30",
                    "The largest shift in days, forwards or backwards."))
            .parameter(ParameterDescriptor.optional("keep_year", ParamType.BOOLEAN, "false",
                    "Keep the year: a shift past the year's end or start wraps round within the same year, so "
                            + "ages and yearly reports stay the same."))
            .columnKinds(ColumnKind.DATE, ColumnKind.TIMESTAMP, ColumnKind.TEXT)
            .deterministic()
            .example("1985-04-12")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        int days = context.params().integer("days");
        boolean keepYear = context.params().bool("keep_year");
        if (days < 1) {
            throw new BindException("days must be 1 or more");
        }
        int span = keepYear ? Math.min(days, 364) : days;
        KeyedHash hash = context.keyedHash();
        return (value, row) -> {
            int dash = value.indexOf('-', 1);
            if (dash < 4 || value.length() < dash + 6 || value.endsWith(" BC") || !Character.isDigit(value.charAt(0))) {
                if (value.endsWith("infinity") || value.endsWith(" BC")) {
                    return value;
                }
                throw new IllegalArgumentException("not an ISO date");
            }
            int year = Integer.parseInt(value, 0, dash, 10);
            int month = Integer.parseInt(value, dash + 1, dash + 3, 10);
            int day = Integer.parseInt(value, dash + 4, dash + 6, 10);
            LocalDate date = LocalDate.of(year, month, day);
            long k = Texts.pick(hash.digestLong(value), 2 * span);
            long offset = k < span ? k - span : k - span + 1;
            LocalDate shifted;
            if (keepYear) {
                int length = date.lengthOfYear();
                shifted = date.withDayOfYear((int) Math.floorMod(date.getDayOfYear() - 1 + offset, (long) length) + 1);
            } else {
                shifted = date.plusDays(offset);
            }
            StringBuilder out = new StringBuilder(value.length() + 1);
            int y = shifted.getYear();
            if (y < 1) {
                return value;
            }
            if (y < 1000) {
                out.append(y < 10 ? "000" : y < 100 ? "00" : "0");
            }
            out.append(y).append('-');
            if (shifted.getMonthValue() < 10) {
                out.append('0');
            }
            out.append(shifted.getMonthValue()).append('-');
            if (shifted.getDayOfMonth() < 10) {
                out.append('0');
            }
            return out.append(shifted.getDayOfMonth()).append(value, dash + 6, value.length()).toString();
        };
    }
}
