package io.cameltogether.audio.client.realtime;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.TrustOptions;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.transport.Network;

/**
 * The realtime sessions of one configuration, by id: a session opens on first use and closes after
 * {@code idleTimeout} without audio. Close the client to close every session.
 */
public final class RealtimeClient implements AutoCloseable {

    private final Vertx vertx;
    private final WebSocketClient sockets;
    private final RealtimeSettings settings;
    private final RealtimeSessionConfig config;
    private final RealtimeListener listener;
    private final Duration idleTimeout;
    private final int maxSessions;
    private final AudioMetrics metrics;
    private final Map<String, RealtimeSession> sessions = new ConcurrentHashMap<>();
    private final long sweeper;

    /** @param maxSessions sessions open at once; one more fails rather than wait for a connection slot */
    public RealtimeClient(Vertx vertx, RealtimeSettings settings, RealtimeSessionConfig config, Duration idleTimeout,
                          int maxSessions, RealtimeListener listener, AudioMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.maxSessions = maxSessions;
        this.settings = settings;
        this.config = config;
        this.idleTimeout = idleTimeout;
        this.listener = new RealtimeListener() {
            @Override
            public void onTranscript(TranscriptEvent event) {
                listener.onTranscript(event);
            }

            @Override
            public void onError(RealtimeException error) {
                listener.onError(error);
            }

            @Override
            public void onSessionEvent(SessionEvent event) {
                listener.onSessionEvent(event);
            }

            @Override
            public void onTurnEvent(TurnEvent event) {
                listener.onTurnEvent(event);
            }

            @Override
            public CompletableFuture<Void> delivered(String sessionId) {
                return listener.delivered(sessionId);
            }

            @Override
            public CompletionStage<Void> backlog(String sessionId) {
                return listener.backlog(sessionId);
            }

            @Override
            public void onClosed(String sessionId) {
                sessions.remove(sessionId);
                listener.onClosed(sessionId);
            }
        };
        // base64 of 1000 ms at 24 kHz is 64 KB: room for the largest append frame. Vert.x allows 50 sockets per host
        // unless told otherwise, and queues the 51st without a word.
        this.sockets = vertx.createWebSocketClient(networked(new WebSocketClientOptions()
                .setMaxFrameSize(256 * 1024).setMaxMessageSize(1024 * 1024).setMaxConnections(maxSessions),
                settings.connection().network(), settings.webSocketUri(config, config.model())));
        this.sweeper = vertx.setPeriodic(Math.max(100, Math.min(1000, idleTimeout.toMillis() / 2)), t -> closeIdle());
    }

    /** Through the network's proxy (Basic credentials on its CONNECT), trusting its TLS material. */
    private static WebSocketClientOptions networked(WebSocketClientOptions options, Network network, URI url) {
        Network.Proxy proxy = network.proxyFor(url);
        if (proxy != null) {
            options.setProxyOptions(new ProxyOptions().setType(ProxyType.HTTP).setHost(proxy.host())
                    .setPort(proxy.port()).setUsername(proxy.username()).setPassword(proxy.password()));
        }
        Network.Tls tls = network.tls();
        if (tls != null && tls.trustManagers() != null) {
            options.setTrustOptions(TrustOptions.wrap(tls.trustManagers()[0]));
        }
        if (tls != null && tls.x509KeyManager() != null) {
            options.setKeyCertOptions(KeyCertOptions.wrap(tls.x509KeyManager()));
        }
        return options.setVerifyHost(true);
    }

    /** The session with this id if it is open, else null. */
    public RealtimeSession openSession(String id) {
        return sessions.get(id);
    }

    /** The session with this id, opened (lazily, on its first audio) if there is none. */
    public RealtimeSession session(String id) {
        return session(id, 0);
    }

    /**
     * The session with this id; if there is none, one opened for audio that starts this far into a longer stream
     * (a call taken over from another instance), so that its transcripts are timed on the stream's clock.
     */
    public RealtimeSession session(String id, double streamStartSeconds) {
        RealtimeSession existing = sessions.get(id);
        if (existing != null) {
            return existing;
        }
        if (sessions.size() >= maxSessions) {
            throw RealtimeException.sessionFailed(id, "cannot open another session: " + maxSessions + " are open "
                    + "(maxSessions); close sessions or raise maxSessions", null, null, null);
        }
        return sessions.computeIfAbsent(id, key -> new RealtimeSession(key, streamStartSeconds, vertx, sockets,
                settings, config, listener, metrics));
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (RealtimeSession session : sessions.values()) {
            if (now - session.lastActivity() > idleTimeout.toNanos()) {
                session.close();
            }
        }
    }

    /**
     * Closes every session: a connected one commits what it has, waits for its transcript (delivered to the listener
     * like any other) and closes with 1000; one that is not connected (waiting to reconnect, say) closes at once.
     * Completes when all have, or when the bound of each session's close has passed.
     */
    public CompletableFuture<Void> closeSessions() {
        return CompletableFuture.allOf(sessions.values().stream().map(RealtimeSession::close)
                .toArray(CompletableFuture[]::new));
    }

    /** Closes every session (see {@link #closeSessions()}, within a bound) and the WebSocket client. */
    @Override
    public void close() {
        vertx.cancelTimer(sweeper);
        try {
            closeSessions().get(settings.finalTranscriptQuiet().toMillis() * 4 + 15_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // closing anyway: the sockets go with the client
        }
        sessions.clear();
        sockets.close();
    }
}
