package io.cameltogether.audio.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.camel.spi.StateRepository;

/**
 * The jobs this application submitted (or was told to watch) whose recordings are not all delivered, kept in a
 * Camel StateRepository under one key as a comma-separated list, so that a restart polls them again instead of
 * submitting again. Changes are serialized per repository within the JVM; instances sharing one repository must
 * not submit or deliver at the same moment (one instance runs the consumer).
 */
public final class JobRegistry {

    static final String KEY = "together-audio.batch-jobs";

    private final StateRepository<String, String> repository;

    public JobRegistry(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    public List<String> jobs() {
        synchronized (repository) {
            return new ArrayList<>(read());
        }
    }

    public void add(String jobId) {
        synchronized (repository) {
            Set<String> jobs = read();
            if (jobs.add(jobId)) {
                repository.setState(KEY, String.join(",", jobs));
            }
        }
    }

    public void remove(String jobId) {
        synchronized (repository) {
            Set<String> jobs = read();
            if (jobs.remove(jobId)) {
                repository.setState(KEY, String.join(",", jobs));
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
