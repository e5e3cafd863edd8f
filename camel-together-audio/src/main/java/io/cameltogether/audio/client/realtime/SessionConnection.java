package io.cameltogether.audio.client.realtime;

import java.time.Duration;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.RetryPolicy;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * The WebSocket under one session, and its life: connect with the key in a header, wait for session.created, send
 * the session's settings, reconnect with the backoff batch requests use (honouring a refused handshake's
 * Retry-After) until the attempts or the time run out, fail over to the next fallback model when the endpoint
 * cannot serve this one, go idle when the server closed an idle connection, stop reading while the session's
 * listener has a backlog, and tell a dead server from a quiet one. Runs on the session's context; what the events
 * mean is the session's business.
 */
final class SessionConnection {

    /** What the session does with the connection's news. */
    interface Owner {
        /** session.created arrived: the connection is ready for the session's audio. */
        void ready(String serverSessionId, boolean reconnected);

        void event(ServerEvent event, long now);

        /** The connection cannot be had again: the session is over. */
        void failed(RealtimeException error);

        /** Whether anything waits for the server: then a clean close is not the end of the work. */
        boolean awaitingServer();

        /** The socket takes frames again. */
        void drained();

        /** Every second while connected: the session checks what it waits for. */
        void watch(long now);

        /** No audio for the keep-alive time: the session sends a little silence. */
        void keepAlive();

        /** Whether transcripts are owed: a commit sent has not been settled. */
        boolean awaitingTranscripts();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionConnection.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private enum State { IDLE, CONNECTING, READY, WAITING_TO_RECONNECT, CLOSED }

    private final String id;
    private final Vertx vertx;
    private final WebSocketClient sockets;
    private final RealtimeSettings settings;
    private final RealtimeSessionConfig config;
    private final RealtimeListener listener;
    private final Owner owner;
    private final RetryPolicy backoff;
    private final LivenessWatch liveness;

    private State state = State.IDLE;
    private WebSocket socket;
    private int attempt;
    private int failedAttempts;
    private int failOvers;
    private long firstFailureAt;
    private boolean connectedBefore;
    private boolean lost;
    private boolean paused;
    private long createdTimer = -1;
    private long watchdog = -1;

    SessionConnection(String id, Vertx vertx, WebSocketClient sockets, RealtimeSettings settings,
                      RealtimeSessionConfig config, RealtimeListener listener, Owner owner) {
        this.id = id;
        this.vertx = vertx;
        this.sockets = sockets;
        this.settings = settings;
        this.config = config;
        this.listener = listener;
        this.owner = owner;
        this.backoff = new RetryPolicy(settings.recovery().reconnectDelay(), MAX_BACKOFF);
        this.liveness = new LivenessWatch(settings.connection().serverSilenceTimeout(),
                settings.connection().keepAliveInterval());
    }

    boolean isReady() {
        return state == State.READY;
    }

    /** Whether a frame of audio may be written now: connected, and the socket's queue not full. */
    boolean canWrite() {
        return state == State.READY && !socket.writeQueueFull();
    }

    /** The model this connection transcribes with: the configured one, or a fallback after a fail-over. */
    String model() {
        return config.model(failOvers);
    }

    /** Connects unless connected, connecting, or waiting to reconnect. */
    void open() {
        if (state == State.IDLE) {
            connect();
        }
    }

    Future<Void> write(String frame) {
        liveness.audioSent(System.nanoTime());
        return socket.writeTextMessage(frame);
    }

    /** The server answers: a later failure starts a new run of attempts. */
    void worked() {
        failedAttempts = 0;
    }

    /** Stops reading the server's events until {@link #resumeReading()}: the listener has a backlog. */
    void pauseReading() {
        if (socket != null && !paused) {
            paused = true;
            socket.pause();
        }
    }

    void resumeReading() {
        if (paused) {
            paused = false;
            liveness.serverSpoke(System.nanoTime()); // its silence while paused was ours
            if (socket != null) {
                socket.resume();
            }
        }
    }

    /** Closes with 1000 for good. */
    void close() {
        state = State.CLOSED;
        cancelTimers();
        if (socket != null && !socket.isClosed()) {
            socket.close((short) 1000, "client closed the session");
        }
    }

