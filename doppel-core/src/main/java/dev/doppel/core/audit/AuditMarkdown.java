package dev.doppel.core.audit;

import java.util.List;
import java.util.Map;

/** The audit report for people: the same facts as the JSON, as headings, lists and tables. */
final class AuditMarkdown {
    private AuditMarkdown() {}

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> doc) {
        StringBuilder md = new StringBuilder();
        md.append("# doppel ").append(doc.get("kind")).append(": ").append(doc.get("outcome")).append("\n\n");
        line(md, "Started", doc.get("startedAt"));
        line(md, "Finished", doc.get("finishedAt"));
        line(md, "Seconds", doc.get("seconds"));
        line(md, "Exit code", doc.get("exitCode"));
        line(md, "doppel version", doc.get("doppelVersion"));
        line(md, "Config", doc.get("config"));
        Map<String, Object> source = (Map<String, Object>) doc.get("source");
        line(md, "Source", source.get("url") + " (" + source.get("engine") + " " + source.get("serverVersion") + ")");
        line(md, "Target", ((Map<String, Object>) doc.get("target")).get("url"));
        Map<String, Object> policy = (Map<String, Object>) doc.get("policy");
        line(md, "Policy fingerprint", policy.get("fingerprint") + " (key " + policy.get("keyFingerprint") + ", "
                + policy.get("rules") + " rules, unclassified: " + policy.get("unclassified") + ")");
        line(md, "Rows copied", doc.get("rowsCopied"));
        if (doc.get("error") != null) {
            line(md, "Error", doc.get("error"));
        }

        Map<String, Object> gate = (Map<String, Object>) doc.get("gate");
        md.append("\n## Privacy gate: ").append(gate.get("status")).append("\n\n");
        list(md, "Unclassified columns", (List<String>) gate.get("unclassifiedColumns"));
        list(md, "New tables", (List<String>) gate.get("newTables"));

        Map<String, Object> preflight = (Map<String, Object>) doc.get("preflight");
        md.append("\n## Pre-flight: ").append(preflight.get("status")).append("\n\n");
        list(md, "Problems", (List<String>) preflight.get("problems"));
        list(md, "Notes", (List<String>) preflight.get("notes"));

        List<Map<String, Object>> tables = (List<Map<String, Object>>) doc.get("tables");
        if (!tables.isEmpty()) {
            md.append("\n## Tables\n\n| table | mode | rows | columns | masked | propagated | kept | generated | unclassified | rule coverage |\n")
                    .append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
            for (Map<String, Object> t : tables) {
                md.append("| ").append(t.get("table")).append(Boolean.TRUE.equals(t.get("filtered")) ? " (filtered)" : "")
                        .append(" | ").append(t.get("mode")).append(" | ").append(t.get("rows") == null ? "" : t.get("rows"))
                        .append(" | ").append(t.get("columns")).append(" | ").append(t.get("masked"))
                        .append(" | ").append(t.get("propagated")).append(" | ").append(t.get("kept"))
                        .append(" | ").append(t.get("generated")).append(" | ").append(t.get("unclassified"))
                        .append(" | ").append(t.get("ruleCoverage")).append(" |\n");
            }
        }

        Map<String, Object> verification = (Map<String, Object>) doc.get("verification");
        md.append("\n## Leak verification: ").append(verification.get("status")).append("\n\n");
        List<Map<String, Object>> columns = (List<Map<String, Object>>) verification.get("columns");
        if (columns != null) {
            line(md, "Target values checked", verification.get("targetValues"));
            md.append("\n| column | rule | check | values | survived | same by design | patterns | verdict |\n")
                    .append("|---|---|---|--:|--:|--:|---|---|\n");
            for (Map<String, Object> c : columns) {
                md.append("| ").append(c.get("column")).append(" | ").append(c.get("rule")).append(" | ").append(c.get("check"))
                        .append(" | ").append(c.get("values")).append(" | ").append(c.get("survived"))
                        .append(" | ").append(c.get("sameByDesign")).append(" | ").append(patterns((Map<String, Object>) c.get("patterns")))
                        .append(" | ").append(Boolean.TRUE.equals(c.get("leak"))
                                ? Boolean.TRUE.equals(c.get("allowed")) ? "allowed" : "**LEAK**" : "ok").append(" |\n");
            }
            list(md, "Problems", (List<String>) verification.get("problems"));
        }
        md.append("\nNo row value appears in this report: only names, rules and counts.\n");
        return md.toString();
    }

    private static void line(StringBuilder md, String label, Object value) {
        md.append("- **").append(label).append(":** ").append(value == null ? "—" : value).append('\n');
    }

    private static void list(StringBuilder md, String label, List<String> items) {
        if (items == null || items.isEmpty()) {
            return;
        }
        md.append(label).append(":\n\n");
        items.forEach(i -> md.append("- ").append(i.replace("|", "\\|")).append('\n'));
        md.append('\n');
    }

    private static String patterns(Map<String, Object> patterns) {
        if (patterns == null || patterns.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        patterns.forEach((k, v) -> out.append(out.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
        return out.toString();
    }
}
