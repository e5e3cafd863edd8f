package io.cameltogether.audio.client.jobs;

import io.cameltogether.audio.client.TogetherAudioException;

/**
 * A recording of a batch job that has no transcript: its line in the error file, an error answer in the output file,
 * or no line at all in a job that ended (FAILED, EXPIRED, CANCELLED, or COMPLETED without it).
 */
public class BatchRecordingException extends TogetherAudioException {

    private final String jobId;
    private final String recordingId;
    private final String code;

    public BatchRecordingException(String jobId, String recordingId, String code, String message) {
        super("recording '" + recordingId + "' of batch job " + jobId + " has no transcript: " + message);
        this.jobId = jobId;
        this.recordingId = recordingId;
        this.code = code;
    }

    public String getJobId() {
        return jobId;
    }

    /** The recording's id in the job ({@code custom_id}). */
    public String getRecordingId() {
        return recordingId;
    }

    /**
     * The API's error code for the recording (e.g. {@code file_fetch_failed}), or the job's status (e.g.
     * {@code EXPIRED}) when the recording was not done; null when the API gave none.
     */
    public String getCode() {
        return code;
    }
}
