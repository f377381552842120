package dev.doppel.core.verify;

import dev.doppel.core.engine.Chunk;
import dev.doppel.core.engine.TableCopy;
import dev.doppel.core.engine.TableReader;
import dev.doppel.core.plan.ColumnPlan;
import dev.doppel.core.plan.RuleBinder;
import dev.doppel.core.plan.TablePlan;
import dev.doppel.core.schema.Column;
import dev.doppel.core.schema.Table;
import dev.doppel.core.schema.TableName;
import dev.doppel.core.transform.ValueTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The verification of one table, in three steps: {@link #prepare} (the checks of its columns, and
 * the first source pass of those the copy did not see), {@link #readTarget} of each part of the
 * target's table ({@link TableReader#parts}), which several workers may do at once, and {@link
 * #finish} (the later source passes and the verdicts), once every part is read. The first and last
 * steps run on one worker each; a part's values go to shares of the checks of their own ({@link
 * MaskedColumnCheck.TargetPass}, a {@link KeptColumnScan} per part), added to the table's as the
 * part ends.
 */
final class TableVerification {
    final TablePlan table;
    private final Table onTarget;
    private final Fingerprints fingerprints;
    private final List<MaskedColumnCheck> masked = new ArrayList<>();
    private final List<MaskedColumnCheck> unseen = new ArrayList<>();
    private final List<Column> targetColumns = new ArrayList<>();
    /** What reads each of {@link #targetColumns}: a {@link MaskedColumnCheck} or a {@link KeptColumnScan}. */
    private final List<Object> readers = new ArrayList<>();
    /** Every check, in column order, for the verdicts. */
    private final List<Object> checks = new ArrayList<>();
    /** Whether every column read is one ruled {@code null}, whose values the target only counts. */
    private final boolean countsOnly;
    private final ValueTransform[] transforms;
    private final List<Set<Integer>> references;
    private boolean readAgain;

    /**
     * @param seen what the copy learnt of this table, or null to read the source for it
     * @param filterBytes memory for the Bloom filters of the masked columns the copy did not see
     * @param problems where columns the target lacks are told
     */
    TableVerification(TablePlan table, Table onTarget, RuleBinder binder, Fingerprints fingerprints,
                      SourceFilters.TableFilters seen, long filterBytes, List<String> problems) {
        this.table = table;
        this.onTarget = onTarget;
        this.fingerprints = fingerprints;
        TableName name = table.table().name();
        List<ColumnPlan> copied = table.copiedColumns();
        transforms = binder.bind(table);
        long maskedCount = copied.stream().filter(ColumnPlan::masked).count();
        long bitsEach = maskedCount == 0 ? 0 : filterBytes * 8 / maskedCount;
        long expected = Math.max(table.table().estimatedRows(), 1_000);
        for (int i = 0; i < copied.size(); i++) {
            ColumnPlan column = copied.get(i);
            boolean isMasked = column.masked() && transforms[i] != null;
            if (!isMasked && !KeptColumnScan.scans(column.column().kind())) {
                continue;
            }
            Column targetColumn = onTarget.column(column.column().name()).orElse(null);
            if (targetColumn == null) {
                problems.add("cannot verify " + name + "." + column.column().name() + ": the target table has no such column");
                continue;
            }
            if (isMasked) {
                BloomFilter filled = column.nulled() ? new BloomFilter(0, 0) : seen == null ? null : seen.filter(i);
                MaskedColumnCheck check = filled != null
                        ? new MaskedColumnCheck(i, column, transforms[i], filled, seen == null ? null : seen.outputs(i),
                                seen == null ? 0 : seen.sameByDesign(i))
                        : new MaskedColumnCheck(i, column, transforms[i], expected, bitsEach);
                masked.add(check);
                if (filled == null) {
                    unseen.add(check);
                }
                targetColumns.add(targetColumn);
                readers.add(check);
                checks.add(check);
            } else {
                KeptColumnScan scanned = seen == null ? null : seen.keptScan(i);
                if (scanned == null) {
                    scanned = new KeptColumnScan(column);
                    targetColumns.add(targetColumn);
                    readers.add(scanned);
                }
                checks.add(scanned);
            }
        }
        references = binder.references(table);
        countsOnly = readers.stream().allMatch(r -> r instanceof MaskedColumnCheck check && check.column.nulled());
    }

    /** The source columns {@code checks} read: their own and those their rules read. */
    private SourceColumns columnsOf(List<MaskedColumnCheck> checks) {
        return SourceColumns.of(table, references, checks.stream().mapToInt(c -> c.sourceIndex).toArray());
    }

