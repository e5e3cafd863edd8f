package io.cameltogether.audio.client.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.cameltogether.audio.client.ApiKey;

/**
 * How realtime sessions connect and recover. Safe to print: the key prints as ****.
 *
 * @param baseUrl               the API base URL; https://host/v1 becomes wss://host/v1/realtime
 * @param sessionCreatedTimeout how long to wait for session.created after the handshake
 * @param serverSilenceTimeout  no server event for this long while audio flows means the connection is dead
 * @param reconnectAttempts     reconnections tried in a row before the session fails
 * @param reconnectMaxTime      total time a run of reconnections may take
 * @param replayBuffer          audio kept until a transcript covers it, re-sent after a reconnect
 * @param keepAliveAfter        without audio for this long, 100 ms of silence keeps the server from closing
 * @param finalTranscriptQuiet  after a commit, the transcript is final once the server has been quiet this long
 */
public record RealtimeSettings(URI baseUrl, ApiKey apiKey, Duration connectTimeout, Duration sessionCreatedTimeout,
                               Duration serverSilenceTimeout, int reconnectAttempts, Duration reconnectMaxTime,
                               Duration reconnectBaseDelay, Duration replayBuffer, Duration keepAliveAfter,
                               Duration finalTranscriptQuiet) {

    public RealtimeSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        if (reconnectAttempts < 0) {
            throw new IllegalArgumentException("reconnectAttempts must be >= 0");
        }
    }

    /** wss for https, ws for http (the emulator), with /realtime below the base path. */
    URI webSocketUri(RealtimeSessionConfig config) {
        String scheme = "https".equalsIgnoreCase(baseUrl.getScheme()) ? "wss" : "ws";
        String path = baseUrl.getPath().endsWith("/") ? baseUrl.getPath() + "realtime" : baseUrl.getPath() + "/realtime";
        return URI.create(scheme + "://" + baseUrl.getAuthority() + path + "?" + config.query());
    }
}
