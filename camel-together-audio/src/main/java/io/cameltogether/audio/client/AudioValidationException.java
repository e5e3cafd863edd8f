package io.cameltogether.audio.client;

/**
 * Input the API would reject, found before a byte was sent. The message names the bad value and what is accepted.
 * Not retried: the same input fails the same way.
 */
public class AudioValidationException extends TogetherAudioException {

    public AudioValidationException(String message) {
        super(message);
    }
}
