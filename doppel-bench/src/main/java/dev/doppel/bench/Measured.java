package dev.doppel.bench;

import java.io.BufferedReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a command, or commands joined by pipes, timing them and sampling the peak resident memory
 * (Linux {@code VmHWM}) of each process and of the processes it starts (pg_dump's and
 * pg_restore's workers), which for a JVM includes heap, metaspace and native buffers. The
 * processes of a pipe, and workers, run at once, so their peaks add up.
 */
final class Measured {
    record Result(double seconds, long peakKilobytes) {}

    /** A line of the last process's output in the log: {@code [    12.3 s] text}, seconds since the start. */
    static final Pattern STAMPED = Pattern.compile("^\\[\\s*([0-9.]+) s] (.*)$");

    private Measured() {}

    static Result run(List<String> command, Path log) throws IOException, InterruptedException {
        return pipe(List.of(command), log);
    }

    /**
     * Runs {@code first | second | …}. The last process's stdout and stderr go to the log, each line
     * {@link #STAMPED}; the other processes' stderr goes there as it comes.
     */
    static Result pipe(List<List<String>> commands, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        List<ProcessBuilder> builders = commands.stream()
                .map(command -> new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile()))).toList();
        builders.get(builders.size() - 1).redirectErrorStream(true);
        long start = System.nanoTime();
        List<Process> processes = ProcessBuilder.startPipeline(builders);
        Thread logger = stamp(processes.get(processes.size() - 1), log, start);
        List<Map<Long, Long>> peaks = processes.stream().map(p -> (Map<Long, Long>) new HashMap<Long, Long>()).toList();
        for (Optional<Process> running = Optional.of(processes.get(0)); running.isPresent();
                running = processes.stream().filter(Process::isAlive).findFirst()) {
            for (int i = 0; i < processes.size(); i++) {
                Map<Long, Long> peak = peaks.get(i);
                Stream.concat(Stream.of(processes.get(i).toHandle()), processes.get(i).descendants())
                        .forEach(process -> peak.merge(process.pid(), highWaterMark(process.pid()), Math::max));
            }
            running.get().waitFor(50, TimeUnit.MILLISECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        logger.join();
        StringBuilder memory = new StringBuilder(String.format(Locale.ROOT, "%.1f s; peak RSS", seconds));
        long total = 0;
        for (int i = 0; i < processes.size(); i++) {
            long peak = peaks.get(i).values().stream().mapToLong(Long::longValue).sum();
            total += peak;
            memory.append(String.format(Locale.ROOT, " %s %d MB", Path.of(commands.get(i).get(0)).getFileName(), peak / 1024));
            if (peaks.get(i).size() > 1) {
                memory.append(String.format(Locale.ROOT, " (%d processes)", peaks.get(i).size()));
            }
        }
        Files.writeString(log, memory.append('\n'), StandardOpenOption.APPEND);
        for (int i = 0; i < processes.size(); i++) {
            if (processes.get(i).exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", commands.get(i)) + " exited with "
                        + processes.get(i).exitValue() + "; see " + log);
            }
        }
        return new Result(seconds, total);
    }

    private static Thread stamp(Process process, Path log, long start) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(new FileWriter(log.toFile(), StandardCharsets.UTF_8, true), true)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.printf(Locale.ROOT, "[%8.1f s] %s%n", (System.nanoTime() - start) / 1e9, line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "log of process " + process.pid());
        thread.start();
        return thread;
    }

    /** The steps of one method, run one after another: its time is the wall time since it began, its peak the highest step's. */
    static final class Steps {
        private final long start = System.nanoTime();
        private long peak;

        Result add(Result step) {
            peak = Math.max(peak, step.peakKilobytes());
            return step;
        }

        Result total() {
            return new Result((System.nanoTime() - start) / 1e9, peak);
        }
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
