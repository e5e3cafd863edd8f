package io.cameltogether.audio;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.cameltogether.audio.client.request.BatchTask;

/** Options of together-audio:batchJob: what a job transcribes, where its progress is kept, how results arrive. */
@UriParams
public class BatchJobConfiguration {

    /** 8 GB: the output of 50,000 long recordings with word timestamps fits; a broken server's endless one does not. */
    public static final long DEFAULT_MAX_RESULT_FILE_SIZE = 8_000_000_000L;

    @UriParam(label = "batchJob", defaultValue = "transcribe", enums = "transcribe,translate")
    private BatchTask jobOperation = BatchTask.TRANSCRIBE;
    @UriParam(label = "batchJob")
    private StateRepository<String, String> jobRepository;
    @UriParam(label = "batchJob,consumer")
    private String jobIds;
    @UriParam(label = "batchJob,consumer", defaultValue = "false")
    private boolean failuresAsHeader;
    @UriParam(label = "batchJob,advanced", defaultValue = "8000000000")
    private long maxResultFileSize = DEFAULT_MAX_RESULT_FILE_SIZE;
    @UriParam(label = "batchJob,advanced")
    private String workDirectory;

    public BatchTask getJobOperation() {
        return jobOperation;
    }

    /**
     * batchJob: the endpoint a job's recordings go to, transcribe or translate, with this endpoint's options (model,
     * language, prompt, response format, timestamp granularities, diarization...).
     */
    public void setJobOperation(BatchTask jobOperation) {
        this.jobOperation = jobOperation;
    }

    public StateRepository<String, String> getJobRepository() {
        return jobRepository;
    }

    /**
     * batchJob: where the ids of submitted jobs are kept until all their recordings are delivered, with how many of
     * each job's recordings were delivered, so that a restart polls them again instead of submitting again, and
     * delivers only the recordings not yet delivered: e.g. a FileStateRepository, or any StateRepository of your
     * own (a table, a compacted topic). The producer and the consumer must share the same bean. Unset, the
     * component keeps them in memory, shared by its batchJob endpoints (lost on restart).
     */
    public void setJobRepository(StateRepository<String, String> jobRepository) {
        this.jobRepository = jobRepository;
    }

    public String getJobIds() {
        return jobIds;
    }

    /**
     * batchJob consumer: ids of jobs submitted elsewhere (comma-separated) whose results this consumer delivers, as
     * it does those of the jobs this application submitted.
     */
    public void setJobIds(String jobIds) {
        this.jobIds = jobIds;
    }

    public boolean isFailuresAsHeader() {
        return failuresAsHeader;
    }

    /**
     * batchJob consumer: a recording without a transcript is routed as a message with no body and the
     * CamelTogetherAudioRecordingError header, instead of going to the consumer's exception handler (logged, or the
     * route's error handler with bridgeErrorHandler=true).
     */
    public void setFailuresAsHeader(boolean failuresAsHeader) {
        this.failuresAsHeader = failuresAsHeader;
    }

    public long getMaxResultFileSize() {
        return maxResultFileSize;
    }

    /**
     * batchJob consumer: the largest result file (bytes) downloaded; a larger one is refused as it comes, and the
     * job's recordings not yet delivered fail, saying so.
     */
    public void setMaxResultFileSize(long maxResultFileSize) {
        this.maxResultFileSize = maxResultFileSize;
    }

    public String getWorkDirectory() {
        return workDirectory;
    }

    /**
     * batchJob: the directory where a job's input file is written before upload and its result files are downloaded
     * before delivery (deleted after). Unset, the JVM's temporary directory.
     */
    public void setWorkDirectory(String workDirectory) {
        this.workDirectory = workDirectory;
    }
}
