package io.cameltogether.audio.client.jobs;

import java.util.Locale;

/** Where a batch job is, as the Batch API says it upper case; a value it adds later reads as {@link #UNKNOWN}. */
public enum BatchJobStatus {
    VALIDATING(false),
    IN_PROGRESS(false),
    /** Every recording has a line in the output or the error file. */
    COMPLETED(true),
    FAILED(true),
    /** The 24 h window ended first: the recordings done are in the output file, the others are not done. */
    EXPIRED(true),
    CANCELLED(true),
    /** A status this client does not know (such as the v1 SDK's CANCELING): polled on, never taken as the end. */
    UNKNOWN(false);

    private final boolean terminal;

    BatchJobStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Whether the job has ended: its result files are final. */
    public boolean isTerminal() {
        return terminal;
    }

    static BatchJobStatus of(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(wire.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return UNKNOWN;
        }
    }
}
