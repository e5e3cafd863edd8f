package io.cameltogether.audio.client.request;

import java.util.Objects;

/**
 * One call to a batch endpoint: what to do, to which audio, with which options (already resolved).
 *
 * @param channels with {@code channels=separate}, the names of the channels, each transcribed on its own; null to
 *                 send the audio as it is
 */
public record BatchRequest(BatchTask task, AudioSource audio, BatchOptions options, ChannelLayout channels) {

    public BatchRequest {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(audio, "audio");
        Objects.requireNonNull(options, "options");
    }

    /** A request for the audio as it is. */
    public BatchRequest(BatchTask task, AudioSource audio, BatchOptions options) {
        this(task, audio, options, null);
    }
}
