package dev.doppel.core.verify;

import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.ValueTransform;
import java.util.Map;

/**
 * The survivor count of one masked column, in bounded memory and up to four passes:
 * <ol>
 *   <li>source (while the copy runs, when {@link SourceFilters} could take it): the fingerprint of every value the rule changes goes into a Bloom filter (values
 *       the rule maps to themselves by design, NULL and empty are left out);</li>
 *   <li>target: every value whose fingerprint the filter may hold becomes a candidate, unless the
 *       copy's exact set of what it wrote ({@link OutputSet}) has it;</li>
 *   <li>source again, only when there are candidates: each candidate is marked when a source value
 *       has its fingerprint, and — without an output set — when a masked output has it;</li>
 *   <li>source a last time, only when the outputs were put off because the candidates were few and
 *       one of them turned out to be a source value: each candidate a masked output has is marked.</li>
 * </ol>
 * A candidate a source value has and no masked output explains is a value that survived masking.
 * Outputs that merely coincide with another row's source value (a shifted date, a phone number of
 * the same shape) are explained by the outputs and not counted. With an output set they are
 * explained before they become candidates, so the second pass need not compute the outputs again,
 * and is not taken at all when nothing else is left.
 *
 * <p>The source passes run on one thread. The target pass may be shared among threads, each with
 * a {@link TargetPass} of its own that adds its candidates under the check's lock.
 */
final class MaskedColumnCheck {
    private static final int MAX_CANDIDATES = 1 << 19;
    private static final int BATCH = 16384;
    private static final int MAX_DEFERRED = 4096;

    final int sourceIndex;
    final ColumnPlan column;
    private final boolean nulled;
    private final ValueTransform transform;
    private final BloomFilter sources;
    private final OutputSet outputs;
    private final Candidates candidates = new Candidates(MAX_CANDIDATES);
    private long sameByDesign;
    private long targetValues;
    private boolean outputsDeferred;

    /** A check whose first source pass is still to come, into a filter of its own. */
    MaskedColumnCheck(int sourceIndex, ColumnPlan column, ValueTransform transform, long expectedRows, long maxBits) {
        this(sourceIndex, column, transform, new BloomFilter(expectedRows, maxBits), null, 0);
    }

    /**
     * A check whose first source pass was taken while the copy ran ({@link SourceFilters}).
     *
     * @param outputs every output the copy wrote to the column, or null when they did not fit
     */
    MaskedColumnCheck(int sourceIndex, ColumnPlan column, ValueTransform transform, BloomFilter sources,
                      OutputSet outputs, long sameByDesign) {
        this.sourceIndex = sourceIndex;
        this.column = column;
        this.nulled = column.nulled();
        this.transform = transform;
        this.sources = sources;
        this.outputs = outputs;
        this.sameByDesign = sameByDesign;
    }