    /** The first source pass of the masked columns the copy did not see. */
    void prepare(TableReader source) {
        if (!unseen.isEmpty()) {
            sourcePass(source, unseen, MaskedColumnCheck::firstSourcePass);
        }
    }

    /** One read of the source's columns that {@code checks} need, each check seeing its column's values. */
    private void sourcePass(TableReader source, List<MaskedColumnCheck> checks, SourcePass pass) {
        SourceColumns columns = columnsOf(checks);
        RowFields row = columns.rowFields(transforms);
        source.read(columns.copy(), (buffer, offset, length) -> {
            row.split(buffer, offset, length);
            for (MaskedColumnCheck check : checks) {
                pass.see(check, row.source(check.sourceIndex), row, fingerprints);
            }
        });
    }

    /** A pass of {@link MaskedColumnCheck} over the source. */
    private interface SourcePass {
        void see(MaskedColumnCheck check, String value, RowFields row, Fingerprints fingerprints);
    }

    /** The parts of the target's table to read, none when no column needs the target. */
    List<Chunk> parts(TableReader target) {
        if (targetColumns.isEmpty()) {
            return List.of();
        }
        return target.parts(targetCopy());
    }

    /**
     * The target pass over one part. When every column read is one ruled {@code null}, which
     * needs only its count of values that are not NULL, the target counts them and sends no rows.
     */
    void readTarget(TableReader target, Chunk part) {
        TableCopy copy = targetCopy().withChunk(part);
        if (countsOnly) {
            long[] counts = target.countNonNull(copy);
            for (int f = 0; f < readers.size(); f++) {
                ((MaskedColumnCheck) readers.get(f)).notNullOnTarget(counts[f]);
            }
            return;
        }
        Object[] shares = new Object[readers.size()];
        for (int f = 0; f < shares.length; f++) {
            shares[f] = readers.get(f) instanceof MaskedColumnCheck check ? check.targetPass()
                    : new KeptColumnScan(((KeptColumnScan) readers.get(f)).column);
        }
        RowFields row = new RowFields(targetColumns.size(), null);
        target.read(copy, (buffer, offset, length) -> {
            row.split(buffer, offset, length);
            for (int f = 0; f < shares.length; f++) {
                String value = row.source(f);
                if (shares[f] instanceof MaskedColumnCheck.TargetPass pass) {
                    pass.accept(value, fingerprints);
                } else {
                    ((KeptColumnScan) shares[f]).accept(value);
                }
            }
        });
        for (int f = 0; f < shares.length; f++) {
            if (shares[f] instanceof MaskedColumnCheck.TargetPass pass) {
                pass.done();
            } else {
                KeptColumnScan scan = (KeptColumnScan) readers.get(f);
                synchronized (scan) {
                    scan.add((KeptColumnScan) shares[f]);
                }
            }
        }
    }

    /** The source passes the target pass asked for, then each column's verdict, in column order. */
    List<ColumnVerdict> finish(TableReader source, Set<String> allowed) {
        masked.forEach(MaskedColumnCheck::targetPassDone);
        List<MaskedColumnCheck> again = masked.stream().filter(MaskedColumnCheck::needsSecondSourcePass).toList();
        if (!again.isEmpty()) {
            readAgain = true;
            sourcePass(source, again, MaskedColumnCheck::secondSourcePass);
            List<MaskedColumnCheck> outputsToo = again.stream().filter(MaskedColumnCheck::needsOutputPass).toList();
            if (!outputsToo.isEmpty()) {
                sourcePass(source, outputsToo, MaskedColumnCheck::outputPass);
            }
        }
        TableName name = table.table().name();
        List<ColumnVerdict> verdicts = new ArrayList<>(checks.size());
        for (Object check : checks) {
            if (check instanceof MaskedColumnCheck maskedCheck) {
                verdicts.add(maskedCheck.verdict(name, allowed.contains(name + "." + maskedCheck.column.column().name())));
            } else {
                KeptColumnScan scan = (KeptColumnScan) check;
                verdicts.add(scan.verdict(name, allowed.contains(name + "." + scan.column.column().name())));
            }
        }
        return verdicts;
    }

    /** Whether {@link #finish} had to read the source again. */
    boolean readAgain() {
        return readAgain;
    }

    private TableCopy targetCopy() {
        return new TableCopy(onTarget, targetColumns, null);
    }
}
