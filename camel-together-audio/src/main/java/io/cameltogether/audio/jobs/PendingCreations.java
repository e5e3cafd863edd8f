package io.cameltogether.audio.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.jobs.BatchJob;
import io.cameltogether.audio.client.jobs.BatchJobsClient;

/**
 * Jobs whose creation was asked for but whose id was not stored (the answer was lost, or the JVM stopped first):
 * found in the list of jobs by their input file, every job made from it tracked; reported after
 * {@link #PENDING_TIMEOUT} without one.
 */
final class PendingCreations {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCreations.class);
    static final Duration PENDING_TIMEOUT = BatchJobConsumer.PENDING_TIMEOUT;

    private final JobRegistry registry;
    private final BatchJobsClient client;
    private final ExceptionHandler exceptions;

    PendingCreations(JobRegistry registry, BatchJobsClient client, ExceptionHandler exceptions) {
        this.registry = registry;
        this.client = client;
        this.exceptions = exceptions;
    }

    void resolve(List<String> tracked, Instant now) {
        List<BatchJob> listed;
        boolean listRead;
        try {
            listed = client.list();
            listRead = true;
        } catch (TogetherAudioException e) {
            LOG.warn("Cannot list batch jobs to find those being created: {}", e.getMessage());
            listed = List.of();
            listRead = false;
        }
        for (String entry : tracked) {
            if (!JobRegistry.isPending(entry)) {
                continue;
            }
            String fileId = JobRegistry.pendingFile(entry);
            List<BatchJob> made = listed.stream().filter(job -> fileId.equals(job.inputFileId())).toList();
            if (!made.isEmpty()) {
                made.forEach(job -> registry.created(entry, job.id()));
            } else if (JobRegistry.pendingSince(entry).plus(PENDING_TIMEOUT).isBefore(now)) {
                registry.remove(entry);
                exceptions.handleException(new TogetherAudioException(listRead
                        ? "no batch job made from input file " + fileId + " was listed within "
                                + PENDING_TIMEOUT.toMinutes() + " minutes of its creation being asked for: its "
                                + "recordings are not transcribed"
                        : "a batch job may have been made from input file " + fileId + ", but the list of jobs "
                                + "could not be read for " + PENDING_TIMEOUT.toMinutes() + " minutes: find it with "
                                + "the Batch API and watch it (CamelTogetherAudioBatchJobAction=watch)"));
            }
        }
    }
}