    /** Drops the socket for good, after a fatal error. */
    void abandon() {
        state = State.CLOSED;
        cancelTimers();
        drop();
    }

    /** Drops the socket and reconnects after the backoff, or fails the session once the attempts have run out. */
    void reconnect(RealtimeException cause) {
        drop();
        retryOrFail(cause, null);
    }

    /** The endpoint cannot serve the model: reconnects at once with the next fallback model, or ends the session. */
    void failOver(RealtimeException cause) {
        drop();
        String next = config.model(failOvers + 1);
        if (next == null) {
            owner.failed(cause.asFatal("the endpoint cannot serve model " + model() + " (" + cause.getDetail() + ")"
                    + (config.fallbackModels().isEmpty() ? "; name models to fail over to in fallbackModels"
                    : "; every model in fallbackModels was tried")));
            return;
        }
        LOG.warn("realtime session '{}': the endpoint cannot serve model {} ({}); failing over to {}", id, model(),
                cause.getDetail(), next);
        failOvers++;
        lost = true;
        listener.onSessionEvent(SessionEvent.reconnecting(id, failedAttempts + 1, 0,
                "failing over to model " + next + ": " + cause.getDetail()));
        connect();
    }

    /**
     * The server closed the connection for want of audio: a new one opens when there is new audio. Unless transcripts
     * are owed (a commit crossed the close, or the "timeout" was not the idle one): then it is a lost connection.
     */
    void idled(RealtimeException cause) {
        drop();
        if (owner.awaitingTranscripts()) {
            retryOrFail(cause, null);
            return;
        }
        LOG.debug("realtime session '{}': the server closed the idle connection; reconnecting on the next audio", id);
        cancelTimers();
        state = State.IDLE;
    }

    /** Whether no connection is open or on its way: none yet, or the server closed an idle one. */
    boolean isIdle() {
        return state == State.IDLE;
    }

    /** Whether the server's events are held back (see {@link #pauseReading()}). */
    boolean isPaused() {
        return paused;
    }

    private void connect() {
        state = State.CONNECTING;
        int thisAttempt = ++attempt;
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(settings.webSocketUri(config, model()).toString())
                .setConnectTimeout(settings.connection().connectTimeout().toMillis())
                .addHeader("Authorization", settings.connection().apiKey().bearerHeaderValue())
                .addHeader("OpenAI-Beta", "realtime=v1");
        sockets.connect(options).onComplete(ar -> {
            if (thisAttempt != attempt || state != State.CONNECTING) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
            } else if (ar.failed()) {
                retryOrFail(RealtimeFailures.ofConnect(id, webSocketUrl(), ar.cause()),
                        RealtimeFailures.answerHeaders(ar.cause()));
            } else {
                opened(ar.result(), thisAttempt);
            }
        });
    }

    /** The URL connected to, without its query: what an error may name. */
    private String webSocketUrl() {
        String url = settings.webSocketUri(config, model()).toString();
        return url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
    }

    private void opened(WebSocket ws, int thisAttempt) {
        socket = ws;
        paused = false;
        liveness.serverSpoke(System.nanoTime());
        ws.textMessageHandler(text -> {
            if (thisAttempt == attempt) {
                onText(text);
            }
        });
        ws.exceptionHandler(e -> LOG.debug("realtime session '{}': socket error {}", id, e.toString()));
        ws.closeHandler(v -> {
            if (thisAttempt == attempt) {
                closedByServer(ws.closeStatusCode(), ws.closeReason());
            }
        });
        ws.drainHandler(v -> owner.drained());
        createdTimer = vertx.setTimer(settings.connection().sessionCreatedTimeout().toMillis(), t -> {
            if (thisAttempt == attempt && state == State.CONNECTING) {
                reconnect(RealtimeException.connectionFailed(id, "no session.created within "
                        + settings.connection().sessionCreatedTimeout().toMillis() + " ms (sessionCreatedTimeout)",
                        null, null));
            }
        });
    }

