package dev.doppel.core.pipeline;

import dev.doppel.core.audit.AuditTrail;
import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.config.MaskingPolicy;
import dev.doppel.core.config.Unclassified;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.RelationalEngine;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.engine.TargetDatabase;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import dev.doppel.core.plan.Plan;
import dev.doppel.core.plan.PlanFingerprint;
import dev.doppel.core.plan.Planner;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.SampledProbes;
import dev.doppel.core.scan.Proposer;
import dev.doppel.core.scan.ScanAdvisor;
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import dev.doppel.core.verify.LeakFoundException;
import dev.doppel.core.verify.SourceFilters;
import dev.doppel.core.verify.Verifier;
import dev.doppel.core.verify.VerifyReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The masked copy from a config: plan against the source (privacy gate and pre-flight included),
 * copy to the target, then verify the target against the source — all in one read-only snapshot
 * of the source. Verification starts once every row is in: while the indexes are built where the
 * target allows it ({@link TargetDatabase#readableWhileBuilding()}), after them otherwise.
 */
public final class MaskedCopy {
    private final TransformerRegistry registry;
    private final Engines engines;

    public MaskedCopy(TransformerRegistry registry, Engines engines) {
        this.registry = registry;
        this.engines = engines;
    }

    /** A plan and the schema it was made from. */
    public record Planned(SourceSchema schema, Plan plan) {}

    /** Connects to the source read-only, reads its schema and plans; writes nothing anywhere. */
    public Planned plan(DoppelConfig config) {
        return plan(config, RunChecks.DEFAULT.sampleRows());
    }

    /** As {@link #plan(DoppelConfig)}, probing rules on {@code sampleRows} sampled rows per table. */
    public Planned plan(DoppelConfig config, int sampleRows) {
        RelationalEngine engine = engines.relational(config.source().url());
        try (SourceDatabase source = engine.openSource(config.source())) {
            SourceSchema schema = source.readSchema();
            Plan plan = planner(config, source, sampleRows).plan(config, schema);
            if (!source.warnings().isEmpty()) {
                List<String> warnings = new ArrayList<>(source.warnings());
                warnings.addAll(plan.warnings());
                plan = new Plan(plan.tables(), plan.ddl(), plan.skippedObjects(), warnings, plan.notes());
            }
            return new Planned(schema, plan);
        }
    }

    /** Plans, copies and verifies with the default checks. */
    public RunSummary run(DoppelConfig config, CopyOptions options, CopyListener listener) {
        return run(config, options, RunChecks.DEFAULT, listener, null);
    }

    /**
     * Plans, then copies, then verifies. The target is opened only once the plan has passed the
     * privacy gate and every pre-flight check.
     *
     * @param trail records what happens for the audit report; may be null
     * @throws LeakFoundException when verification finds values that survived masking; the target
     *     has then been emptied unless {@link RunChecks#dropTargetOnLeak()} is false
     */
    public RunSummary run(DoppelConfig config, CopyOptions options, RunChecks checks, CopyListener listener, AuditTrail trail) {
        ConnectionConfig targetConfig = config.target();
        if (targetConfig == null) {
            throw new DoppelException(ExitCode.BAD_INPUT, config.file() + " has no 'target'; add target.url, user and "
                    + "password to copy into a database");
        }
        RelationalEngine engine = engines.relational(config.source().url());
        RelationalEngine targetEngine = engines.relational(targetConfig.url());
        if (!engine.name().equals(targetEngine.name())) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The source is " + engine.name() + " and the target is "
                    + targetEngine.name() + "; a direct copy needs the same engine on both sides");
        }
        return run(config, new Destination() {
            @Override
            public TargetDatabase open(Planned planned) {
                return engine.openTarget(targetConfig);
            }

            @Override
            public SourceDatabase readBack() {
                return engine.openReadBack(targetConfig);
            }
        }, options, checks, listener, trail);
    }

    /**
     * Where a masked copy goes when it is not the config's target: a snapshot store that records
     * what it receives.
     */
    public interface Destination {
        /** Opened once the plan has passed the privacy gate and every pre-flight check. */
        TargetDatabase open(Planned planned);

        /** What was written, read back for leak verification once every row is in (see {@link RelationalEngine#openReadBack}). */
        SourceDatabase readBack();
    }

    /**
     * Plans, copies into the destination, then verifies what was written against the source. On
     * a leak the destination is cleared ({@link TargetDatabase#clear()}) unless
     * {@link RunChecks#dropTargetOnLeak()} is false.
     */
    public RunSummary run(DoppelConfig config, Destination destination, CopyOptions options, RunChecks checks,
                          CopyListener listener, AuditTrail trail) {
        RelationalEngine engine = engines.relational(config.source().url());
        listener.phase("reading the source schema");
        try (SourceDatabase source = engine.openSource(config.source(), options.jobs())) {
            SourceSchema schema = source.readSchema();
            if (trail != null) {
                trail.source(schema);
            }
            listener.phase("planning: privacy gate and pre-flight checks");
            Plan plan = planner(config, source, checks.sampleRows()).plan(config, schema);
            if (trail != null) {
                trail.planned(plan);
            }
            source.warnings().forEach(listener::warning);
            plan.warnings().forEach(listener::warning);
            plan.notes().forEach(n -> listener.phase("note: " + n));
            RuleBinder binder = binder(config);
            String fingerprint = PlanFingerprint.of(plan, new MaskingKey(config.masking().key().value()));
            RunSummary summary;
            Verifier verifier = verifier(config, binder, listener, options.jobs());
            SourceFilters seen = checks.verify() ? verifier.sourceFilters(plan) : null;
            try (TargetDatabase target = destination.open(new Planned(schema, plan));
                 Verification verification = seen == null ? null : new Verification(verifier, plan, source, destination, seen)) {
                summary = new CopyPipeline(binder, listener).run(plan, source, target, options, fingerprint,
                        seen == null ? CopyObserver.NONE : seen, verification);
                if (trail != null) {
                    trail.copied(summary);
                }
                if (!checks.verify()) {
                    listener.warning("leak verification is switched off (--no-verify)");
                    if (trail != null) {
                        trail.verificationSkipped();
                    }
                    return summary;
                }
                VerifyReport report = verification.report();
                if (trail != null) {
                    trail.verified(report);
                }
                if (!report.passed()) {
                    if (checks.dropTargetOnLeak()) {
                        try {
                            target.clear();
                        } catch (DoppelException e) {
                            throw new LeakFoundException(report, "Emptying the target failed (" + e.getMessage()
                                    + "): it still holds the leaked values; drop it by hand.");
                        }
                        throw new LeakFoundException(report, "The target was emptied so that nobody uses the leaked values."
                                + " Fix the rules and run again; 'doppel run --on-leak keep' keeps the target to investigate.");
                    }
                    throw new LeakFoundException(report, "The target was kept (--on-leak keep): it holds the leaked values;"
                            + " drop it once you have looked.");
                }
                listener.phase(report.describe());
            }
            return summary;
        }
    }

    /** Leak verification once the rows are in: the target read back, its schema read before any index is built. */
    private static final class Verification implements CopyPipeline.AfterLoad, AutoCloseable {
        private final Verifier verifier;
        private final Plan plan;
        private final SourceDatabase source;
        private final Destination destination;
        private final SourceFilters seen;
        private SourceDatabase written;
        private SourceSchema writtenSchema;
        private volatile VerifyReport report;

        Verification(Verifier verifier, Plan plan, SourceDatabase source, Destination destination, SourceFilters seen) {
            this.verifier = verifier;
            this.plan = plan;
            this.source = source;
            this.destination = destination;
            this.seen = seen;
        }

        @Override
        public String description() {
            return "verifying the target";
        }

        @Override
        public void prepare() {
            written = destination.readBack();
            writtenSchema = written.readSchema();
        }

        @Override
        public void run() {
            report = verifier.verify(plan, source, written, writtenSchema, seen);
        }

        VerifyReport report() {
            return report;
        }

        @Override
        public void close() {
            if (written != null) {
                written.close();
            }
        }
    }

    /**
     * {@code doppel verify}: plans from the config (with {@code unclassified} taken as warn, since
     * the target may predate columns added since) and verifies the target against the source.
     */
    public VerifyReport verify(DoppelConfig config, int jobs, CopyListener listener, AuditTrail trail) {
        ConnectionConfig targetConfig = config.target();
        if (targetConfig == null) {
            throw new DoppelException(ExitCode.BAD_INPUT, config.file() + " has no 'target' to verify");
        }
        RelationalEngine engine = engines.relational(config.source().url());
        MaskingPolicy policy = config.masking();
        DoppelConfig lenient = new DoppelConfig(config.file(), config.source(), targetConfig, new MaskingPolicy(policy.key(),
                policy.locale(), Unclassified.WARN, policy.tables(), policy.verifyAllow()));
        try (SourceDatabase source = engine.openSource(config.source());
             SourceDatabase target = engines.relational(targetConfig.url()).openSource(targetConfig)) {
            SourceSchema schema = source.readSchema();
            if (trail != null) {
                trail.source(schema);
            }
            Plan plan = planner(lenient, source, RunChecks.DEFAULT.sampleRows()).plan(lenient, schema);
            if (trail != null) {
                trail.planned(plan);
            }
            VerifyReport report = verifier(config, binder(config), listener, jobs).verify(plan, source, target);
            if (trail != null) {
                trail.verified(report);
            }
            return report;
        }
    }

    private Planner planner(DoppelConfig config, SourceDatabase source, int sampleRows) {
        MaskingKey key = new MaskingKey(config.masking().key().value());
        Proposer proposer = new Proposer(registry, key, config.masking().locale());
        return new Planner(registry, new ScanAdvisor(source, proposer, sampleRows), new SampledProbes(source, sampleRows));
    }

    private RuleBinder binder(DoppelConfig config) {
        return new RuleBinder(registry, new MaskingKey(config.masking().key().value()), config.masking().locale());
    }

    private static Verifier verifier(DoppelConfig config, RuleBinder binder, CopyListener listener, int jobs) {
        return new Verifier(binder, new HashSet<>(config.masking().verifyAllow()), listener, jobs);
    }
}
