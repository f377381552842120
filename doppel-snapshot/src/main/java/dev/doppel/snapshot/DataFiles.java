package dev.doppel.snapshot;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The data file format: rows in RowText form, zstd-compressed (with zstd's own frame checksum),
 * then, when a key is given, sealed with {@link SegmentCipher}. The manifest holds each file's
 * size and the SHA-256 of its stored bytes, which are checked before a single row is read.
 */
final class DataFiles {
    /**
     * The zstd level data files are written at unless {@code snapshot.compression_level} says
     * otherwise. Level 1 compresses about twice as fast as zstd's own default of 3, to files a few
     * per cent larger (docs/benchmarks.md); the producing side runs next to production, where time
     * counts more than bytes in the store.
     */
    static final int DEFAULT_LEVEL = 1;
    static final int MIN_LEVEL = 1;
    /**
     * The highest level a config may ask for. Each writer's zstd context is native memory that
     * grows with the level: about 1.5 MB at level 1, 7 MB at 3, 20 MB at 9, 45 MB at 12 and 95 MB
     * at 19, once per parallel writer, so higher levels would undo the bounded memory of a run.
     */
    static final int MAX_LEVEL = 9;

    private DataFiles() {}

    /** Counts and hashes what passes to the store. */
    static final class Sealed extends FilterOutputStream {
        private final MessageDigest digest = DataFiles.sha256();
        private long bytes;

        Sealed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            bytes++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            digest.update(buffer, offset, length);
            bytes += length;
        }

        long bytes() {
            return bytes;
        }

        String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** The stream rows are written to, on top of {@code sealed}, compressed at zstd {@code level}. */
    static OutputStream rows(Sealed sealed, EncryptionKey key, String path, int level) throws IOException {
        OutputStream stored = key == null ? sealed : SegmentCipher.encrypt(sealed, key, path);
        ZstdOutputStream zstd = new ZstdOutputStream(stored, level);
        zstd.setChecksum(true);
        return zstd;
    }

    /** Reads the rows of a stored file whose digest was checked. */
    static InputStream rows(Path file, EncryptionKey key, String path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            InputStream plain = key == null ? in : SegmentCipher.decrypt(in, key, path);
            return new ZstdInputStream(plain);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Checks a stored file against the manifest.
     *
     * @throws SnapshotRefused naming the file when its size or digest differs
     */
    static void verify(Path local, Manifest.DataFile file, String where) throws IOException {
        long size = Files.size(local);
        if (size != file.storedBytes()) {
            throw new SnapshotRefused(where + " has " + size + " bytes where the manifest says " + file.storedBytes()
                    + (size < file.storedBytes() ? ": it is truncated" : ": it was changed"));
        }
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(local)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        if (!HexFormat.of().formatHex(digest.digest()).equals(file.sha256())) {
            throw new SnapshotRefused(where + " does not match its SHA-256 in the manifest: it was changed or damaged");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
