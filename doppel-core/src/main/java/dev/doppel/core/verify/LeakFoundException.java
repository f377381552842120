package dev.doppel.core.verify;

import dev.doppel.core.error.DoppelException;
import dev.doppel.core.error.ExitCode;

/** Verification found values that survived masking, or could not verify: the privacy gate's exit 4. */
public final class LeakFoundException extends DoppelException {
    private final VerifyReport report;

    public LeakFoundException(VerifyReport report, String consequence) {
        super(ExitCode.PRIVACY_GATE, report.describe() + "\n" + consequence);
        this.report = report;
    }

    public VerifyReport report() {
        return report;
    }
}
