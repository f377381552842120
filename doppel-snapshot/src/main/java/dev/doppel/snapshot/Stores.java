package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Opens the store a URI names: {@code file:///path}, a plain path, or {@code s3://bucket/prefix}. */
public final class Stores {
    private Stores() {}

    public static SnapshotStore open(String uri, S3Settings s3) {
        if (uri.startsWith("s3://")) {
            try {
                return new S3Store(new URI(uri), s3);
            } catch (URISyntaxException e) {
                throw new DoppelException(ExitCode.BAD_INPUT, "Not a valid S3 URI: " + uri + " (" + e.getReason()
                        + "); write s3://bucket/prefix");
            }
        }
        if (uri.startsWith("file:")) {
            try {
                return new FileStore(Path.of(new URI(uri)));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new DoppelException(ExitCode.BAD_INPUT, "Not a valid file URI: " + uri + "; write file:///absolute/path");
            }
        }
        if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new DoppelException(ExitCode.BAD_INPUT, "Snapshots are stored at file:///path or s3://bucket/prefix, not "
                    + uri.substring(0, uri.indexOf("://") + 3) + "…");
        }
        return new FileStore(Path.of(uri));
    }
}
