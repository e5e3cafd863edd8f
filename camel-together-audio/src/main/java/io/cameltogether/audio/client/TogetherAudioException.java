package io.cameltogether.audio.client;

/** Base of every failure the Together audio client reports. */
public class TogetherAudioException extends RuntimeException {

    public TogetherAudioException(String message) {
        super(message);
    }

    public TogetherAudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
