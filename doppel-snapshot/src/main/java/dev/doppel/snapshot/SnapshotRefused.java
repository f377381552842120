package dev.doppel.snapshot;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;

/**
 * A snapshot that cannot be trusted: tampered, truncated, signed by someone else, or not signed
 * when a signature is required. Refused with exit 4, naming the file; nothing is swapped in.
 */
public final class SnapshotRefused extends DoppelException {
    public SnapshotRefused(String message) {
        super(ExitCode.PRIVACY_GATE, "Snapshot refused: " + message);
    }
}
