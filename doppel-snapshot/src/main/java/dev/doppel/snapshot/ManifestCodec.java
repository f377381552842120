package dev.doppel.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.io.IOException;

/** Manifest ⇄ JSON bytes. */
final class ManifestCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private ManifestCodec() {}

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new DoppelException(ExitCode.INTERNAL, "Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @throws SnapshotRefused when the bytes are not a manifest of a format this doppel reads */
    static Manifest read(byte[] bytes, String where) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new SnapshotRefused(where + " is not a valid manifest (" + e.getClass().getSimpleName()
                    + "): the snapshot is damaged or truncated");
        }
        if (manifest == null || !Manifest.FORMAT.equals(manifest.format())) {
            throw new SnapshotRefused(where + " is not a doppel snapshot manifest");
        }
        if (manifest.formatVersion() > Manifest.VERSION) {
            throw new DoppelException(ExitCode.BAD_INPUT, where + " has format version " + manifest.formatVersion()
                    + "; this doppel reads version " + Manifest.VERSION + " and older. Upgrade doppel on this side.");
        }
        if (manifest.schema() == null || manifest.data() == null || manifest.origin() == null) {
            throw new SnapshotRefused(where + " lacks its schema, data or origin: the snapshot is damaged");
        }
        return manifest;
    }

    static <T> T read(byte[] bytes, Class<T> type, String where) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new SnapshotRefused(where + " is not valid (" + e.getClass().getSimpleName() + ")");
        }
    }
}
