package io.cameltogether.audio.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.spi.StateRepository;

/**
 * What a restart needs of this application's batch jobs, kept in a Camel StateRepository: the jobs submitted (or
 * watched) whose recordings are not all delivered, as a comma-separated list under one key, and for each of them
 * how many of its recordings were delivered, under a key of its own. A job's results are delivered in an order that
 * is the same on every reading, so that count is all it takes to deliver only the rest. A job being created is
 * listed as {@code pending:<input file id>@<epoch millis>} until its id is known, so that a job whose creation's
 * answer was lost is still found. Changes are serialized per repository within the JVM; one consumer delivers per
 * repository.
 */
public final class JobRegistry {

    static final String KEY = "together-audio.batch-jobs";
    static final String PENDING = "pending:";
    private static final String DONE = "done";

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
                repository.setState(deliveredKey(jobId), "0");
            }
            update(jobs -> jobs.add(jobId));
        }
    }

    /** Lists a job about to be created from this input file; {@link #created} replaces it with the job. */
    public String pending(String inputFileId, long nowMillis) {
        String entry = PENDING + inputFileId + "@" + nowMillis;
        update(jobs -> jobs.add(entry));
        return entry;
    }

    /** Replaces a pending creation with the job it made. */
    public void created(String pendingEntry, String jobId) {
        update(jobs -> {
            List<String> order = new ArrayList<>(jobs);
            int at = order.indexOf(pendingEntry);
            if (at < 0) {
                order.add(jobId);
            } else {
                order.set(at, jobId);
            }
            jobs.clear();
            jobs.addAll(order);
        });
    }

    /** Forgets a job (or a pending creation), marking it done so that the jobIds option does not bring it back. */
    public void remove(String entry) {
        synchronized (repository) {
            update(jobs -> jobs.remove(entry));
            if (!entry.startsWith(PENDING)) {
                repository.setState(deliveredKey(entry), DONE);
            }
        }
    }

    /** Whether every recording of the job was delivered. */
    public boolean isDone(String jobId) {
        synchronized (repository) {
            return DONE.equals(repository.getState(deliveredKey(jobId)));
        }
    }

    /** How many of the job's recordings were delivered, in the order its results are read. */
    public int delivered(String jobId) {
        synchronized (repository) {
            String value = repository.getState(deliveredKey(jobId));
            try {
                return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
            } catch (NumberFormatException notACount) { // "done", or garbage: a job not listed is not delivered
                return 0;
            }
        }
    }

    public void delivered(String jobId, int count) {
        synchronized (repository) {
            repository.setState(deliveredKey(jobId), Integer.toString(count));
        }
    }

    private static String deliveredKey(String jobId) {
        return KEY + "." + jobId + ".delivered";
    }

    private interface Change {
        void apply(Set<String> jobs);
    }

    private void update(Change change) {
        synchronized (repository) {
            Set<String> jobs = read();
            String before = String.join(",", jobs);
            change.apply(jobs);
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
