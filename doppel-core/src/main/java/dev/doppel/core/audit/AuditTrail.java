package dev.doppel.core.audit;

import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.error.Problem;
import dev.doppel.core.error.ProblemsException;
import dev.doppel.core.error.Redactor;
import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.pipeline.TableProgress;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.UnclassifiedColumnsException;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.verify.LeakFoundException;
import dev.doppel.core.verify.VerifyReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run (or verification) did, collected as it goes, for the audit report. It holds names,
 * counts, rules and messages — which never carry row values — and never a credential: URLs are
 * redacted and the key appears only as its fingerprint.
 */
public final class AuditTrail {
    /** A step's outcome. */
    public enum Status { PASSED, FAILED, SKIPPED, NOT_REACHED }

    final String kind;
    final String toolVersion;
    final DoppelConfig config;
    final Instant started = Instant.now();
    Instant finished;
    int exitCode = -1;
    String error;
    String sourceEngine;
    String sourceVersion;
    Plan plan;
    Status gate = Status.NOT_REACHED;
    final List<String> unclassified = new ArrayList<>();
    final List<String> newTables = new ArrayList<>();
    Status preflight = Status.NOT_REACHED;
    final List<String> preflightProblems = new ArrayList<>();
    final Map<TableName, Long> rows = new LinkedHashMap<>();
    long totalRows = -1;
    Status verification = Status.NOT_REACHED;
    VerifyReport report;
    String destination;

    /** @param kind {@code run}, {@code snapshot} or {@code verify} */
    public AuditTrail(String kind, DoppelConfig config, String toolVersion) {
        this.kind = kind;
        this.config = config;
        this.toolVersion = toolVersion;
    }

    /** Where the masked copy went when it is not the config's target: a snapshot's URI, without credentials. */
    public synchronized void destination(String uri) {
        this.destination = uri;
    }

    /** The verification's outcome, or null when it did not run. */
    public synchronized VerifyReport verification() {
        return report;
    }

    public java.nio.file.Path configFile() {
        return config.file();
    }

    public synchronized void source(SourceSchema schema) {
        sourceEngine = schema.engine();
        sourceVersion = schema.serverVersion();
    }

    public synchronized void planned(Plan plan) {
        this.plan = plan;
        gate = Status.PASSED;
        preflight = Status.PASSED;
    }

    public synchronized void copied(RunSummary summary) {
        totalRows = summary.rows();
        for (TableProgress table : summary.tables()) {
            rows.put(table.table(), table.rows());
        }
    }

    public synchronized void verificationSkipped() {
        verification = Status.SKIPPED;
    }

    public synchronized void verified(VerifyReport verified) {
        report = verified;
        verification = verified.passed() ? Status.PASSED : Status.FAILED;
    }

    /** Records a failure: the gate's, pre-flight's, verification's or the run's. */
    public synchronized void failed(Throwable failure) {
        if (failure instanceof UnclassifiedColumnsException gateStop) {
            gate = Status.FAILED;
            gateStop.columns().forEach((table, columns) -> columns.forEach(c ->
                    unclassified.add(table + "." + c.name() + " (" + c.nativeType() + ")")));
            gateStop.newTables().forEach(t -> newTables.add(t.toString()));
            preflight = gateStop.otherProblems().isEmpty() ? Status.PASSED : Status.FAILED;
            gateStop.otherProblems().stream().map(Problem::toString).forEach(preflightProblems::add);
        } else if (failure instanceof ProblemsException problems && plan == null && sourceEngine != null) {
            gate = Status.PASSED;
            preflight = Status.FAILED;
            problems.problems().stream().map(Problem::toString).forEach(preflightProblems::add);
        } else if (failure instanceof LeakFoundException leak) {
            verified(leak.report());
        }
        String message = failure instanceof DoppelException d ? d.getMessage() : failure.getClass().getName();
        error = Redactor.message(message == null ? failure.getClass().getName() : message.lines().findFirst().orElse(""));
        exitCode = failure instanceof DoppelException d ? d.exitCode().code() : ExitCode.INTERNAL.code();
    }

    public synchronized void finish(int code) {
        finished = Instant.now();
        if (exitCode < 0 || code != 0) {
            exitCode = code;
        }
    }

    /** One line for people: "ok", "stopped by the privacy gate", … */
    public synchronized String outcome() {
        if (exitCode == 0) {
            return "ok";
        }
        if (gate == Status.FAILED) {
            return "stopped by the privacy gate";
        }
        if (preflight == Status.FAILED) {
            return "stopped by pre-flight checks";
        }
        if (verification == Status.FAILED) {
            return "leak verification failed";
        }
        return "failed";
    }
}
