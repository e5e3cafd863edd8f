package io.cameltogether.audio.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.transport.Network;
import io.cameltogether.audio.client.realtime.RealtimeSessionConfig;
import io.cameltogether.audio.client.realtime.RealtimeSettings;
import io.cameltogether.audio.client.realtime.TurnDetection;
import io.cameltogether.audio.client.realtime.TurnDetectionMode;

/** The endpoint's realtime options as the client's session configuration and connection settings. */
public final class RealtimeOptionsMapper {

    private RealtimeOptionsMapper() {
    }

    public static RealtimeSessionConfig sessionConfig(TogetherAudioConfiguration c) {
        TurnDetection turnDetection = c.getTurnDetection() == TurnDetectionMode.NONE ? TurnDetection.NONE
                : new TurnDetection(true, c.getVadThreshold(), c.getMinSilenceDurationMs(), c.getMinSpeechDurationMs(),
                c.getMaxSpeechDurationS(), c.getSpeechPadMs(), c.getEotThreshold(), c.getEotTimeoutMs(),
                c.getEagerEotThreshold());
        List<String> fallbackModels = c.getFallbackModels() == null || c.getFallbackModels().isBlank() ? List.of()
                : Arrays.stream(c.getFallbackModels().split(",")).map(String::strip).toList();
        return new RealtimeSessionConfig(c.getModel(), fallbackModels, c.getInputAudioFormat(), c.getLanguage(),
                c.getPrompt(), turnDetection);
    }

    public static RealtimeSettings settings(TogetherAudioConfiguration c, ApiKey apiKey, Network network) {
        return new RealtimeSettings(
                new RealtimeSettings.Connection(URI.create(c.getBaseUrl()), apiKey, network,
                        Duration.ofMillis(c.getConnectTimeout()), Duration.ofMillis(c.getSessionCreatedTimeout()),
                        Duration.ofMillis(c.getServerSilenceTimeout()), Duration.ofMillis(c.getKeepAliveInterval())),
                recovery(c), Duration.ofMillis(c.getFinalTranscriptQuiet()));
    }

    private static RealtimeSettings.Recovery recovery(TogetherAudioConfiguration c) {
        return new RealtimeSettings.Recovery(c.getReconnectAttempts(), Duration.ofMillis(c.getReconnectMaxTime()),
                Duration.ofMillis(c.getReconnectDelay()), Duration.ofMillis(c.getReplayBufferDuration()));
    }

    /** Fails endpoint creation on realtime options no session could use. */
    public static void validate(TogetherAudioConfiguration c) {
        sessionConfig(c);
        recovery(c);
        if (c.getChunkDurationMs() < 10 || c.getChunkDurationMs() > 1000) {
            throw new AudioValidationException("chunkDurationMs " + c.getChunkDurationMs()
                    + " is not valid: the API takes appends of at most 1000 ms; use 10 to 1000");
        }
    }
}