    private void onText(String text) {
        long now = System.nanoTime();
        liveness.serverSpoke(now);
        ServerEvent event = RealtimeProtocol.parse(text);
        if (event == null || event.type() == null) {
            LOG.debug("realtime session '{}': ignoring a frame that is not an event", id);
        } else if (event.type().equals("session.created")) {
            created(event.serverSessionId());
        } else if (state == State.READY || state == State.CONNECTING && isFailure(event)) {
            owner.event(event, now); // a server may refuse the session before it is created
        }
    }

    private static boolean isFailure(ServerEvent event) {
        return event.type().equals(RealtimeProtocol.FAILED) || event.type().equals("error");
    }

    private void created(String serverSessionId) {
        if (state != State.CONNECTING) {
            return;
        }
        vertx.cancelTimer(createdTimer);
        socket.writeTextMessage(config.sessionUpdate());
        state = State.READY;
        boolean reconnected = connectedBefore && lost;
        connectedBefore = true;
        lost = false;
        if (watchdog < 0) {
            watchdog = vertx.setPeriodic(1000, t -> watch());
        }
        owner.ready(serverSessionId, reconnected);
    }

    private void closedByServer(Short code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        if (Short.valueOf((short) 1000).equals(code) && !owner.awaitingServer()) {
            // nothing is waiting for a transcript: reconnect only for new audio
            LOG.debug("realtime session '{}': server closed the connection ({}); reconnecting on the next audio", id,
                    reason);
            idled(RealtimeFailures.ofClose(id, code, reason));
            return;
        }
        retryOrFail(RealtimeFailures.ofClose(id, code, reason), null);
    }

    /** @param answer a refused handshake's headers, whose Retry-After (or retry-after-ms) the delay honours */
    private void retryOrFail(RealtimeException error, MultiMap answer) {
        if (state == State.CLOSED) {
            return;
        }
        if (error.isFatal()) {
            owner.failed(error);
            return;
        }
        lost = true;
        long now = System.nanoTime();
        if (failedAttempts++ == 0) {
            firstFailureAt = now;
        }
        if (failedAttempts > settings.recovery().reconnectAttempts()
                || now - firstFailureAt > settings.recovery().reconnectMaxTime().toNanos()) {
            owner.failed(error.asFatal("gave up after " + (failedAttempts - 1) + " reconnection attempts: "
                    + error.getDetail()));
            return;
        }
        long delay = Math.max(1, backoff.delay(failedAttempts, answer == null ? null : answer.get("retry-after-ms"),
                answer == null ? null : answer.get("retry-after")).toMillis());
        LOG.warn("{}; reconnecting in {} ms (attempt {} of {})", error.getMessage(), delay, failedAttempts,
                settings.recovery().reconnectAttempts());
        listener.onSessionEvent(SessionEvent.reconnecting(id, failedAttempts, delay, error.getDetail()));
        state = State.WAITING_TO_RECONNECT;
        vertx.setTimer(delay, t -> {
            if (state == State.WAITING_TO_RECONNECT) {
                connect();
            }
        });
    }

    private void drop() {
        attempt++; // events from the old socket are ignored from now on
        paused = false;
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }

    /** Every second: probe a server that is silent while answers are due; keep an idle session open. */
    private void watch() {
        if (state != State.READY || paused) {
            return;
        }
        long now = System.nanoTime();
        switch (liveness.check(now, owner.awaitingServer())) {
            case PROBE -> socket.writeTextMessage(RealtimeProtocol.echo(id + "-probe-" + now));
            case DEAD -> reconnect(RealtimeException.connectionFailed(id, "no answer from the server for "
                    + settings.connection().serverSilenceTimeout().toMillis() + " ms (serverSilenceTimeout) while "
                    + "audio was flowing", null, null));
            default -> { }
        }
        if (state == State.READY) {
            owner.watch(now);
        }
        if (state == State.READY && liveness.keepAliveDue(now)) {
            owner.keepAlive();
        }
    }

    private void cancelTimers() {
        if (watchdog >= 0) {
            vertx.cancelTimer(watchdog);
            watchdog = -1;
        }
        if (createdTimer >= 0) {
            vertx.cancelTimer(createdTimer);
            createdTimer = -1;
        }
    }
}
