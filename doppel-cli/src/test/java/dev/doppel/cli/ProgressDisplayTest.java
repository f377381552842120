package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.core.pipeline.RunSummary;
import dev.doppel.core.pipeline.TableProgress;
import dev.doppel.core.schema.TableName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    @Test
    void aBarShowsPercentRowsRateAndEta() {
        TableProgress progress = new TableProgress(new TableName("public", "orders"), 1000);
        String bar = ProgressDisplay.bar(progress);
        assertThat(bar).contains("public.orders", "[------------------------]   0%", "0 rows", "ETA");
    }

    @Test
    void aTableWithoutEstimateShowsAQuestionMark() {
        String bar = ProgressDisplay.bar(new TableProgress(new TableName("public", "fresh"), -1));
        assertThat(bar).contains("?").doesNotContain("ETA");
    }

    @Test
    void linesModePrintsOneLinePerFinishedTableAndNoEscapeCodes() {
        StringWriter err = new StringWriter();
        try (ProgressDisplay display = ProgressDisplay.create(ProgressMode.LINES, new PrintWriter(err))) {
            TableProgress table = new TableProgress(new TableName("public", "users"), 10);
            display.phase("copying 1 table");
            display.tableStarted(table);
            display.tableFinished(table);
            display.built("index users_email on public.users", 2.5);
            display.warning("something to know");
        }
        assertThat(err.toString()).contains("· copying 1 table", "copied public.users", "warning: something to know")
                .containsPattern("built index users_email on public.users +2\\.5 s")
                .doesNotContain("\033[");
    }

    @Test
    void theSummaryNamesWhatAResumedRunKeptAndRetried() {
        RunSummary summary = new RunSummary(3, 1, 1234567, 5L << 20, 4, 12.5, List.of(), 7, 2);
        assertThat(Summaries.line(summary)).isEqualTo("Done in 12.5 s: 3 tables copied (+1 schema only), 1,234,567 rows,"
                + " 5.0 MB, 4 masked columns, 7 chunks kept from the interrupted run, 2 chunk retries after transient errors.");
    }
}
