package dev.doppel.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.config.DoppelConfig;
import dev.doppel.core.engine.Engines;
import dev.doppel.core.engine.SourceDatabase;
import dev.doppel.core.scan.ColumnClassifier;
import dev.doppel.core.scan.PiiCategory;
import dev.doppel.core.scan.Proposer;
import dev.doppel.core.scan.Scanner;
import dev.doppel.core.transform.MaskingKey;
import dev.doppel.core.transform.TransformerRegistry;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scanner against a labelled schema (labelled.sql, labels in labelled.txt): English, romaji
 * and Japanese column names, values of every kind the scanner knows, and traps — columns whose
 * names mention personal data but hold none ({@code mail_count}, {@code zip_file}), dates that
 * are not birth dates, product names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScannerIT {
    private final TestPostgres server = TestPostgres.get();
    private final TransformerRegistry registry = TransformerRegistry.load();
    private String database;
    private Map<String, String> labels;
    private Map<String, Scanner.Finding> findings;
    private Map<String, String> checksumsBefore;

    @BeforeAll
    void scan() throws Exception {
        database = server.createDatabase("labelled");
        SqlScript.run(server, database, Fixture.resource("labelled.sql"));
        try (Connection connection = server.connect(database)) {
            checksumsBefore = TableChecksums.of(connection);
        }
        labels = new LinkedHashMap<>();
        Fixture.resource("labelled.txt").lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
            String[] parts = line.trim().split("\\s+");
            labels.put(parts[0], parts[1]);
        });
        DoppelConfig config = Fixture.load("version: 1\nsource: { url: \"" + server.url(database) + "\", user: \"" + server.user()
                + "\", password: \"${env:PGPASS}\" }\nmasking:\n  key: \"${env:DOPPEL_KEY}\"\n  tables:\n"
                + "    fx.unused: { mode: exclude }\n", server);
        findings = new LinkedHashMap<>();
        try (SourceDatabase source = Engines.load().relational(config.source().url()).openSource(config.source())) {
            Scanner scanner = new Scanner(new ColumnClassifier(),
                    new Proposer(registry, new MaskingKey(Fixture.KEY), "en"), 200);
            for (Scanner.Finding finding : scanner.scan(source, source.readSchema(), config.masking())) {
                findings.put(finding.table() + "." + finding.column().name(), finding);
            }
        }
    }

    @Test
    void findsEveryLabelledPersonalColumnWithHighPrecision() {
        assertThat(findings.keySet()).containsExactlyInAnyOrderElementsOf(labels.keySet());
        List<String> missed = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        int truePositives = 0;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            boolean personal = !label.getValue().equals("NONE");
            boolean found = findings.get(label.getKey()).classification().personal();
            if (personal && !found) {
                missed.add(label.getKey() + " " + label.getValue() + ": " + findings.get(label.getKey()).classification().summary());
            } else if (!personal && found) {
                falseAlarms.add(label.getKey() + ": " + findings.get(label.getKey()).classification().summary());
            } else if (personal) {
                truePositives++;
            }
        }
        double recall = (double) truePositives / (truePositives + missed.size());
        double precision = (double) truePositives / (truePositives + falseAlarms.size());
        assertThat(recall).as("recall; missed:%n%s", String.join("\n", missed)).isEqualTo(1.0);
        assertThat(precision).as("precision; false alarms:%n%s", String.join("\n", falseAlarms)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void namesTheRightKindOfPersonalData() {
        List<String> wrong = new ArrayList<>();
        long personal = labels.values().stream().filter(l -> !l.equals("NONE")).count();
        labels.forEach((column, label) -> {
            PiiCategory found = findings.get(column).classification().category();
            if (!label.equals("NONE") && (found == null || !found.name().equals(label))) {
                wrong.add(column + " labelled " + label + ": " + findings.get(column).classification().summary());
            }
        });
        assertThat(1.0 - (double) wrong.size() / personal).as("category accuracy; wrong:%n%s", String.join("\n", wrong))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void proposesInstalledTransformersThatFitAndKeepForTheRest() {
        findings.forEach((column, finding) -> {
            assertThat(registry.find(finding.proposal().transformer())).as(column + " → " + finding.proposal().yaml()).isPresent();
            assertThat(finding.proposal().keep()).as(column).isEqualTo(!finding.classification().personal());
        });
        assertThat(findings.get("crm.customers.email").proposal().yaml()).isEqualTo("email");
        assertThat(findings.get("crm.customers.profile").classification().jsonPaths())
                .containsEntry("$.contact.mail", PiiCategory.EMAIL).containsEntry("$.contact.tel", PiiCategory.PHONE);
        assertThat(findings.get("crm.leads.extra").classification().jsonPaths()).containsKey("$.people[*].mail");
    }

    @Test
    void evidenceIsCountsNeverValuesAndTheSourceIsUntouched() throws Exception {
        findings.values().forEach(f -> assertThat(f.classification().summary())
                .doesNotContain("@example", "090-", "山田", "ヤマダ", "Hanako", "198.51.100", "〒"));
        assertThat(findings.get("crm.customers.email").classification().summary()).contains("200/200 sampled values");
        try (Connection connection = server.connect(database)) {
            assertThat(TableChecksums.of(connection)).isEqualTo(checksumsBefore);
        }
    }
}
