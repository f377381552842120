package dev.doppel.snapshot;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where snapshots live: a folder ({@code file:///path}) or a bucket prefix ({@code s3://bucket/prefix}).
 * Paths are relative to the store's root and use {@code /}. An object becomes visible only when
 * its upload is committed, so that a reader never sees half of one.
 */
public interface SnapshotStore extends AutoCloseable {
    /** The store's URI, without credentials. */
    String uri();

    /** Starts writing an object; nothing is visible until {@link Upload#commit()}. */
    Upload upload(String path);

    /** Reads an object, or empty when there is none. */
    Optional<InputStream> open(String path);

    /**
     * Makes an object available as a local file to read (the file itself for a folder, a
     * downloaded temporary copy for a bucket); the caller deletes it with {@link Local#close()}.
     */
    Optional<Local> fetch(String path);

    /** Every object under {@code prefix} (all of them for ""), with its size. */
    List<Entry> list(String prefix);

    /** Deletes the objects; missing ones are ignored. */
    void delete(List<String> paths);

    @Override
    void close();

    /** An object and its size in bytes. */
    record Entry(String path, long size) {}

    /** An object being written. */
    interface Upload {
        OutputStream stream();

        /** Closes the stream and publishes the object. */
        void commit();

        /** Closes the stream and leaves nothing behind. */
        void abort();
    }

    /** A local copy of an object; closing it removes a temporary copy. */
    interface Local extends AutoCloseable {
        Path file();

        @Override
        void close();
    }
}
