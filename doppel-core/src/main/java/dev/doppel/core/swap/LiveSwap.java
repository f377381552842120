package dev.doppel.core.swap;

import dev.doppel.core.config.ConnectionConfig;
import dev.doppel.core.engine.DatabaseSwap;
import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Safe replacement of a live database, engine-neutral: a replacement is loaded into
 * {@code LIVE_doppel_next} beside the live database, then swapped in in one step; the live
 * database becomes the generation {@code LIVE_doppel_YYYYMMDD_HHMMSS} (the time it was retired),
 * and generations beyond {@code keep} are dropped. {@link #rollback} swaps the newest generation
 * back in, retiring the current live database as the newest generation, so a second rollback
 * undoes the first. Until {@link #commit} the live database is never touched.
 */
public final class LiveSwap {
    /** The longest database name doppel creates: PostgreSQL's limit is 63 bytes, MySQL's 64 characters. */
    static final int MAX_NAME_BYTES = 63;
    private static final String STAGING_SUFFIX = "_doppel_next";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final DatabaseSwap swap;
    private final Clock clock;
    private final Pattern generation;

    public LiveSwap(DatabaseSwap swap, Clock clock) {
        this.swap = swap;
        this.clock = clock;
        String live = swap.live();
        if ((live + "_doppel_00000000_000000").getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new DoppelException(ExitCode.BAD_INPUT, "The database name " + live + " is too long to keep generations"
                    + " beside it (at most " + (MAX_NAME_BYTES - 23) + " bytes); restore into a shorter name");
        }
        this.generation = Pattern.compile(Pattern.quote(live) + "_doppel_\\d{8}_\\d{6}");
    }

    public LiveSwap(DatabaseSwap swap) {
        this(swap, Clock.systemUTC());
    }

    public String live() {
        return swap.live();
    }

    public String staging() {
        return swap.live() + STAGING_SUFFIX;
    }

    public boolean liveExists() {
        return swap.databases().contains(swap.live());
    }

    /** The earlier generations, newest first. */
    public List<String> generations() {
        return swap.databases().stream().filter(n -> generation.matcher(n).matches())
                .sorted(Comparator.reverseOrder()).toList();
    }

    /**
     * Creates the empty database a replacement is loaded into, first dropping one an interrupted
     * restore left behind.
     *
     * @param leftover told when a leftover is dropped
     */
    public ConnectionConfig prepare(Runnable leftover) {
        if (swap.databases().contains(staging())) {
            leftover.run();
            swap.drop(staging(), true);
        }
        return swap.create(staging());
    }

    /** The replacement an interrupted restore left behind, to continue loading it. */
    public Optional<ConnectionConfig> leftover() {
        return swap.databases().contains(staging()) ? Optional.of(swap.connection(staging())) : Optional.empty();
    }

    /** Drops the replacement after a failure before the swap; the live database was never touched. */
    public void abandon() {
        swap.drop(staging(), true);
    }

    /** What a swap did. */
    public record Swapped(String live, Optional<String> retired, List<String> dropped) {}

    /**
     * Swaps the loaded replacement in and drops the generations beyond {@code keep}.
     *
     * @param keep earlier generations to keep; 0 drops the database just retired
     */
    public Swapped commit(int keep, boolean terminate) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, was " + keep);
        }
        boolean hadLive = liveExists();
        String retired = nextGenerationName();
        swap.swap(staging(), retired, terminate);
        List<String> dropped = prune(keep);
        return new Swapped(swap.live(), hadLive && !dropped.contains(retired) ? Optional.of(retired) : Optional.empty(),
                dropped);
    }

    /**
     * Swaps an earlier generation back in: the newest, or the one named. The current live
     * database becomes the newest generation.
     *
     * @return the generation that is live now, and the name the displaced database got
     */
    public Swapped rollback(String wanted, boolean terminate) {
        List<String> generations = generations();
        if (generations.isEmpty()) {
            throw new DoppelException(ExitCode.BAD_INPUT, "There is no earlier generation of " + swap.live()
                    + " to roll back to; restore with --keep 1 or more to keep one");
        }
        String back = wanted == null ? generations.get(0) : wanted;
        if (!generations.contains(back)) {
            throw new DoppelException(ExitCode.BAD_INPUT, back + " is not a generation of " + swap.live()
                    + "; the generations are " + String.join(", ", generations));
        }
        String retired = nextGenerationName();
        boolean hadLive = liveExists();
        swap.swap(back, retired, terminate);
        return new Swapped(back, hadLive ? Optional.of(retired) : Optional.empty(), List.of());
    }

    /** Drops the generations beyond the newest {@code keep}; returns their names. */
    public List<String> prune(int keep) {
        List<String> generations = generations();
        List<String> dropped = new ArrayList<>();
        for (String old : generations.subList(Math.min(keep, generations.size()), generations.size())) {
            swap.drop(old, true);
            dropped.add(old);
        }
        return dropped;
    }

    private String nextGenerationName() {
        Set<String> existing = Set.copyOf(swap.databases());
        LocalDateTime at = LocalDateTime.now(clock).withNano(0);
        List<String> generations = generations();
        if (!generations.isEmpty()) {
            LocalDateTime newest = LocalDateTime.parse(generations.get(0).substring(swap.live().length() + 8), STAMP);
            if (!at.isAfter(newest)) {
                at = newest.plusSeconds(1);
            }
        }
        String name = swap.live() + "_doppel_" + STAMP.format(at);
        while (existing.contains(name)) {
            at = at.plusSeconds(1);
            name = swap.live() + "_doppel_" + STAMP.format(at);
        }
        return name;
    }
}
