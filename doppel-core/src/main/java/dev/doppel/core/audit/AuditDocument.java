package dev.doppel.core.audit;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.config.TableMode;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.verify.ColumnVerdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The audit report as an ordered tree of maps, lists and values: what the JSON file holds. */
final class AuditDocument {
    private AuditDocument() {}

    static Map<String, Object> of(AuditTrail trail) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", "doppel audit report");
        doc.put("kind", trail.kind);
        doc.put("doppelVersion", trail.toolVersion);
        doc.put("startedAt", trail.started.toString());
        doc.put("finishedAt", trail.finished == null ? null : trail.finished.toString());
        doc.put("seconds", trail.finished == null ? null
                : Duration.between(trail.started, trail.finished).toMillis() / 1000.0);
        doc.put("outcome", trail.outcome());
        doc.put("exitCode", trail.exitCode);
        doc.put("error", trail.error);
        doc.put("config", trail.config.file() == null ? null : trail.config.file().getFileName().toString());
        Map<String, Object> source = side(trail.config.source());
        source.put("engine", trail.sourceEngine);
        source.put("serverVersion", trail.sourceVersion);
        doc.put("source", source);
        Map<String, Object> target = side(trail.config.target());
        if (trail.destination != null) {
            target.put("url", trail.destination);
        }
        doc.put("target", target);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("fingerprint", PolicyFingerprint.of(trail.config.masking()));
        policy.put("keyFingerprint", PolicyFingerprint.keyFingerprint(trail.config.masking()));
        policy.put("unclassified", trail.config.masking().unclassified().name().toLowerCase(Locale.ROOT));
        policy.put("rules", trail.config.masking().tables().values().stream().mapToInt(t -> t.columns().size()).sum());
        doc.put("policy", policy);
        doc.put("gate", step(trail.gate, Map.of("unclassifiedColumns", trail.unclassified, "newTables", trail.newTables)));
        doc.put("preflight", step(trail.preflight, Map.of("problems", trail.preflightProblems,
                "notes", trail.plan == null ? List.of() : trail.plan.notes())));
        doc.put("tables", tables(trail));
        doc.put("rowsCopied", trail.totalRows < 0 ? null : trail.totalRows);
        Map<String, Object> verification = step(trail.verification, Map.of());
        if (trail.report != null) {
            verification.put("targetValues", trail.report.targetValues());
            verification.put("seconds", Math.round(trail.report.seconds() * 10) / 10.0);
            verification.put("tablesFingerprintedDuringCopy", trail.report.tablesFromCopy());
            verification.put("tablesReadAgain", trail.report.tablesReadAgain());
            verification.put("columns", trail.report.columns().stream().map(AuditDocument::verdict).toList());
            verification.put("problems", trail.report.problems());
        }
        doc.put("verification", verification);
        return doc;
    }

    private static Map<String, Object> side(ConnectionConfig connection) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("url", connection == null ? null : connection.redactedUrl());
        return side;
    }

    private static Map<String, Object> step(AuditTrail.Status status, Map<String, Object> details) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("status", status.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        new java.util.TreeMap<>(details).forEach(step::put);
        return step;
    }

    private static List<Map<String, Object>> tables(AuditTrail trail) {
        List<Map<String, Object>> tables = new ArrayList<>();
        if (trail.plan == null) {
            return tables;
        }
        for (TablePlan table : trail.plan.tables()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", table.table().name().toString());
            row.put("mode", table.mode().configName());
            row.put("filtered", table.where() != null);
            row.put("rows", table.mode() == TableMode.COPY ? trail.rows.get(table.table().name()) : null);
            long total = table.columns().size();
            row.put("columns", total);
            row.put("masked", count(table, c -> c.masked() && c.source() == ColumnPlan.Source.CONFIG));
            row.put("propagated", count(table, c -> c.source() == ColumnPlan.Source.PROPAGATED));
            row.put("kept", count(table, c -> !c.masked() && c.source() == ColumnPlan.Source.CONFIG));
            row.put("generated", count(table, c -> c.source() == ColumnPlan.Source.GENERATED));
            long unclassified = table.mode() != TableMode.COPY ? 0 : count(table, c -> c.source() == ColumnPlan.Source.UNCLASSIFIED);
            row.put("unclassified", unclassified);
            row.put("ruleCoverage", table.mode() != TableMode.COPY || total == 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.0f%%", 100.0 * (total - unclassified) / total));
            tables.add(row);
        }
        return tables;
    }

    private static long count(TablePlan table, java.util.function.Predicate<ColumnPlan> predicate) {
        return table.columns().stream().filter(predicate).count();
    }

    private static Map<String, Object> verdict(ColumnVerdict verdict) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("column", verdict.qualified());
        row.put("rule", verdict.rule());
        row.put("check", verdict.check().name().toLowerCase(Locale.ROOT));
        row.put("values", verdict.values());
        row.put("survived", verdict.survived());
        row.put("sameByDesign", verdict.sameByDesign());
        row.put("patterns", verdict.patterns());
        row.put("leak", verdict.leak());
        row.put("allowed", verdict.allowed());
        return row;
    }
}
