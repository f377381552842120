package dev.doppel.core.pipeline;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.DoppelConfig;
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
import dev.doppel.core.schema.SourceSchema;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.util.function.Function;

/** The masked copy from a config: plan against the source, then copy to the target. */
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
        RelationalEngine engine = engines.relational(config.source().url());
        try (SourceDatabase source = engine.openSource(config.source())) {
            SourceSchema schema = source.readSchema();
            return new Planned(schema, new Planner(registry).plan(config, schema));
        }
    }

    /** Plans, then copies. The target is opened only once the plan has passed every check. */
    public RunSummary run(DoppelConfig config, CopyOptions options, CopyListener listener) {
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
        return run(config, planned -> engine.openTarget(targetConfig), options, listener);
    }

    /**
     * Plans, then copies into the target {@code openTarget} opens once the plan has passed every
     * check: a database, or a snapshot store that records what it receives.
     */
    public RunSummary run(DoppelConfig config, Function<Planned, TargetDatabase> openTarget, CopyOptions options,
                          CopyListener listener) {
        RelationalEngine engine = engines.relational(config.source().url());
        listener.phase("reading the source schema");
        try (SourceDatabase source = engine.openSource(config.source())) {
            SourceSchema schema = source.readSchema();
            Plan plan = new Planner(registry).plan(config, schema);
            plan.warnings().forEach(listener::warning);
            MaskingKey key = new MaskingKey(config.masking().key().value());
            RuleBinder binder = new RuleBinder(registry, key, config.masking().locale());
            try (TargetDatabase target = openTarget.apply(new Planned(schema, plan))) {
                return new CopyPipeline(binder, listener).run(plan, source, target, options, PlanFingerprint.of(plan, key));
            }
        }
    }
}
