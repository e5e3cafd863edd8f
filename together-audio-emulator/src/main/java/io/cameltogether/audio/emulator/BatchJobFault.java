package io.cameltogether.audio.emulator;

/**
 * A fault of the Files and Batches APIs, enqueued with {@link EmulatedBatchJobs#enqueue}: each applies once, to the
 * next request or job of its kind.
 */
public final class BatchJobFault {

    enum Kind { FAIL_VALIDATION, EXPIRE_AFTER, POLL_STATUS, LIST_STATUS, CUT_OFF_DOWNLOAD, LOSE_CREATE_ANSWER }

    final Kind kind;
    final String error;
    final int count;

    private BatchJobFault(Kind kind, String error, int count) {
        this.kind = kind;
        this.error = error;
        this.count = count;
    }

    /** The next job created ends FAILED once validated, with this error, having done no recording. */
    public static BatchJobFault failValidation(String error) {
        return new BatchJobFault(Kind.FAIL_VALIDATION, error, 0);
    }

    /** The next job created ends EXPIRED once this many of its recordings are done: the rest are never done. */
    public static BatchJobFault expireAfter(int recordings) {
        return new BatchJobFault(Kind.EXPIRE_AFTER, "the job's completion window ended", recordings);
    }

    /** The next GET /v1/batches/{id} answers this status (a 429 with Retry-After: 1) instead of the job. */
    public static BatchJobFault pollStatus(int status) {
        return new BatchJobFault(Kind.POLL_STATUS, null, status);
    }

    /** The next GET /v1/batches (the list of jobs) answers this status instead of the list. */
    public static BatchJobFault listStatus(int status) {
        return new BatchJobFault(Kind.LIST_STATUS, null, status);
    }

    /** The next download of a file's content sends half of it, then closes the connection. */
    public static BatchJobFault cutOffDownload() {
        return new BatchJobFault(Kind.CUT_OFF_DOWNLOAD, null, 0);
    }

    /** The next POST /v1/batches creates the job, then closes the connection instead of answering. */
    public static BatchJobFault loseCreateAnswer() {
        return new BatchJobFault(Kind.LOSE_CREATE_ANSWER, null, 0);
    }

    @Override
    public String toString() {
        return kind + (count > 0 ? "(" + count + ")" : "");
    }
}
