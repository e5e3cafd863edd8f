package io.cameltogether.audio.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.camel.spi.StateRepository;

/**
 * What a restart needs of this application's batch jobs, kept in a Camel StateRepository: the jobs submitted (or
 * watched) whose recordings are not all delivered, as a comma-separated list under one key, and for each of them
 * how far its delivery got, under a key of its own: the count of recordings delivered and the fingerprint of the
 * results they were counted in (results are read in a fixed order, so the count is all it takes to deliver only
 * the rest, as long as the results are the same). A job being created is listed as
 * {@code pending:<input file id>@<epoch millis>} until its id is known, so that a job whose creation's answer was
 * lost is still found. Changes are serialized per repository within the JVM; one consumer delivers per repository.
 */
public final class JobRegistry {

    static final String KEY = "together-audio.batch-jobs";
    private static final String PENDING = "pending:";
    private static final String DONE = "done";

    /** How far a job's delivery got: that many recordings of the results with this fingerprint. */
    public record Progress(int count, String fingerprint) {
        static final Progress NONE = new Progress(0, "");
    }

    private final StateRepository<String, String> repository;

    public JobRegistry(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    /** The repository this registry keeps its state in. */
    public StateRepository<String, String> repository() {
        return repository;
    }

    /** The jobs (and pending creations) not yet delivered, oldest first. */
    public List<String> jobs() {
        synchronized (repository) {
            return new ArrayList<>(read());
        }
    }

    /** Tracks the job, from its first recording (again, if it was done: a job asked for is delivered again). */
    public void add(String jobId) {
        synchronized (repository) {
            if (isDone(jobId)) {
                repository.setState(progressKey(jobId), "0");
            }
            update(jobs -> jobs.add(jobId));
        }
    }

    /** Lists a job about to be created from this input file; {@link #created} replaces it with the job. */
    public String pending(String inputFileId, Instant now) {
        String entry = PENDING + inputFileId + "@" + now.toEpochMilli();
        update(jobs -> jobs.add(entry));
        return entry;
    }

    static boolean isPending(String entry) {
        return entry.startsWith(PENDING);
    }

    /** The input file of a pending entry. */
    static String pendingFile(String entry) {
        int at = entry.lastIndexOf('@');
        return entry.substring(PENDING.length(), at < PENDING.length() ? entry.length() : at);
    }

    /** When a pending entry was listed; the epoch for one that does not say. */
    static Instant pendingSince(String entry) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(entry.substring(entry.lastIndexOf('@') + 1)));
        } catch (NumberFormatException notATime) {
            return Instant.EPOCH;
        }
    }

    /**
     * Replaces a pending creation with the job it made. When the consumer resolved the entry first, the job is
     * tracked already, or delivered already: a delivered job is not tracked again.
     */
    public void created(String pendingEntry, String jobId) {
        synchronized (repository) {
            Set<String> jobs = read();
            if (!jobs.contains(pendingEntry) && isDone(jobId)) {
                return;
            }
            List<String> order = new ArrayList<>(jobs);
            int at = order.indexOf(pendingEntry);
            if (at >= 0 && !jobs.contains(jobId)) {
                order.set(at, jobId);
            } else {
                order.remove(pendingEntry);
                if (!jobs.contains(jobId)) {
                    order.add(jobId);
                }
            }
            repository.setState(KEY, String.join(",", order));
        }
    }

    /** Forgets a job (or a pending creation), marking a job done so that the jobIds option does not bring it back. */
    public void remove(String entry) {
        synchronized (repository) {
            update(jobs -> jobs.remove(entry));
            if (!isPending(entry)) {
                repository.setState(progressKey(entry), DONE);
            }
        }
    }

    /** Whether every recording of the job was delivered. */
    public boolean isDone(String jobId) {
        synchronized (repository) {
            return DONE.equals(repository.getState(progressKey(jobId)));
        }
    }

    /** How far the job's delivery got; none for a job not begun (or a value that is not a progress). */
    public Progress progress(String jobId) {
        synchronized (repository) {
            String value = repository.getState(progressKey(jobId));
            int colon = value == null ? -1 : value.indexOf(':');
            try {
                return colon < 0 ? Progress.NONE : new Progress(Math.max(0, Integer.parseInt(value.substring(0,
                        colon))), value.substring(colon + 1));
            } catch (NumberFormatException notACount) {
                return Progress.NONE;
            }
        }
    }

    public void progress(String jobId, Progress progress) {
        synchronized (repository) {
            repository.setState(progressKey(jobId), progress.count() + ":" + progress.fingerprint());
        }
    }

    private static String progressKey(String jobId) {
        return KEY + "." + jobId + ".delivered";
    }

    private void update(Consumer<Set<String>> change) {
        synchronized (repository) {
            Set<String> jobs = read();
            String before = String.join(",", jobs);
            change.accept(jobs);
            String after = String.join(",", jobs);
            if (!after.equals(before)) {
                repository.setState(KEY, after);
            }
        }
    }

    private Set<String> read() {
        String value = repository.getState(KEY);
        Set<String> jobs = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            Arrays.stream(value.split(",")).map(String::trim).filter(id -> !id.isEmpty()).forEach(jobs::add);
        }
        return jobs;
    }
}
