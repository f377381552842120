package dev.doppel.cli;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.transform.CatalogMarkdown;
import dev.doppel.core.transform.ParameterDescriptor;
import dev.doppel.core.transform.Transformer;
import dev.doppel.core.transform.TransformerDescriptor;
import dev.doppel.core.transform.TransformerRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel transformers list|show NAME}. */
@Command(name = "transformers", mixinStandardHelpOptions = true,
        description = "List the masking transformers, or show one with its parameters and an example.",
        subcommands = {TransformersCommand.ListCommand.class, TransformersCommand.ShowCommand.class})
final class TransformersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per transformer.")
    static final class ListCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            var all = TransformerRegistry.load().all();
            int width = all.stream().mapToInt(t -> t.descriptor().name().length()).max().orElse(4);
            out.printf(Locale.ROOT, "%-" + width + "s  %-13s  %-6s  %s%n", "NAME", "DETERMINISTIC", "UNIQUE", "DESCRIPTION");
            for (Transformer transformer : all) {
                TransformerDescriptor d = transformer.descriptor();
                out.printf(Locale.ROOT, "%-" + width + "s  %-13s  %-6s  %s%n", d.name(), d.deterministic() ? "yes" : "-",
                        d.uniqueSafe() ? "yes" : "-", firstSentence(d.description()));
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Description, parameters and an example.")
    static final class ShowCommand implements Runnable {
        @Parameters(paramLabel = "NAME", description = "A transformer's name, as 'transformers list' prints it.")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            TransformerRegistry registry = TransformerRegistry.load();
            Transformer transformer = registry.find(name).orElseThrow(() -> new DoppelException(ExitCode.BAD_INPUT,
                    "No transformer is named '" + name + "'; 'doppel transformers list' shows them all"));
            TransformerDescriptor d = transformer.descriptor();
            out.println(d.name());
            out.println("  " + d.description());
            out.println("  deterministic: " + (d.deterministic() ? "yes" : "no") + "   unique-safe: " + (d.uniqueSafe() ? "yes" : "no")
                    + "   column types: " + (d.columnKinds().isEmpty() ? "any"
                    : d.columnKinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).sorted().collect(Collectors.joining(", "))));
            out.println();
            out.println("Parameters:");
            if (d.parameters().isEmpty()) {
                out.println("  (none)");
            }
            for (ParameterDescriptor p : d.parameters()) {
                out.printf(Locale.ROOT, "  %-15s %-8s %s%s%n", p.name(), p.type().name().toLowerCase(Locale.ROOT),
                        p.required() ? "required. " : p.defaultValue() == null ? "" : "default " + p.defaultValue() + ". ",
                        p.description() + (p.allowed().isEmpty() ? "" : " One of: " + String.join(", ", p.allowed())));
            }
            CatalogMarkdown.example(transformer).ifPresent(output -> {
                out.println();
                out.println("Example (default parameters, the public key " + CatalogMarkdown.EXAMPLE_KEY + "):");
                out.println("  " + d.exampleInput() + "  →  " + output);
            });
        }
    }

    private static String firstSentence(String text) {
        return CatalogMarkdown.firstSentence(text);
    }
}
