package io.cameltogether.audio.client.request;

import java.util.Objects;

/** One call to a batch endpoint: what to do, to which audio, with which options (already resolved). */
public record BatchRequest(BatchTask task, AudioSource audio, BatchOptions options) {

    public BatchRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(options, "options");
    }
}
