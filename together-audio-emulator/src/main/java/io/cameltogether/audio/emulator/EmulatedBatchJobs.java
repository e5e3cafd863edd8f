package io.cameltogether.audio.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's Files and Batches APIs for audio jobs: their settings, scripted faults, and what clients asked of
 * them. Reach it with {@link TogetherAudioEmulator#batchJobs()}.
 */
public final class EmulatedBatchJobs {

    static final Duration DEFAULT_VALIDATION_TIME = Duration.ofMillis(20);
    static final int DEFAULT_CONCURRENCY = 8;

    private final EmulatedFiles files = new EmulatedFiles();
    private final Map<String, EmulatedBatchJob> jobs = new ConcurrentHashMap<>();
    private final Queue<EmulatedBatchJob> created = new ConcurrentLinkedQueue<>();
    private final Queue<BatchJobFault> faults = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final BatchLimits limits;
    private volatile AudioUrlFetcher fetcher;
    private volatile Duration validationTime = DEFAULT_VALIDATION_TIME;
    private volatile int concurrency = DEFAULT_CONCURRENCY;

    EmulatedBatchJobs(BatchLimits limits) {
        this.limits = limits;
    }

    /** Queues faults; each applies once, to the next request or job of its kind. */
    public EmulatedBatchJobs enqueue(BatchJobFault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** How long a job stays VALIDATING (default 20 ms). */
    public EmulatedBatchJobs withValidationTime(Duration time) {
        this.validationTime = time;
        return this;
    }

    /**
     * How many recordings of a job are worked on at once (default 8); each takes the time the emulator's
     * processing-time model gives its audio ({@link TogetherAudioEmulator#withProcessingSecondsPerAudioHour}).
     */
    public EmulatedBatchJobs withConcurrency(int recordings) {
        this.concurrency = recordings;
        return this;
    }

    /** Calls made to the Files and Batches APIs so far, by method and path pattern, e.g. "GET /v1/batches/{id}". */
    public Map<String, Integer> calls() {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach((call, count) -> counts.put(call, count.get()));
        return counts;
    }

    /** The ids of the jobs created so far, oldest first. */
    public List<String> jobIds() {
        List<String> ids = new ArrayList<>();
        created.forEach(job -> ids.add(job.id()));
        return ids;
    }

    /** The job's status now, e.g. "IN_PROGRESS"; empty for a job the emulator does not know. */
    public Optional<String> status(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(EmulatedBatchJob::status);
    }

    /** Forgets jobs, files, faults and counts, and restores the defaults. */
    public void reset() {
        jobs.clear();
        created.clear();
        faults.clear();
        calls.clear();
        files.clear();
        validationTime = DEFAULT_VALIDATION_TIME;
        concurrency = DEFAULT_CONCURRENCY;
    }

    void started(AudioUrlFetcher urlFetcher) {
        this.fetcher = urlFetcher;
    }

    void count(String call) {
        calls.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
    }

    void add(EmulatedBatchJob job) {
        jobs.put(job.id(), job);
        created.add(job);
    }

    Optional<EmulatedBatchJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    List<EmulatedBatchJob> all() {
        return List.copyOf(created);
    }

    /** Takes the first queued fault of one of these kinds, if any. */
    synchronized BatchJobFault take(BatchJobFault.Kind... kinds) {
        for (Iterator<BatchJobFault> it = faults.iterator(); it.hasNext(); ) {
            BatchJobFault fault = it.next();
            if (List.of(kinds).contains(fault.kind)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    EmulatedFiles files() {
        return files;
    }

    AudioUrlFetcher fetcher() {
        return fetcher;
    }

    BatchLimits limits() {
        return limits;
    }

    Duration validationTime() {
        return validationTime;
    }

    int concurrency() {
        return concurrency;
    }
}