    void firstSourcePass(String value, RowFields row, Fingerprints fingerprints) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String output = output(value, row);
        if (value.equals(output)) {
            sameByDesign++;
            return;
        }
        sources.add(fingerprints.of(value));
    }

    /**
     * A share of the target pass, for one thread: the values of some of the target's rows. Shares
     * may run on several threads at once; each adds its candidates to the check's under the check's
     * lock, a batch at a time, and its count of values when it is {@link TargetPass#done done}.
     */
    TargetPass targetPass() {
        return new TargetPass();
    }

    /**
     * The target pass of a column ruled {@code null}, counted by the target itself ({@link
     * dev.doppel.core.engine.TableReader#countNonNull}): {@code values} of its values are not NULL.
     */
    synchronized void notNullOnTarget(long values) {
        if (!column.nulled()) {
            throw new IllegalStateException(column.column().name() + " is not ruled null: its values must be read");
        }
        targetValues += values;
    }

    /** Once every share of the target pass is done: decides how the second source pass goes. */
    synchronized void targetPassDone() {
        outputsDeferred = outputs == null && candidates.overflow() == 0 && candidates.size() <= MAX_DEFERRED;
    }

    /**
     * Fingerprints are looked up in batches grouped by region of the filter, as {@link
     * BloomFilter#addAll} adds them; {@link #done} looks up the last batch. A value in the output
     * set is no candidate whatever the filter says, so the set is asked first: where there is one,
     * nearly every target value is in it. Not thread-safe.
     */
    final class TargetPass {
        private final long[] pending = new long[BATCH];
        private final long[] grouped = new long[BATCH];
        private int pendingCount;
        private long values;

        void accept(String value, Fingerprints fingerprints) {
            if (value == null) {
                return;
            }
            if (nulled) {
                values++;
                return;
            }
            if (value.isEmpty()) {
                return;
            }
            values++;
            pending[pendingCount++] = fingerprints.of(value);
            if (pendingCount == BATCH) {
                lookUpPending();
            }
        }

        void done() {
            lookUpPending();
            synchronized (MaskedColumnCheck.this) {
                targetValues += values;
            }
            values = 0;
        }

        private void lookUpPending() {
            BloomFilter.byRegion(pending, pendingCount, grouped);
            int hits = 0;
            for (int i = 0; i < pendingCount; i++) {
                if ((outputs == null || !outputs.contains(grouped[i])) && sources.mightContain(grouped[i])) {
                    grouped[hits++] = grouped[i];
                }
            }
            if (hits > 0) {
                synchronized (MaskedColumnCheck.this) {
                    for (int i = 0; i < hits; i++) {
                        candidates.increment(grouped[i]);
                    }
                }
            }
            pendingCount = 0;
        }
    }

    boolean needsSecondSourcePass() {
        return !candidates.isEmpty();
    }

    /**
     * With an output set, no candidate is an output, and a value kept by design is an output: every
     * source value is marked, and no output is computed. Without one, a few candidates (often only
     * the filter's false positives) are first looked for among the source values alone; the outputs
     * are computed in {@link #outputPass} only when one of them is there.
     */
    void secondSourcePass(String value, RowFields row, Fingerprints fingerprints) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (outputs != null || outputsDeferred) {
            candidates.mark(fingerprints.of(value), Candidates.IN_SOURCE);
            return;
        }
        String output = output(value, row);
        if (output != null) {
            candidates.mark(fingerprints.of(output), Candidates.IN_OUTPUT);
        }
        if (!value.equals(output)) {
            candidates.mark(fingerprints.of(value), Candidates.IN_SOURCE);
        }
    }

    /** Whether candidates the source has wait for {@link #outputPass} to be explained or counted. */
    boolean needsOutputPass() {
        return outputsDeferred && candidates.anyInSource();
    }

    /** Marks the candidates a masked output has; a value kept by design is its own output. */
    void outputPass(String value, RowFields row, Fingerprints fingerprints) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String output = output(value, row);
        if (output != null) {
            candidates.mark(fingerprints.of(output), Candidates.IN_OUTPUT);
        }
    }

    /**
     * A column ruled {@code null} must hold nothing but NULL, not even an empty string: its source values were never read
     * (see {@link dev.doppel.core.engine.TableCopy#readAsNull}), so any other value is wrong
     * whether or not it equals one of them.
     */
    ColumnVerdict verdict(TableName table, boolean allowed) {
        if (column.nulled()) {
            String detail = targetValues == 0 ? "every target value is NULL"
                    : targetValues + " target values are not NULL although the rule writes NULL";
            return new ColumnVerdict(table, column.column().name(), column.transformer(), ColumnVerdict.Check.MASKED,
                    targetValues, targetValues, 0, Map.of(), targetValues > 0, allowed, detail);
        }
        long survived = candidates.leaked();
        long unchecked = candidates.overflow();
        boolean leak = survived > 0 || unchecked > 0;
        String detail = unchecked > 0
                ? "too many target values (" + unchecked + "+) may equal source values to check them all; at least "
                        + survived + " of " + targetValues + " survived masking"
                : survived + " of " + targetValues + " target values equal a source value of the column"
                        + (sameByDesign > 0 ? " (" + sameByDesign + " source values the rule keeps by design not counted)" : "");
        return new ColumnVerdict(table, column.column().name(), column.transformer(), ColumnVerdict.Check.MASKED, targetValues,
                survived, sameByDesign, Map.of(), leak, allowed, detail);
    }

    private String output(String value, RowFields row) {
        try {
            return transform.apply(value, row);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
