package dev.doppel.cli;

import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.scan.ColumnClassifier;
import dev.doppel.core.scan.ConfigMerger;
import dev.doppel.core.scan.Proposer;
import dev.doppel.core.scan.Scanner;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doppel scan}: find personal data, classify columns, propose rules. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {
            "Find personal data in the source by column names (English, romaji, Japanese) and a bounded sample of values,"
                    + " and propose a rule for every column: a transformer, or keep. Values are looked at, never printed"
                    + " or stored; the evidence is counts.",
            "--write adds the proposals for columns without a rule to the config, leaving existing rules, comments and"
                    + " order as they are."
        })
final class ScanCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--write", description = "Add the proposed rules of unclassified columns to the config file.")
    boolean write;

    @Option(names = "--sample-rows", paramLabel = "N", description = "Rows sampled per table (default: ${DEFAULT-VALUE}).")
    int sampleRows = 1000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (sampleRows < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sample-rows must not be negative");
        }
        TransformerRegistry registry = TransformerRegistry.load();
        DoppelConfig loaded = config.load(registry);
        Proposer proposer = new Proposer(registry, new MaskingKey(loaded.masking().key().value()), loaded.masking().locale());
        List<Scanner.Finding> findings;
        SourceSchema schema;
        try (SourceDatabase source = Engines.load().relational(loaded.source().url()).openSource(loaded.source())) {
            schema = source.readSchema();
            findings = new Scanner(new ColumnClassifier(), proposer, sampleRows).scan(source, schema, loaded.masking());
        }
        out.println("Source: " + schema.engine() + " " + schema.serverVersion() + " at " + loaded.source().redactedUrl()
                + " (read-only); up to " + Formats.count(sampleRows) + " sampled rows per table; values are never shown");
        print(out, findings);
        if (write) {
            merge(out, loaded.file(), findings);
        } else if (findings.stream().anyMatch(Scanner.Finding::unclassified)) {
            out.println("Run again with --write to add the proposed rules to " + loaded.file() + ".");
        }
        return 0;
    }

    private static void print(PrintWriter out, List<Scanner.Finding> findings) {
        int width = findings.stream().mapToInt(f -> f.column().name().length()).max().orElse(4);
        TableName current = null;
        for (Scanner.Finding f : findings) {
            if (!f.table().equals(current)) {
                current = f.table();
                out.println();
                out.println(current + (f.newTable() ? "  (new table: not in the config)" : ""));
            }
            String status = f.unclassified() ? "NEW  → " + f.proposal().yaml()
                    : f.keptButPersonal() ? "KEPT, BUT LOOKS PERSONAL (scan proposes " + f.proposal().yaml() + ")"
                    : "rule: " + f.rule().transformer();
            out.printf(Locale.ROOT, "    %-" + width + "s  %-24s %s%n", f.column().name(), truncate(f.column().nativeType()), status);
            out.printf(Locale.ROOT, "    %-" + width + "s  %-24s   %s%n", "", "", f.classification().summary());
        }
        long unclassified = findings.stream().filter(Scanner.Finding::unclassified).count();
        long personal = findings.stream().filter(f -> f.unclassified() && f.classification().personal()).count();
        long kept = findings.stream().filter(Scanner.Finding::keptButPersonal).count();
        long tables = findings.stream().map(Scanner.Finding::table).distinct().count();
        out.println();
        out.printf(Locale.ROOT, "Scanned %d columns in %d tables: %d without a rule (%d look personal), %d kept although they"
                + " look personal.%n", findings.size(), tables, unclassified, personal, kept);
    }

    private static String truncate(String type) {
        return type.length() <= 24 ? type : type.substring(0, 23) + "…";
    }

    private static void merge(PrintWriter out, Path file, List<Scanner.Finding> findings) {
        Map<TableName, List<ConfigMerger.Addition>> additions = new LinkedHashMap<>();
        for (Scanner.Finding f : findings) {
            if (f.unclassified()) {
                additions.computeIfAbsent(f.table(), t -> new ArrayList<>()).add(new ConfigMerger.Addition(f.column().name(),
                        f.proposal().yaml(), "scan: " + f.classification().summary()));
            }
        }
        int count = additions.values().stream().mapToInt(List::size).sum();
        if (count == 0) {
            out.println("Every column already has a rule; " + file + " was not changed.");
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String merged = new ConfigMerger(file.toString()).merge(text, additions);
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".doppel-scan-", ".yml");
            Files.writeString(temporary, merged, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Cannot update " + file + ": " + e.getClass().getSimpleName()
                    + "; nothing was changed");
        }
        out.println("Added " + count + " rule" + (count == 1 ? "" : "s") + " to " + file
                + "; existing rules and comments are unchanged. Review them, then run 'doppel plan -c " + file + "'.");
    }
}
