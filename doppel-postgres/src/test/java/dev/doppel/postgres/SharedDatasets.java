package dev.doppel.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code shared/datasets/NAME} beside the checkout (where CI puts it) or under
 * {@code DOPPEL_DATASETS}. Realism checks run only when it is there.
 */
public final class SharedDatasets {
    private SharedDatasets() {}

    public static Optional<Path> find(String name) {
        String configured = System.getenv("DOPPEL_DATASETS");
        if (configured != null && Files.isDirectory(Path.of(configured, name))) {
            return Optional.of(Path.of(configured, name));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("datasets").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
