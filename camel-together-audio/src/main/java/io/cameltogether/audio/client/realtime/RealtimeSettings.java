package io.cameltogether.audio.client.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import io.cameltogether.audio.client.ApiKey;
import io.cameltogether.audio.client.transport.Network;
import io.cameltogether.audio.client.OptionRules;

/**
 * How realtime sessions connect, stay alive and recover, named as the endpoint options are. Safe to print: the key
 * prints as ****.
 *
 * @param finalTranscriptQuiet after a commit, the transcript is final once the server has been quiet this long
 */
public record RealtimeSettings(Connection connection, Recovery recovery, Duration finalTranscriptQuiet) {

    /**
     * Where to connect, and how to tell a live connection from a dead one.
     *
     * @param baseUrl               the API base URL; https://host/v1 becomes wss://host/v1/realtime
     * @param network               the proxy and TLS material the WebSocket uses
     * @param sessionCreatedTimeout how long to wait for session.created after the handshake
     * @param serverSilenceTimeout  no server event for this long while audio flows means the connection is dead
     * @param keepAliveInterval     without audio for this long, 100 ms of silence keeps the server from closing
     */
    public record Connection(URI baseUrl, ApiKey apiKey, Network network, Duration connectTimeout,
                             Duration sessionCreatedTimeout, Duration serverSilenceTimeout, Duration keepAliveInterval) {

        public Connection {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(network, "network");
        }
    }

    /**
     * How a session comes back from a dropped connection.
     *
     * @param reconnectAttempts    reconnections tried in a row before the session fails
     * @param reconnectMaxTime     total time a run of reconnections may take
     * @param reconnectDelay       the first backoff delay, doubled per attempt
     * @param replayBufferDuration audio kept until a transcript covers it, re-sent after a reconnect
     */
    public record Recovery(int reconnectAttempts, Duration reconnectMaxTime, Duration reconnectDelay,
                           Duration replayBufferDuration) {

        public Recovery {
            OptionRules.atLeast("reconnectAttempts", reconnectAttempts, 0, "a count; 0 disables reconnecting");
            OptionRules.notNegative("reconnectMaxTime", reconnectMaxTime, OptionRules.DURATION);
            OptionRules.notNegative("reconnectDelay", reconnectDelay, OptionRules.DURATION);
            OptionRules.atLeast("replayBufferDuration", replayBufferDuration.toMillis(), 5000, OptionRules.DURATION
                    + " of 5s or more, so a reconnect can replay the speech in progress");
        }
    }

    public RealtimeSettings {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(recovery, "recovery");
    }

    /** wss for https, ws for http (the emulator), with /realtime below the base path, for this model. */
    URI webSocketUri(RealtimeSessionConfig config, String model) {
        URI baseUrl = connection.baseUrl();
        String scheme = "https".equalsIgnoreCase(baseUrl.getScheme()) ? "wss" : "ws";
        String path = baseUrl.getPath().endsWith("/") ? baseUrl.getPath() + "realtime" : baseUrl.getPath() + "/realtime";
        return URI.create(scheme + "://" + baseUrl.getAuthority() + path + "?" + config.query(model));
    }
}
