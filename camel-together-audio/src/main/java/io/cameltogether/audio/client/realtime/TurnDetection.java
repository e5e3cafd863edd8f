package io.cameltogether.audio.client.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cameltogether.audio.client.AudioValidationException;

/**
 * Server voice activity detection, or none (the client commits turns itself). Null parameters leave the server's
 * defaults (threshold 0.3, silence 500 ms, speech 250 ms, max speech 5 s, pad 250 ms).
 */
public record TurnDetection(boolean serverVad, Double threshold, Integer minSilenceDurationMs,
                            Integer minSpeechDurationMs, Double maxSpeechDurationS, Integer speechPadMs) {

    public static final TurnDetection NONE = new TurnDetection(false, null, null, null, null, null);

    public TurnDetection {
        if (threshold != null && (threshold < 0 || threshold > 1)) {
            throw new AudioValidationException("vadThreshold " + threshold + " is outside the accepted range 0..1");
        }
        for (Number n : new Number[] { minSilenceDurationMs, minSpeechDurationMs, maxSpeechDurationS, speechPadMs }) {
            if (n != null && n.doubleValue() < 0) {
                throw new AudioValidationException("VAD durations must not be negative, got " + n);
            }
        }
    }

    /** The {@code turn_detection} value of {@code transcription_session.updated}: an object, or null for none. */
    void writeTo(ObjectNode session) {
        if (!serverVad) {
            session.putNull("turn_detection");
            return;
        }
        ObjectNode td = session.putObject("turn_detection").put("type", "server_vad");
        if (threshold != null) {
            td.put("threshold", threshold);
        }
        if (minSilenceDurationMs != null) {
            td.put("min_silence_duration_ms", minSilenceDurationMs);
        }
        if (minSpeechDurationMs != null) {
            td.put("min_speech_duration_ms", minSpeechDurationMs);
        }
        if (maxSpeechDurationS != null) {
            td.put("max_speech_duration_s", maxSpeechDurationS);
        }
        if (speechPadMs != null) {
            td.put("speech_pad_ms", speechPadMs);
        }
    }
}
