package dev.doppel.core.transform;

import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.ColumnKind;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/transformers.md} from the descriptors, so the catalogue page cannot drift
 * from the code ({@code CatalogDocsTest} fails when it does). Run {@link #main} with the file to
 * write, or the test with {@code -Ddoppel.docs.write=true}.
 */
public final class CatalogMarkdown {
    /** The key behind the examples: public on purpose, so that anyone can reproduce them. */
    public static final String EXAMPLE_KEY = "doppel-example-key-0000";

    private CatalogMarkdown() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/transformers.md");
        Files.writeString(file, generate(TransformerRegistry.load()), StandardCharsets.UTF_8);
    }

    public static String generate(TransformerRegistry registry) {
        StringBuilder out = new StringBuilder();
        out.append("# Transformer catalogue\n\n")
                .append("<!-- Generated from the transformers' descriptors by dev.doppel.core.transform.CatalogMarkdown;"
                        + " do not edit by hand. Regenerate with:\n")
                .append("     ./mvnw -q -B -pl doppel-core test -Dtest=CatalogDocsTest -Ddoppel.docs.write=true -->\n\n")
                .append("Every transformer is deterministic: the same input, key and domain give the same output in "
                        + "every table, database and run (see [masking.md](masking.md)). NULL stays NULL and the "
                        + "empty string stays empty. *Unique-safe* transformers give distinct outputs for distinct "
                        + "inputs, so they may rule a UNIQUE column; the others are refused there when the plan is "
                        + "made. `doppel transformers list` and `doppel transformers show NAME` print the same "
                        + "information.\n\n")
                .append("Examples use the public key `").append(EXAMPLE_KEY).append("` and default parameters.\n\n")
                .append("| Transformer | Unique-safe | Column types | What it does |\n")
                .append("|---|---|---|---|\n");
        for (Transformer t : registry.all()) {
            TransformerDescriptor d = t.descriptor();
            out.append("| [`").append(d.name()).append("`](#").append(d.name()).append(") | ")
                    .append(d.uniqueSafe() ? "yes" : "no").append(" | ").append(kinds(d)).append(" | ")
                    .append(cell(firstSentence(d.description()))).append(" |\n");
        }
        for (Transformer t : registry.all()) {
            TransformerDescriptor d = t.descriptor();
            out.append("\n## ").append(d.name()).append("\n\n").append(d.description()).append("\n\n")
                    .append("Deterministic: ").append(d.deterministic() ? "yes" : "no")
                    .append(" · unique-safe: ").append(d.uniqueSafe() ? "yes" : "no")
                    .append(" · column types: ").append(kinds(d)).append("\n\n")
                    .append("| Parameter | Type | Default | Description |\n|---|---|---|---|\n");
            for (ParameterDescriptor p : d.parameters()) {
                out.append("| `").append(p.name()).append("` | ").append(p.type().name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(p.required() ? "required" : p.defaultValue() == null ? "—"
                                : "`" + cell(p.defaultValue()) + "`")
                        .append(" | ").append(cell(p.description()))
                        .append(p.allowed().isEmpty() ? "" : " One of: " + p.allowed().stream().map(a -> "`" + a + "`")
                                .collect(Collectors.joining(", ")) + ".")
                        .append(" |\n");
            }
            example(t).ifPresent(e -> out.append("\nExample: `").append(d.exampleInput()).append("` → `").append(e)
                    .append("`\n"));
        }
        return out.toString();
    }

    /**
     * The example input's output under {@link #EXAMPLE_KEY} with default parameters, or empty when
     * the transformer needs parameters to work.
     */
    public static Optional<String> example(Transformer transformer) {
        TransformerDescriptor d = transformer.descriptor();
        if (d.exampleInput() == null || d.parameters().stream().anyMatch(ParameterDescriptor::required)) {
            return Optional.empty();
        }
        ColumnKind kind = d.accepts(ColumnKind.TEXT) || d.columnKinds().isEmpty() ? ColumnKind.TEXT
                : d.columnKinds().stream().sorted().findFirst().orElseThrow();
        Column column = new Column("example", kind == ColumnKind.DECIMAL ? "numeric" : kind.name().toLowerCase(Locale.ROOT),
                kind, true, -1, false, false, "premium");
        Table table = new Table(new TableName("public", "example"), List.of(column), -1, -1);
        String locale = d.exampleInput().codePoints().anyMatch(c -> c > 0x3000) ? "ja" : "en";
        ValueTransform bound = transformer.bind(new BindContext(table, column, d, new Params(d, Map.of()),
                new MaskingKey(EXAMPLE_KEY), locale));
        return Optional.ofNullable(ValueTransform.mask(bound, d.exampleInput(), index -> null));
    }

    private static String kinds(TransformerDescriptor d) {
        return d.columnKinds().isEmpty() ? "any" : d.columnKinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT))
                .sorted().collect(Collectors.joining(", "));
    }

    /** The description's first sentence ("e.g." does not end one). */
    public static String firstSentence(String text) {
        int from = 0;
        while (true) {
            int end = text.indexOf(". ", from);
            if (end < 0) {
                return text;
            }
            if (!text.startsWith("e.g", Math.max(0, end - 3)) && !text.startsWith("i.e", Math.max(0, end - 3))) {
                return text.substring(0, end + 1);
            }
            from = end + 1;
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
