package dev.doppel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a command, timing it and sampling the peak resident memory of its process (Linux
 * {@code VmHWM}), which for a JVM includes heap, metaspace and native buffers.
 */
final class Measured {
    record Result(double seconds, long peakKilobytes) {}

    private Measured() {}

    static Result run(List<String> command, Path log) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long peak = 0;
        while (!process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, highWaterMark(process.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + " exited with " + process.exitValue() + "; see " + log);
        }
        return new Result(seconds, peak);
    }

    private static long highWaterMark(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process has just ended
        }
        return 0;
    }
}
