package io.cameltogether.audio.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchJobsClient;
import io.cameltogether.audio.client.jobs.JobInput;
import io.cameltogether.audio.client.jobs.JobInputWriter;
import io.cameltogether.audio.client.request.BatchTask;

/**
 * Submits a job of recordings to Together's Batch API, or reports on, cancels or watches one (the
 * CamelTogetherAudioBatchJobAction header). Submitting writes the JSONL to a file, checking every recording before
 * a byte is sent, uploads it, creates the job and records its id in the job repository, so the consumer delivers
 * its results, after a restart too. The reply's body is the job ({@link BatchJob}); headers carry its id, status
 * and size. Calls run on the route's thread: a submission is a few requests, however many recordings.
 */
public final class BatchJobProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJobProducer.class);
    /** The exchange property holding the uploaded input file's id, for a redelivery of the same exchange. */
    static final String INPUT_FILE_ID = "CamelTogetherAudioBatchJobInputFileId";

    private final TogetherAudioEndpoint endpoint;

    public BatchJobProducer(TogetherAudioEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String action = message.getHeader(TogetherAudioConstants.BATCH_JOB_ACTION, "submit", String.class)
                .toLowerCase(Locale.ROOT);
        BatchJobsClient client = endpoint.getJobsClient();
        BatchJob job = switch (action) {
            case "submit" -> submit(message, client);
            case "status" -> client.get(jobId(message, action));
            case "cancel" -> client.cancel(jobId(message, action));
            case "watch" -> {
                BatchJob watched = client.get(jobId(message, action));
                endpoint.getJobRegistry().add(watched.id());
                yield watched;
            }
            default -> throw new AudioValidationException("header " + TogetherAudioConstants.BATCH_JOB_ACTION
                    + " has the value '" + action + "': use submit, status, cancel or watch");
        };
        message.setBody(job);
        message.setHeader(TogetherAudioConstants.BATCH_JOB_ID, job.id());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_STATUS, job.statusText());
        if (job.progress() != null) {
            message.setHeader(TogetherAudioConstants.BATCH_JOB_PROGRESS, job.progress());
        }
    }

    /**
     * Writes, checks and uploads the input, then creates the job, listed as pending in the job repository until
     * its id is known. A redelivered exchange reuses its uploaded file and looks for a job made from it first, so
     * Camel's redelivery never makes a second job.
     */
    private BatchJob submit(Message message, BatchJobsClient client) throws IOException {
        BatchTask task = endpoint.getConfiguration().getJobOperation();
        String fileId = message.getExchange().getProperty(INPUT_FILE_ID, String.class);
        boolean again = fileId != null;
        if (!again) {
            JobInput input;
            try (JobInputWriter writer = new JobInputWriter(endpoint.workDirectory())) {
                JobRecordings.forEach(message, endpoint.getConfiguration(), task, writer::add);
                input = writer.finish();
            }
            try {
                fileId = client.upload(input, "camel-together-audio-" + message.getExchange().getExchangeId()
                        + ".jsonl");
            } finally {
                Files.deleteIfExists(input.file());
            }
            message.getExchange().setProperty(INPUT_FILE_ID, fileId);
            message.setHeader(TogetherAudioConstants.BATCH_JOB_RECORDINGS, input.lines());
            LOG.info("Uploaded the input of a batch job: {} recordings ({} bytes of JSONL) as {}", input.lines(),
                    input.bytes(), fileId);
        }
        JobRegistry registry = endpoint.getJobRegistry();
        String pending = registry.pending(fileId, endpoint.getJobClock().instant());
        BatchJob job;
        try {
            job = client.create(task, fileId, again);
        } catch (TogetherAudioApiException refused) {
            registry.remove(pending); // the API said no: no job was made
            throw refused;
        }
        registry.created(pending, job.id());
        message.getExchange().removeProperty(INPUT_FILE_ID); // done: a later batchJob step submits its own input
        LOG.info("Submitted batch job {} from {} to /v1/{}", job.id(), fileId, task.path());
        return job;
    }

    private static String jobId(Message message, String action) {
        String id = message.getHeader(TogetherAudioConstants.BATCH_JOB_ID, String.class);
        if (!BatchJob.isId(id)) {
            throw new AudioValidationException("the " + action + " action needs the job's id in header "
                    + TogetherAudioConstants.BATCH_JOB_ID + (id == null ? "" : "; '" + id + "' is not a job id"));
        }
        return id;
    }
}
