package io.cameltogether.audio.client.jobs;

import io.cameltogether.audio.client.TogetherAudioException;

/** An answer or file larger than the limit set for it, refused as it came: asking again gets the same. */
public class OversizedAnswerException extends TogetherAudioException {

    public OversizedAnswerException(String message) {
        super(message);
    }
}
