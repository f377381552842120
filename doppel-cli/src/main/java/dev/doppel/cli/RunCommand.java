package dev.doppel.cli;

import dev.doppel.core.engine.Engines;
import dev.doppel.core.pipeline.CopyOptions;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doppel run}: the masked copy, source to target. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Copy the source to the target with personal data masked, in one pass.",
            "The source is read in one consistent, read-only snapshot; the target gets tables, data, then indexes,"
                    + " constraints and triggers."
        })
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(names = "--jobs", paramLabel = "N", description = "Tables copied in parallel (default: number of cores, ${DEFAULT-VALUE}).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--replace", description = "Drop what the target holds first. Without it, a non-empty target is refused.")
    boolean replace;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "auto (bars on a terminal, lines otherwise), bars, lines or none. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress = ProgressMode.AUTO;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        TransformerRegistry registry = TransformerRegistry.load();
        var loaded = config.load(registry);
        if (jobs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        RunSummary summary;
        try (ProgressDisplay display = ProgressDisplay.create(progress, err)) {
            summary = new MaskedCopy(registry, Engines.load()).run(loaded, new CopyOptions(jobs, replace), display);
        }
        out.println(Summaries.line(summary));
        return 0;
    }
}
