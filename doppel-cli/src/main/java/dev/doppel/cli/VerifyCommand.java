package dev.doppel.cli;

import dev.doppel.core.audit.AuditTrail;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.pipeline.MaskedCopy;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.verify.LeakFoundException;
import dev.doppel.core.verify.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        TransformerRegistry registry = TransformerRegistry.load();
        var loaded = config.load(registry);
        AuditTrail trail = report.start("verify", loaded);
        int code = ExitCode.INTERNAL.code();
        try (ProgressDisplay display = ProgressDisplay.create(ProgressMode.LINES, err)) {
            VerifyReport result = new MaskedCopy(registry, Engines.load()).verify(loaded, display, trail);
            if (!result.passed()) {
                throw new LeakFoundException(result, "Nothing was changed on the target; it holds these values until you drop it.");
            }
            out.println(result.describe());
            code = ExitCode.OK.code();
            return code;
        } catch (RuntimeException e) {
            trail.failed(e);
            code = e instanceof DoppelException d ? d.exitCode().code() : ExitCode.INTERNAL.code();
            throw e;
        } finally {
            report.write(trail, code, out, err);
        }
    }
}
