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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves a number by a deterministic factor within ± percent and/or rounds it, keeping its sign,
 * its scale (digits after the point) and the column's range.
 */
public final class NumberNoiseTransformer implements Transformer {
    private static final Pattern NUMERIC = Pattern.compile("(?:numeric|decimal)\\((\\d+)(?:,\\s*(\\d+))?\\)");
    private static final int DEFAULT_PERCENT = 10;

    private static final TransformerDescriptor DESCRIPTOR = TransformerDescriptor.builder("number_noise",
                    "Moves a number by a factor within ± percent, chosen by a keyed hash of the value (never "
                            + "exactly 1), then rounds it if asked. The sign and the number of digits after the "
                            + "point are kept, and the result stays within the column's type (numeric(p,s), "
                            + "smallint, integer, bigint). NaN and infinities are kept.")
            .parameter(ParameterDescriptor.optional("percent", ParamType.INTEGER, null,
                    "The largest change, in percent of the value: 10 when round is not given, none when it is."))
            .parameter(ParameterDescriptor.optional("round", ParamType.STRING, null,
                    "Round the result to a multiple of this number, e.g. 1000 or 0.5."))
            .columnKinds(ColumnKind.INTEGER, ColumnKind.DECIMAL)
            .deterministic()
            .example("52340.75")
            .build();

    @Override
    public TransformerDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ValueTransform bind(BindContext context) {
        String type = context.column().nativeType() == null ? "" : context.column().nativeType().toLowerCase();
        if (type.equals("money")) {
            throw new BindException("money values carry a currency format; use 'keep', 'constant' or cast the column");
        }
        BigDecimal round = null;
        if (context.params().string("round") != null) {
            try {
                round = new BigDecimal(context.params().string("round").trim());
            } catch (NumberFormatException e) {
                throw new BindException("round must be a number, e.g. 100 or 0.5");
            }
            if (round.signum() <= 0) {
                throw new BindException("round must be greater than 0");
            }
        }
        int percent = context.params().has("percent") ? context.params().integer("percent")
                : round == null ? DEFAULT_PERCENT : 0;
        if (percent < 0 || percent > 1000) {
            throw new BindException("percent must be 0 to 1000");
        }
        BigDecimal max = maxOf(type, context.column().kind());
        long span = percent * 10_000L;
        KeyedHash hash = context.keyedHash();
        BigDecimal step = round;
        BigDecimal millionth = BigDecimal.valueOf(1, 6);
        return (value, row) -> {
            String text = value.trim();
            if (text.equals("NaN") || text.endsWith("Infinity") || text.endsWith("inf")) {
                return value;
            }
            BigDecimal number = new BigDecimal(text);
            int scale = Math.max(0, number.scale());
            BigDecimal out = number;
            if (span > 0) {
                long k = Texts.pick(hash.digestLong(text), (int) Math.min(Integer.MAX_VALUE, 2 * span));
                long offset = k < span ? k - span : k - span + 1;
                out = out.add(out.multiply(millionth.multiply(BigDecimal.valueOf(offset))));
            }
            if (step != null) {
                out = out.divide(step, 0, RoundingMode.HALF_UP).multiply(step);
            }
            out = out.setScale(scale, RoundingMode.HALF_UP);
            if (max != null && out.abs().compareTo(max) > 0) {
                out = out.signum() < 0 ? max.negate() : max;
                out = out.setScale(scale, RoundingMode.DOWN);
            }
            return out.toPlainString();
        };
    }

    /** The largest absolute value the column holds, or null when the type has no fixed range. */
    static BigDecimal maxOf(String type, ColumnKind kind) {
        Matcher numeric = NUMERIC.matcher(type);
        if (numeric.find()) {
            int precision = Integer.parseInt(numeric.group(1));
            int scale = numeric.group(2) == null ? 0 : Integer.parseInt(numeric.group(2));
            return BigDecimal.ONE.movePointRight(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale))
                    .setScale(scale, RoundingMode.UNNECESSARY);
        }
        if (type.startsWith("tinyint")) {
            return BigDecimal.valueOf(Byte.MAX_VALUE);
        }
        if (type.startsWith("smallint")) {
            return BigDecimal.valueOf(Short.MAX_VALUE);
        }
        if (type.startsWith("mediumint")) {
            return BigDecimal.valueOf(8_388_607);
        }
        if (type.startsWith("int")) {
            return BigDecimal.valueOf(Integer.MAX_VALUE);
        }
        if (kind == ColumnKind.INTEGER) {
            return BigDecimal.valueOf(Long.MAX_VALUE);
        }
        return null;
    }
}
