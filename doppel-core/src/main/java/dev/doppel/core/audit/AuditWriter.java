package dev.doppel.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's audit report as JSON (for machines) and Markdown (for people) into a folder,
 * named after the kind and the start time in UTC: {@code doppel-run-20250101T120000Z.json}.
 */
public final class AuditWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AuditWriter() {}

    /** The default folder: {@code doppel-reports/} next to the config file. */
    public static Path defaultDirectory(Path configFile) {
        Path parent = configFile == null ? null : configFile.toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("doppel-reports");
    }

    /** @return the JSON and Markdown files written */
    public static List<Path> write(AuditTrail trail, Path directory) {
        Map<String, Object> document = AuditDocument.of(trail);
        String base = "doppel-" + trail.kind + "-" + STAMP.format(trail.started);
        try {
            Files.createDirectories(directory);
            Path json = unique(directory, base, ".json");
            Path markdown = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ".md"));
            Files.writeString(json, JSON.writeValueAsString(document) + "\n", StandardCharsets.UTF_8);
            Files.writeString(markdown, AuditMarkdown.render(document), StandardCharsets.UTF_8);
            return List.of(json, markdown);
        } catch (JsonProcessingException e) {
            throw new DoppelException(ExitCode.INTERNAL, "Cannot render the audit report: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DoppelException(ExitCode.RUN_FAILED, "Cannot write the audit report to " + directory + ": "
                    + e.getClass().getSimpleName() + "; pass --report-dir to put it elsewhere", e);
        }
    }

    private static Path unique(Path directory, String base, String extension) {
        Path candidate = directory.resolve(base + extension);
        for (int i = 2; Files.exists(candidate) || Files.exists(directory.resolve(candidate.getFileName().toString()
                .replaceFirst("\\.json$", ".md"))); i++) {
            candidate = directory.resolve(base + "-" + i + extension);
        }
        return candidate;
    }
}
