package dev.doppel.core.pipeline;

/**
 * The privacy checks around a run.
 *
 * @param verify verify the target against the source after the copy (leak verification)
 * @param dropTargetOnLeak when verification fails, empty the target so that nobody uses the
 *     leaked values; false keeps it for investigation
 * @param sampleRows rows sampled per table for pre-flight probes and the gate's proposals
 */
public record RunChecks(boolean verify, boolean dropTargetOnLeak, int sampleRows) {
    public static final RunChecks DEFAULT = new RunChecks(true, true, 200);

    public RunChecks {
        if (sampleRows < 0) {
            throw new IllegalArgumentException("sampleRows must not be negative, was " + sampleRows);
        }
    }
}
