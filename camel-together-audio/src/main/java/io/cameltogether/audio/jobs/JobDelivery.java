package io.cameltogether.audio.jobs;

import java.io.UncheckedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.JobResults;

/**
 * Routes an ended job's recordings not yet delivered, recording its progress after each: the count delivered and
 * the fingerprint of the results counted. Results read with another fingerprint than the count's (the server gave
 * other files, or the job is now failed from its input alone) cannot be matched to what was delivered: that is
 * reported, and every recording delivered again, rather than some skipped.
 */
final class JobDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(JobDelivery.class);

    /** How many recordings a delivery routed, and whether it got through all of them. */
    record Result(int routed, boolean complete) {
    }

    private final BatchJobConsumer consumer;
    private final TogetherAudioEndpoint endpoint;
    private final RecordingExchanges exchanges;

    JobDelivery(BatchJobConsumer consumer, TogetherAudioEndpoint endpoint, RecordingExchanges exchanges) {
        this.consumer = consumer;
        this.endpoint = endpoint;
        this.exchanges = exchanges;
    }

    /**
     * @throws TogetherAudioException the results cannot be read this time
     */
    Result withResults(BatchJob job) {
        TogetherAudioConfiguration c = endpoint.getConfiguration();
        try (JobResults results = JobResults.fetch(endpoint.getJobsClient(), job, endpoint.workDirectory(),
                c.getMaxResultFileSize(), c.getMaxResponseSize())) {
            return deliver(job, results);
        }
    }

    /** Fails each recording not yet delivered for the reason the ended job gives; reports a job whose input is gone. */
    Result withoutResults(BatchJob ended) {
        TogetherAudioConfiguration c = endpoint.getConfiguration();
        try (JobResults results = JobResults.withoutResults(endpoint.getJobsClient(), ended, ended.error(),
                endpoint.workDirectory(), c.getMaxResultFileSize(), c.getMaxResponseSize())) {
            return deliver(ended, results);
        } catch (TogetherAudioException | UncheckedIOException e) {
            consumer.getExceptionHandler().handleException(new TogetherAudioException("the recordings of " + ended
                    + " cannot be known (" + e.getMessage() + "): " + ended.error() + "; it is no longer polled", e));
            return new Result(0, true);
        }
    }

    private Result deliver(BatchJob job, JobResults results) {
        JobRegistry registry = endpoint.getJobRegistry();
        JobRegistry.Progress progress = registry.progress(job.id());
        int skip = progress.count();
        if (skip > 0 && !progress.fingerprint().equals(results.fingerprint())) {
            consumer.getExceptionHandler().handleException(new TogetherAudioException("the results of " + job
                    + " are not those " + skip + " of its recordings were delivered from: every recording is "
                    + "delivered again, so some may arrive twice"));
            skip = 0;
        }
        int[] delivered = { skip };
        boolean all = results.deliver(skip, outcome -> {
            if (consumer.stopping()) {
                return false; // the rest on the next poll, after a restart perhaps
            }
            exchanges.route(job, results.recordings(), outcome);
            registry.progress(job.id(), new JobRegistry.Progress(++delivered[0], results.fingerprint()));
            return true;
        });
        if (all) {
            LOG.info("Delivered every recording of {} ({} recordings)", job, results.recordings());
        }
        return new Result(delivered[0] - skip, all);
    }
}
