package dev.doppel.cli;

import dev.doppel.core.pipeline.RunChecks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --sample-rows}: the rows per table that plan, run and snapshot sample for the pre-flight probes. */
final class SampleRowsOption {
    @Option(names = "--sample-rows", paramLabel = "N",
            description = "Rows sampled per table for pre-flight probes and the gate's proposals (default: ${DEFAULT-VALUE};"
                    + " 0: made-up values).")
    int rows = RunChecks.DEFAULT.sampleRows();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The rows, refused with a usage error when negative. */
    int rows() {
        if (rows < 0) {
            throw new ParameterException(command.commandLine(), "--sample-rows must not be negative");
        }
        return rows;
    }
}
