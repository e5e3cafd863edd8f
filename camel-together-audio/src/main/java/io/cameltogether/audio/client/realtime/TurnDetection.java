package io.cameltogether.audio.client.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.OptionRules;

/**
 * Server voice activity detection, or none (the client commits turns itself). Null parameters leave the server's
 * defaults (threshold 0.3, silence 500 ms, speech 250 ms, max speech 5 s, pad 250 ms). Deepgram's models also take
 * an end-of-turn threshold and timeout, and an eager end-of-turn threshold.
 */
public record TurnDetection(boolean serverVad, Double threshold, Integer minSilenceDurationMs,
                            Integer minSpeechDurationMs, Double maxSpeechDurationS, Integer speechPadMs,
                            Double eotThreshold, Integer eotTimeoutMs, Double eagerEotThreshold) {

    public static final TurnDetection NONE = new TurnDetection(false, null, null, null, null, null, null, null, null);

    private static final int DEFAULT_SILENCE_MS = 500;
    private static final int DEFAULT_SPEECH_MS = 250;
    private static final double DEFAULT_MAX_SPEECH_S = 5.0;
    private static final int DEFAULT_PAD_MS = 250;
    private static final double DEFAULT_SPEECH_DBFS = -50;
    /** Deepgram's default eot_timeout_ms. */
    private static final int DEFAULT_EOT_TIMEOUT_MS = 5000;

    public TurnDetection {
        OptionRules.fraction("vadThreshold", threshold);
        OptionRules.fraction("eotThreshold", eotThreshold);
        OptionRules.fraction("eagerEotThreshold", eagerEotThreshold);
        for (Number n : new Number[] { minSilenceDurationMs, minSpeechDurationMs, maxSpeechDurationS, speechPadMs,
                eotTimeoutMs }) {
            if (n != null && n.doubleValue() < 0) {
                throw new AudioValidationException("VAD durations must not be negative, got " + n);
            }
        }
    }

    /** Server VAD with the server's defaults. */
    public static TurnDetection serverDefaults() {
        return new TurnDetection(true, null, null, null, null, null, null, null, null);
    }

    /** Quiet that ends the server's turn, in milliseconds. */
    int silenceMillis() {
        return minSilenceDurationMs == null ? DEFAULT_SILENCE_MS : minSilenceDurationMs;
    }

    /**
     * Quiet after which the server has surely ended a turn: its minimum silence; with Deepgram's end-of-turn options,
     * the end-of-turn timeout (5 s unless set), since the model may go on waiting for the speaker until then.
     */
    int turnEndingSilenceMillis() {
        boolean deepgramTurns = eotThreshold != null || eotTimeoutMs != null || eagerEotThreshold != null;
        return deepgramTurns ? Math.max(silenceMillis(), eotTimeoutMs == null ? DEFAULT_EOT_TIMEOUT_MS : eotTimeoutMs)
                : silenceMillis();
    }

    /** Speech the server needs to start a turn, in milliseconds. */
    int speechMillis() {
        return minSpeechDurationMs == null ? DEFAULT_SPEECH_MS : minSpeechDurationMs;
    }

    /**
     * The level above which the component counts its own audio as speech: -50 dBFS, below where the server's VAD
     * hears speech at its default threshold (0.3); a lower threshold hears quieter speech, so the level follows it
     * down, to about -60 dBFS at the phone preset's 0.01.
     */
    double speechDbfs() {
        return threshold == null ? DEFAULT_SPEECH_DBFS : Math.min(DEFAULT_SPEECH_DBFS, -60 + 40 * threshold);
    }

    /** Where the server cuts a turn that goes on, in milliseconds from its speech's onset (its padding before it). */
    long maxTurnMillis() {
        double maxSpeech = maxSpeechDurationS == null ? DEFAULT_MAX_SPEECH_S : maxSpeechDurationS;
        return Math.max(500, Math.round(maxSpeech * 1000) - (speechPadMs == null ? DEFAULT_PAD_MS : speechPadMs));
    }

    /** The {@code turn_detection} value of {@code transcription_session.updated}: an object, or null for none. */
    void writeTo(ObjectNode session) {
        if (!serverVad) {
            session.putNull("turn_detection");
            return;
        }
        ObjectNode td = session.putObject("turn_detection").put("type", "server_vad");
        putIfSet(td, "threshold", threshold);
        putIfSet(td, "min_silence_duration_ms", minSilenceDurationMs);
        putIfSet(td, "min_speech_duration_ms", minSpeechDurationMs);
        putIfSet(td, "max_speech_duration_s", maxSpeechDurationS);
        putIfSet(td, "speech_pad_ms", speechPadMs);
        putIfSet(td, "eot_threshold", eotThreshold);
        putIfSet(td, "eot_timeout_ms", eotTimeoutMs);
        putIfSet(td, "eager_eot_threshold", eagerEotThreshold);
    }

    private static void putIfSet(ObjectNode node, String name, Number value) {
        if (value instanceof Integer i) {
            node.put(name, i);
        } else if (value != null) {
            node.put(name, value.doubleValue());
        }
    }
}
