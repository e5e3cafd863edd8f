package io.cameltogether.audio.dsl;

/** Entry point of the typed endpoint builder: {@code import static ...TogetherAudioEndpoints.togetherAudio}. */
public final class TogetherAudioEndpoints {

    private TogetherAudioEndpoints() {
    }

    /** @param operation transcribe, translate or realtime */
    public static TogetherAudioEndpointBuilder togetherAudio(String operation) {
        return new TogetherAudioEndpointBuilder(operation);
    }
}
