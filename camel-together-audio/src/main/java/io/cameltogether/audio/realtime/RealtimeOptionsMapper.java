package io.cameltogether.audio.realtime;

import java.net.URI;
import java.time.Duration;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.realtime.RealtimeSessionConfig;
import io.cameltogether.audio.client.realtime.RealtimeSettings;
import io.cameltogether.audio.client.realtime.TurnDetection;

/** The endpoint's realtime options as the client's session configuration and connection settings. */
public final class RealtimeOptionsMapper {

    private RealtimeOptionsMapper() {
    }

    public static RealtimeSessionConfig sessionConfig(TogetherAudioConfiguration c) {
        TurnDetection turnDetection = switch (c.getTurnDetection()) {
            case "server_vad" -> new TurnDetection(true, c.getVadThreshold(), c.getMinSilenceDurationMs(),
                    c.getMinSpeechDurationMs(), c.getMaxSpeechDurationS(), c.getSpeechPadMs());
            case "none" -> TurnDetection.NONE;
            default -> throw new AudioValidationException("turnDetection '" + c.getTurnDetection()
                    + "' is not valid: use server_vad or none");
        };
        return new RealtimeSessionConfig(c.getModel(), c.getInputAudioFormat(), c.getLanguage(), c.getPrompt(),
                turnDetection);
    }

    public static RealtimeSettings settings(TogetherAudioConfiguration c, ApiKey apiKey) {
        return new RealtimeSettings(URI.create(c.getBaseUrl()), apiKey, Duration.ofMillis(c.getConnectTimeout()),
                Duration.ofMillis(c.getSessionCreatedTimeout()), Duration.ofMillis(c.getServerSilenceTimeout()),
                c.getReconnectAttempts(), Duration.ofMillis(c.getReconnectMaxTime()),
                Duration.ofMillis(c.getReconnectDelay()), Duration.ofMillis(c.getReplayBufferDuration()),
                Duration.ofMillis(c.getKeepAliveInterval()), Duration.ofMillis(c.getFinalTranscriptQuiet()));
    }

    public static boolean realtimePace(TogetherAudioConfiguration c) {
        return switch (c.getPace()) {
            case "realtime" -> true;
            case "fast" -> false;
            default -> throw new AudioValidationException("pace '" + c.getPace() + "' is not valid: use realtime or fast");
        };
    }

    /** Fails endpoint creation on realtime options no session could use. */
    public static void validate(TogetherAudioConfiguration c) {
        sessionConfig(c);
        realtimePace(c);
        if (c.getChunkDurationMs() < 10 || c.getChunkDurationMs() > 1000) {
            throw new AudioValidationException("chunkDurationMs " + c.getChunkDurationMs()
                    + " is not valid: the API takes appends of at most 1000 ms; use 10 to 1000");
        }
        if (c.getReplayBufferDuration() < 5000) {
            throw new AudioValidationException("replayBufferDuration must be at least 5 s, so a reconnect can replay "
                    + "the speech in progress");
        }
    }
}
