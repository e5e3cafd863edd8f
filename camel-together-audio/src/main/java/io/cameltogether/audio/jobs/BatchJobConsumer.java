package io.cameltogether.audio.jobs;

import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.TogetherAudioApiException;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchRecordingException;
import io.cameltogether.audio.client.jobs.JobResults;
import io.cameltogether.audio.support.ResultBodies;

/**
 * Polls the jobs in the job repository (and those of the jobIds option) and, when one ends, routes one exchange per
 * recording: its transcript, or its failure (to the exception handler, or as a header with failuresAsHeader). A
 * recording is delivered once: its jobId/recordingId goes into the delivered repository when its exchange is done,
 * and a job leaves the job repository when all its recordings are delivered. Stopping halts a delivery between two
 * recordings; the next poll (after a restart too) delivers the rest. A poll that fails (the API unreachable, a
 * download cut off) is retried by the next one.
 */
public final class BatchJobConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJobConsumer.class);
    /** Polls in a row a job may be unknown to the API (404) before its delivery is given up, reported. */
    static final int MAX_NOT_FOUND_POLLS = 10;

    private final TogetherAudioEndpoint endpoint;
    private final IdempotentRepository delivered;
    private final Map<String, BatchJob> running = new ConcurrentHashMap<>();
    private final Map<String, Integer> notFound = new ConcurrentHashMap<>();
    private final Set<String> finishedGiven = ConcurrentHashMap.newKeySet();

    public BatchJobConsumer(TogetherAudioEndpoint endpoint, Processor processor, IdempotentRepository delivered) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.delivered = delivered;
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(delivered); // a file repository reads its file as it starts
        super.doStart();
    }

    /** The jobs not yet delivered, as the API last reported them: their status and progress. */
    public Map<String, BatchJob> runningJobs() {
        return Map.copyOf(running);
    }

    @Override
    protected int poll() {
        int routed = 0;
        for (String id : tracked()) {
            if (!isRunAllowed()) {
                break;
            }
            BatchJob job = status(id);
            if (job == null) {
                continue;
            }
            BatchJob before = running.put(id, job);
            if (before == null || before.status() != job.status() || !Objects.equals(before.progress(),
                    job.progress())) {
                LOG.info("{}", job);
            }
            if (job.status().isTerminal()) {
                routed += deliver(job);
            }
        }
        return routed;
    }

    private Set<String> tracked() {
        Set<String> ids = new LinkedHashSet<>(endpoint.getJobRegistry().jobs());
        String given = endpoint.getConfiguration().getJobIds();
        if (given != null) {
            for (String id : given.split(",")) {
                if (!id.isBlank() && !finishedGiven.contains(id.trim())) {
                    ids.add(id.trim());
                }
            }
        }
        return ids;
    }

    /** The job now, or null when it cannot be told this poll. */
    private BatchJob status(String id) {
        try {
            BatchJob job = endpoint.getJobsClient().get(id);
            notFound.remove(id);
            return job;
        } catch (TogetherAudioApiException e) {
            if (e.getStatus() == 404 && notFound.merge(id, 1, Integer::sum) >= MAX_NOT_FOUND_POLLS) {
                forget(id);
                getExceptionHandler().handleException("batch job " + id + " is unknown to the API after "
                        + MAX_NOT_FOUND_POLLS + " polls; its results cannot be delivered", e);
            } else {
                LOG.warn("Cannot read batch job {} this poll: {}", id, e.getMessage());
            }
        } catch (TogetherAudioException e) {
            LOG.warn("Cannot read batch job {} this poll: {}", id, e.getMessage());
        }
        return null;
    }

    /** Routes the ended job's recordings not yet delivered; how many it routed. */
    private int deliver(BatchJob job) {
        TogetherAudioConfiguration c = endpoint.getConfiguration();
        int[] routed = { 0 };
        try (JobResults results = JobResults.fetch(endpoint.getJobsClient(), job, endpoint.workDirectory(),
                c.getMaxResultFileSize(), c.getMaxResponseSize())) {
            boolean all = results.deliver(outcome -> {
                if (!isRunAllowed() || isSuspendingOrSuspended()) {
                    return false; // stopping: the rest on the next poll, after a restart perhaps
                }
                String key = job.id() + "/" + outcome.recordingId();
                if (!delivered.contains(key)) {
                    route(job, results.recordings(), outcome);
                    delivered.add(key);
                    delivered.confirm(key);
                    routed[0]++;
                }
                return true;
            });
            if (all) {
                forget(job.id());
                LOG.info("Delivered every recording of {} ({} recordings)", job, results.recordings());
            }
        } catch (TogetherAudioException | UncheckedIOException | IllegalStateException e) {
            LOG.warn("Cannot deliver the results of {} this poll: {}", job, e.getMessage());
        }
        return routed[0];
    }

    private void forget(String id) {
        endpoint.getJobRegistry().remove(id);
        finishedGiven.add(id);
        running.remove(id);
        notFound.remove(id);
    }

    private void route(BatchJob job, int recordings, JobResults.Outcome outcome) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(TogetherAudioConstants.RECORDING_ID, outcome.recordingId());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_ID, job.id());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_STATUS, job.statusText());
        message.setHeader(TogetherAudioConstants.BATCH_JOB_RECORDINGS, recordings);
        Exception failure = outcome.failure();
        try {
            if (failure == null) {
                ResultBodies.write(message, outcome.transcript(), endpoint.getConfiguration().getOutputFormat());
            } else if (endpoint.getConfiguration().isFailuresAsHeader()) {
                message.setHeader(TogetherAudioConstants.RECORDING_ERROR, failure);
                failure = null;
            }
            if (failure == null) {
                getProcessor().process(exchange);
                failure = exchange.getException();
            }
        } catch (Exception e) {
            failure = e;
        }
        try {
            if (failure != null) {
                getExceptionHandler().handleException(failure instanceof BatchRecordingException
                        ? failure.getMessage() : "Error processing recording '" + outcome.recordingId()
                        + "' of batch job " + job.id(), exchange, failure);
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
