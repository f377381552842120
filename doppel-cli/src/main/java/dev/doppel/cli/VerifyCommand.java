package dev.doppel.cli;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.verify.LeakFoundException;
import dev.doppel.core.verify.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code doppel verify}: check the target for values that survived masking. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check the target for values that survived masking: every masked column is compared with the source"
                    + " through keyed fingerprints, every kept text column is scanned for e-mail addresses, phone numbers"
                    + " and card numbers. Reads both sides read-only; writes only the audit report.",
            "Exit 4 with counts per column when anything leaked."
        })
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Mixin
    ReportOptions report;

    @Option(names = "--jobs", paramLabel = "N", description = "Verification workers: tables, and the parts of a big table, read in parallel (default: number of cores, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        TransformerRegistry registry = TransformerRegistry.load();
        var loaded = config.load(registry);
        return report.audited("verify", loaded, out, err, trail -> {
            try (ProgressDisplay display = ProgressDisplay.create(ProgressMode.LINES, err)) {
                VerifyReport result = new MaskedCopy(registry, Engines.load()).verify(loaded, jobs, display, trail);
                if (!result.passed()) {
                    throw new LeakFoundException(result, "Nothing was changed on the target; it holds these values until you drop it.");
                }
                out.println(result.describe());
            }
        });
    }
}
