package dev.doppel.mysql;

import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bridge between the copy, which pushes batches of rows, and the driver, which pulls the
 * "file" of LOAD DATA LOCAL INFILE from an InputStream on the loader thread. A few batches are
 * queued at most, so memory stays bounded; ending the stream, whether the copy finished or is
 * being abandoned, makes the driver see a normal end of file, which keeps the connection usable.
 */
final class FeedStream extends InputStream {
    private static final byte[] END = new byte[0];
    private static final int QUEUED_BATCHES = 4;

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final BooleanSupplier consumerGone;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** @param consumerGone true once the loader has stopped reading, so a full queue would never drain */
    FeedStream(BooleanSupplier consumerGone) {
        this.consumerGone = consumerGone;
    }

    /**
     * Queues a copy of the bytes; waits while the queue is full.
     *
     * @return false when the loader stopped reading and the bytes were not queued
     */
    boolean offer(byte[] buffer, int offset, int length) throws InterruptedException {
        return put(Arrays.copyOfRange(buffer, offset, offset + length));
    }

    /** Marks the end of the data; the loader's next read sees end of file. */
    void end() throws InterruptedException {
        put(END);
    }

    private boolean put(byte[] chunk) throws InterruptedException {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            if (consumerGone.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (position == current.length) {
            if (ended) {
                return -1;
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = true;
                return -1;
            }
            position = 0;
            if (current == END) {
                ended = true;
                return -1;
            }
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }
}
