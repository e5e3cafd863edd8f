package io.cameltogether.audio.client.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.RetryPolicy;

/**
 * One live transcription session over Together's realtime WebSocket, kept alive across dropped connections.
 *
 * <p>Audio is appended from any thread; each append becomes frames of at most {@link #MAX_APPEND_MILLIS} and
 * waits in a {@link ReplayBuffer} until a final transcript covers it. The connection is opened on first use; when
 * it drops (or closes with 4503, or the handshake meets a 429/5xx, or the server goes silent), the session
 * reconnects with jittered backoff and sends the uncovered audio again, so no speech is lost; transcripts whose
 * audio was already transcribed are not emitted twice. Auth and other fatal errors end the session at once.
 *
 * <p>All state lives on one Vert.x context; the public methods hop onto it.
 */
public final class RealtimeSession {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);
    static final int MAX_APPEND_MILLIS = 1000;
    private static final String TRANSCRIPTION = "conversation.item.input_audio_transcription.";
    private static final Set<String> RETRYABLE_CODES = Set.of("no_healthy_upstream", "no_healthy_workers");
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    /** The error code of speech lost to a drop: reported to the route, the session goes on. */
    public static final String AUDIO_GAP = "audio_gap";
    /** The close code for a connection that ended without a close frame (RFC 6455). */
    private static final int ABNORMAL_CLOSURE = 1006;

    private enum State { IDLE, CONNECTING, READY, WAITING_TO_RECONNECT, CLOSING, CLOSED, FAILED }

    private final String id;
    private final Vertx vertx;
    private final Context context;
    private final WebSocketClient sockets;
    private final RealtimeSettings settings;
    private final RealtimeSessionConfig config;
    private final RealtimeListener listener;
    private final ReplayBuffer buffer;
    private final RetryPolicy backoff;
    private final long maxUnsentBytes;
    private final int bytesPerSecond;
    private final List<List<TranscriptEvent>> collectors = new ArrayList<>();
    private final List<FinalWait> finalWaits = new ArrayList<>();
    private final AudioMetrics.SessionMetrics metrics;

    private State state = State.IDLE;
    private WebSocket socket;
    private int connection;
    private long connectionBase;
    private long droppedBeforeOutage;
    private final Set<String> itemsThisConnection = new HashSet<>();
    private double lastEmittedEnd;
    private int failedAttempts;
    private boolean connectedBefore;
    private boolean endAnnounced;
    private long firstFailureAt;
    private RealtimeException failure;
    private long lastServerEventAt;
    private long lastAppendAt;
    private long echoSentAt;
    private long watchdog = -1;
    private long createdTimer = -1;
    private volatile long lastActivity = System.nanoTime();
    private CompletableFuture<Void> closed;

    RealtimeSession(String id, Vertx vertx, WebSocketClient sockets, RealtimeSettings settings,
                    RealtimeSessionConfig config, RealtimeListener listener, AudioMetrics metrics) {
        this.id = id;
        this.metrics = metrics.realtimeSessionOpened(config.model());
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.sockets = sockets;
        this.settings = settings;
        this.config = config;
        this.listener = listener;
        this.bytesPerSecond = config.format().bytesPerSecond();
        this.maxUnsentBytes = settings.replayBuffer().toMillis() * bytesPerSecond / 1000;
        this.buffer = new ReplayBuffer(maxUnsentBytes);
        this.backoff = new RetryPolicy(settings.reconnectBaseDelay(), MAX_BACKOFF);
    }

    public String id() {
        return id;
    }

    public RealtimeSessionConfig config() {
        return config;
    }

    /** Nanosecond timestamp of the last append or command, for idle closing. */
    long lastActivity() {
        return lastActivity;
    }

    /**
     * Appends PCM in the session's format. The future completes when the last frame is on the socket, which is the
     * back-pressure a fast source should wait on. It fails if the session has failed, or (without ending the
     * session) if more than the replay buffer's worth of audio is already waiting for a connection.
     */
    public CompletableFuture<Void> append(byte[] pcm) {
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("PCM must be whole 16-bit samples, got " + pcm.length + " bytes");
        }
        lastActivity = System.nanoTime();
        int maxBytes = bytesPerSecond * MAX_APPEND_MILLIS / 1000;
        List<String> frames = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int from = 0; from < pcm.length; from += maxBytes) {
            int to = Math.min(pcm.length, from + maxBytes);
            frames.add(ReplayBuffer.appendFrame(pcm, from, to));
            lengths.add(to - from);
        }
        CompletableFuture<Void> last = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (rejectIfEnded(last)) {
                return;
            }
            if (buffer.unsentBytes() + pcm.length > maxUnsentBytes) {
                // memory stays bounded while the connection is down; the route's error handling can redeliver
                last.completeExceptionally(new RealtimeException(id, "audio is arriving faster than it can be sent: "
                        + buffer.unsentBytes() * 1000 / bytesPerSecond + " ms already wait for the connection", null,
                        null, 0, false, null));
                ensureConnected();
                return;
            }
            ReplayBuffer.Chunk chunk = null;
            for (int i = 0; i < frames.size(); i++) {
                chunk = buffer.add(lengths.get(i), frames.get(i));
            }
            if (chunk == null) {
                last.complete(null);
            } else {
                propagate(chunk.written, last);
            }
            lastAppendAt = System.nanoTime();
            metrics.audioStreamed((double) pcm.length / bytesPerSecond);
            ensureConnected();
            flush();
        });
        return last;
    }

    /** Asks the server to finish the turn now (required with turn detection off). */
    public CompletableFuture<Void> commit() {
        return command("{\"type\":\"input_audio_buffer.commit\"}");
    }

    /** Drops audio the server has buffered but not transcribed, and ours with it. */
    public CompletableFuture<Void> clear() {
        CompletableFuture<Void> done = command("{\"type\":\"input_audio_buffer.clear\"}");
        context.runOnContext(v -> buffer.coverUpTo(buffer.end()));
        return done;
    }

    /**
     * Commits, then completes with the collected final transcripts once the server has proved it has processed
     * everything appended (it answers an echo sent after the commit) and has then been quiet for
     * {@code finalTranscriptQuiet}. A server that never answers is treated as dead: the session reconnects,
     * replays, and asks again.
     */
    public CompletableFuture<List<TranscriptEvent>> commitAndAwaitFinal(List<TranscriptEvent> collected) {
        CompletableFuture<List<TranscriptEvent>> result = new CompletableFuture<>();
        lastActivity = System.nanoTime();
        context.runOnContext(v -> {
            if (rejectIfEnded(result)) {
                collectors.remove(collected);
                return;
            }
            FinalWait wait = new FinalWait(collected, result);
            finalWaits.add(wait);
            ensureConnected();
            askForFinal(wait);
            awaitFinal(wait);
        });
        return result;
    }

    /** Starts gathering this session's final transcripts, e.g. for one file streamed through it. */
    public List<TranscriptEvent> collectFinals() {
        List<TranscriptEvent> collected = java.util.Collections.synchronizedList(new ArrayList<>());
        context.runOnContext(v -> collectors.add(collected));
        return collected;
    }

    /** Commit, then an echo whose answer shows the server has handled everything before it. */
    private void askForFinal(FinalWait wait) {
        wait.echoId = null;
        wait.answeredAt = 0;
        if (state != State.READY || buffer.firstUnsent() != null) {
            return; // asked again once connected and replayed
        }
        wait.echoId = id + "-final-" + System.nanoTime();
        socket.writeTextMessage("{\"type\":\"input_audio_buffer.commit\"}");
        socket.writeTextMessage("{\"type\":\"echo\",\"echo_id\":\"" + wait.echoId + "\"}");
    }

    private void awaitFinal(FinalWait wait) {
        if (state == State.FAILED || state == State.CLOSED) {
            finalWaits.remove(wait);
            collectors.remove(wait.collected);
            wait.result.completeExceptionally(failure != null ? failure
                    : new RealtimeException(id, "the session is closed", null, null, 0, true, null));
            return;
        }
        if (state == State.READY && wait.echoId == null) {
            askForFinal(wait);
        }
        long quiet = settings.finalTranscriptQuiet().toNanos();
        if (wait.answeredAt > 0 && System.nanoTime() - Math.max(wait.answeredAt, lastServerEventAt) >= quiet) {
            finalWaits.remove(wait);
            collectors.remove(wait.collected);
            wait.result.complete(List.copyOf(wait.collected));
        } else {
            vertx.setTimer(Math.max(1, settings.finalTranscriptQuiet().toMillis() / 4), t -> awaitFinal(wait));
        }
    }

    private static final class FinalWait {
        final List<TranscriptEvent> collected;
        final CompletableFuture<List<TranscriptEvent>> result;
        String echoId;
        long answeredAt;

        FinalWait(List<TranscriptEvent> collected, CompletableFuture<List<TranscriptEvent>> result) {
            this.collected = collected;
            this.result = result;
        }
    }

    /** Commits what is left, waits for its transcript, and closes the socket with 1000. Idempotent. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (closed != null) {
                propagate(closed, done);
                return;
            }
            closed = done;
            if (state != State.READY || buffer.isEmpty()) {
                finishClose();
                return;
            }
            List<TranscriptEvent> last = new ArrayList<>();
            collectors.add(last);
            commitAndAwaitFinal(last).orTimeout(settings.finalTranscriptQuiet().toMillis() * 4 + 10_000,
                    java.util.concurrent.TimeUnit.MILLISECONDS)
                    .whenComplete((events, e) -> context.runOnContext(x -> finishClose()));
        });
        return done;
    }

    private void finishClose() {
        boolean wasFailed = state == State.FAILED;
        state = State.CLOSING;
        cancelTimers();
        if (socket != null && !socket.isClosed()) {
            socket.close((short) 1000, "client closed the session");
        }
        state = wasFailed ? State.FAILED : State.CLOSED;
        buffer.failAll(new RealtimeException(id, "the session is closed", null, null, 0, true, null));
        ended("closed by the client");
        closed.complete(null);
    }

    private CompletableFuture<Void> command(String frame) {
        lastActivity = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (rejectIfEnded(done)) {
                return;
            }
            ensureConnected();
            whenReady(() -> propagate(socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture(), done),
                    done);
        });
        return done;
    }

    /** Runs the action once connected and replayed; fails the future if the session fails first. */
    private void whenReady(Runnable action, CompletableFuture<Void> done) {
        if (state == State.READY && buffer.firstUnsent() == null) {
            action.run();
        } else if (state == State.FAILED || state == State.CLOSED) {
            rejectIfEnded(done);
        } else {
            vertx.setTimer(5, t -> whenReady(action, done));
        }
    }

    private boolean rejectIfEnded(CompletableFuture<?> future) {
        if (state == State.FAILED) {
            future.completeExceptionally(failure);
            return true;
        }
        if (state == State.CLOSED || state == State.CLOSING || closed != null && state != State.READY) {
            future.completeExceptionally(new RealtimeException(id, "the session is closed", null, null, 0, true, null));
            return true;
        }
        return false;
    }

    private void ensureConnected() {
        if (state == State.IDLE) {
            connect();
        }
    }

    private void connect() {
        state = State.CONNECTING;
        int attempt = ++connection;
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(settings.webSocketUri(config).toString())
                .setConnectTimeout(settings.connectTimeout().toMillis())
                .addHeader("Authorization", settings.apiKey().bearerHeaderValue())
                .addHeader("OpenAI-Beta", "realtime=v1");
        sockets.connect(options).onComplete(ar -> {
            if (attempt != connection || state != State.CONNECTING) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                connectionFailed(ar.cause());
                return;
            }
            opened(ar.result(), attempt);
        });
    }

    private void opened(WebSocket ws, int attempt) {
        socket = ws;
        itemsThisConnection.clear();
        lastServerEventAt = System.nanoTime();
        ws.textMessageHandler(text -> {
            if (attempt == connection) {
                onServerEvent(text);
            }
        });
        ws.exceptionHandler(e -> LOG.debug("realtime session '{}': socket error {}", id, e.toString()));
        ws.closeHandler(v -> {
            if (attempt == connection) {
                onSocketClosed(ws.closeStatusCode(), ws.closeReason());
            }
        });
        ws.drainHandler(v -> flush());
        createdTimer = vertx.setTimer(settings.sessionCreatedTimeout().toMillis(), t -> {
            if (attempt == connection && state == State.CONNECTING) {
                dropConnection(); // its close is not a second failure
                retryOrFail(new RealtimeException(id, "no session.created within "
                        + settings.sessionCreatedTimeout().toMillis() + " ms (sessionCreatedTimeout)", null, null, 0,
                        false, null));
            }
        });
    }

    private void onServerEvent(String text) {
        lastServerEventAt = System.nanoTime();
        echoSentAt = 0;
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            LOG.debug("realtime session '{}': ignoring a frame that is not JSON", id);
            return;
        }
        String type = event.path("type").asText();
        switch (type) {
            case "session.created" -> sessionCreated(event.path("session").path("id").textValue());
            case TRANSCRIPTION + "delta" -> emit(event, false);
            case TRANSCRIPTION + "completed" -> emit(event, true);
            case TRANSCRIPTION + "failed" -> failedEvent(event);
            case "error" -> errorEvent(event);
            case "echo.response" -> echoAnswered(event.path("echo_id").asText());
            default -> LOG.trace("realtime session '{}': {}", id, type);
        }
    }

    private void sessionCreated(String serverSessionId) {
        if (state != State.CONNECTING) {
            return;
        }
        vertx.cancelTimer(createdTimer);
        socket.writeTextMessage(config.sessionUpdate());
        state = State.READY;
        buffer.markAllUnsent();
        connectionBase = buffer.start();
        finalWaits.forEach(w -> w.echoId = null); // asked again on this connection once the replay is out
        if (!connectedBefore || failedAttempts == 0) {
            // the first connection, or a new one for new audio after the server closed an idle one cleanly
            connectedBefore = true;
            listener.onSessionEvent(SessionEvent.opened(id, serverSessionId));
        } else {
            long replayedMillis = (buffer.end() - connectionBase) * 1000 / bytesPerSecond;
            metrics.reconnected();
            LOG.info("realtime session '{}' reconnected; replaying {} ms of audio not yet transcribed", id,
                    replayedMillis);
            listener.onSessionEvent(SessionEvent.reconnected(id, serverSessionId, replayedMillis));
            long unreplayable = buffer.droppedBytes() - droppedBeforeOutage;
            if (unreplayable > 0) {
                long lostMillis = unreplayable * 1000 / bytesPerSecond;
                listener.onSessionEvent(SessionEvent.audioGap(id, lostMillis));
                listener.onError(new RealtimeException(id, lostMillis + " ms of audio sent on the lost connection "
                        + "could not be replayed: it had left the replay buffer (replayBufferDuration) before a "
                        + "transcript covered it", AUDIO_GAP, null, 0, false, null));
            }
        }
        droppedBeforeOutage = buffer.droppedBytes();
        if (watchdog < 0) {
            watchdog = vertx.setPeriodic(1000, t -> watch());
        }
        flush();
    }

    /** Writes unsent frames in order while the socket takes them; the drain handler resumes. */
    private void flush() {
        if (state != State.READY) {
            return;
        }
        for (ReplayBuffer.Chunk chunk = buffer.firstUnsent(); chunk != null; chunk = buffer.firstUnsent()) {
            if (socket.writeQueueFull()) {
                return;
            }
            buffer.markSent(chunk);
            ReplayBuffer.Chunk written = chunk;
            socket.writeTextMessage(chunk.frame).onComplete(ar -> {
                if (ar.succeeded()) {
                    written.written.complete(null);
                }
            });
        }
    }

    private void emit(JsonNode event, boolean isFinal) {
        String itemId = event.hasNonNull("item_id") ? event.get("item_id").asText() : null;
        String text = event.has(isFinal ? "transcript" : "delta")
                ? event.get(isFinal ? "transcript" : "delta").asText() : event.path("transcript").asText("");
        Double start = event.hasNonNull("start") ? event.get("start").asDouble() : null;
        Double duration = event.hasNonNull("duration") ? event.get("duration").asDouble() : null;
        Double absoluteStart = start == null ? null : (double) connectionBase / bytesPerSecond + start;
        if (isFinal) {
            failedAttempts = 0;
            if (itemId != null && !itemsThisConnection.add(itemId)) {
                return;
            }
            if (absoluteStart != null && duration != null) {
                double end = absoluteStart + duration;
                buffer.coverUpTo(connectionBase + Math.round(((start + duration) * bytesPerSecond) / 2) * 2);
                if (absoluteStart + duration / 2 < lastEmittedEnd) {
                    LOG.debug("realtime session '{}': dropping a replayed transcript already emitted", id);
                    return;
                }
                lastEmittedEnd = Math.max(lastEmittedEnd, end);
            }
        }
        TranscriptEvent transcript = new TranscriptEvent(id, itemId, text, absoluteStart, duration, isFinal,
                event.path("type").asText());
        if (isFinal) {
            collectors.forEach(c -> c.add(transcript));
        }
        listener.onTranscript(transcript);
    }

    private void echoAnswered(String echoId) {
        long now = System.nanoTime();
        finalWaits.stream().filter(w -> echoId.equals(w.echoId)).forEach(w -> w.answeredAt = now);
    }

    private void failedEvent(JsonNode event) {
        RealtimeException error = errorOf(event, !event.hasNonNull("event_type"));
        if (!error.isFatal()) {
            listener.onError(error);
        } else if (RETRYABLE_CODES.contains(error.getCode())) {
            dropConnection();
            retryOrFail(error);
        } else {
            fail(error);
        }
    }

    private void errorEvent(JsonNode event) {
        RealtimeException error = errorOf(event, false);
        if ("invalid_api_key".equals(error.getCode()) || "model_not_available".equals(error.getCode())
                || "model_not_accessible".equals(error.getCode())) {
            fail(errorOf(event, true));
        } else if (!"idle_timeout".equals(error.getCode())) {
            listener.onError(error);
        }
    }

    private RealtimeException errorOf(JsonNode event, boolean fatal) {
        JsonNode error = event.path("error");
        String message = error.path("message").asText(event.path("message").asText("unknown error"));
        return new RealtimeException(id, message, error.path("code").asText(null), error.path("type").asText(null),
                0, fatal, null);
    }

    private void onSocketClosed(Short code, String reason) {
        if (state == State.CLOSING || state == State.CLOSED || state == State.FAILED) {
            return;
        }
        int closeCode = code == null ? ABNORMAL_CLOSURE : code;
        if (closeCode == 1000 && buffer.isEmpty()) {
            // e.g. the server's idle timeout: nothing is waiting for a transcript, so reconnect only for new audio
            LOG.debug("realtime session '{}': server closed the connection ({}); reconnecting on the next audio", id,
                    reason);
            state = State.IDLE;
            return;
        }
        boolean retryable = closeCode == 1000 || closeCode == 1001 || closeCode == ABNORMAL_CLOSURE
                || closeCode >= 1011 && closeCode <= 1014 || closeCode == 4503
                || reason != null && RETRYABLE_CODES.contains(reason);
        RealtimeException error = new RealtimeException(id, "connection closed with " + closeCode
                + (code == null ? " (abnormal closure: no close frame)" : reason == null || reason.isEmpty() ? ""
                : " " + reason), reason, null, closeCode, !retryable, null);
        if (retryable) {
            retryOrFail(error);
        } else {
            fail(error);
        }
    }

    private void connectionFailed(Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected) {
            int status = rejected.getStatus();
            String body = rejected.getBody() == null ? "" : rejected.getBody().toString();
            RealtimeException error = handshakeError(status, body, cause);
            if (status == 429 || status >= 500) {
                retryOrFail(error, rejected.getHeaders());
            } else {
                fail(error);
            }
        } else {
            retryOrFail(new RealtimeException(id, "cannot connect: " + cause.getMessage(), null, null, 0, false, cause));
        }
    }

    private RealtimeException handshakeError(int status, String body, Throwable cause) {
        String code = null;
        String message = "handshake refused with HTTP " + status;
        try {
            JsonNode error = Json.MAPPER.readTree(body).path("error");
            code = error.path("code").asText(null);
            message += ": " + error.path("message").asText("");
        } catch (Exception notJson) {
            // the status says enough
        }
        return new RealtimeException(id, message, code, null, 0, !(status == 429 || status >= 500), cause);
    }

    private void retryOrFail(RealtimeException error) {
        retryOrFail(error, null);
    }

    /** @param answer the refused handshake's headers, whose Retry-After (or retry-after-ms) the delay honours */
    private void retryOrFail(RealtimeException error, MultiMap answer) {
        if (state == State.CLOSING || state == State.CLOSED || state == State.FAILED) {
            return;
        }
        long now = System.nanoTime();
        if (failedAttempts++ == 0) {
            firstFailureAt = now;
        }
        if (failedAttempts > settings.reconnectAttempts()
                || now - firstFailureAt > settings.reconnectMaxTime().toNanos()) {
            fail(new RealtimeException(id, "gave up after " + (failedAttempts - 1) + " reconnection attempts: "
                    + error.getDetail(), error.getCode(), error.getType(), error.getCloseCode(), true, error));
            return;
        }
        long delay = Math.max(1, backoff.delay(failedAttempts, answer == null ? null : answer.get("retry-after-ms"),
                answer == null ? null : answer.get("retry-after")).toMillis());
        LOG.warn("{}; reconnecting in {} ms (attempt {} of {})", error.getMessage(), delay, failedAttempts,
                settings.reconnectAttempts());
        listener.onSessionEvent(SessionEvent.reconnecting(id, failedAttempts, delay, error.getDetail()));
        state = State.WAITING_TO_RECONNECT;
        vertx.setTimer(delay, t -> {
            if (state == State.WAITING_TO_RECONNECT) {
                connect();
            }
        });
    }

    private void fail(RealtimeException error) {
        if (state == State.FAILED || state == State.CLOSED) {
            return;
        }
        failure = error.isFatal() ? error
                : new RealtimeException(id, error.getMessage(), error.getCode(), error.getType(), error.getCloseCode(),
                true, error.getCause());
        state = State.FAILED;
        cancelTimers();
        dropConnection();
        buffer.failAll(failure);
        listener.onError(failure);
        ended(failure.getDetail());
    }

    /** Announces the end once: a failed session may be closed again. */
    private void ended(String reason) {
        if (endAnnounced) {
            return;
        }
        endAnnounced = true;
        metrics.ended();
        listener.onSessionEvent(SessionEvent.closed(id, reason));
        listener.onClosed(id);
    }

    private void dropConnection() {
        connection++; // events from the old socket are ignored from now on
        if (socket != null && !socket.isClosed()) {
            socket.close();
        }
    }

    /**
     * Every second: probe a server that is silent while audio flows or a final transcript is awaited, and keep an
     * idle session from timing out.
     */
    private void watch() {
        if (state != State.READY) {
            return;
        }
        long now = System.nanoTime();
        long silence = settings.serverSilenceTimeout().toNanos();
        boolean expectingAnswers = now - lastAppendAt < silence || !finalWaits.isEmpty();
        if (expectingAnswers && now - lastServerEventAt > silence / 2) {
            if (echoSentAt == 0) {
                echoSentAt = now;
                socket.writeTextMessage("{\"type\":\"echo\",\"echo_id\":\"" + id + "-" + now + "\"}");
            } else if (now - echoSentAt > silence / 2) {
                dropConnection();
                retryOrFail(new RealtimeException(id, "no answer from the server for "
                        + settings.serverSilenceTimeout().toMillis() + " ms (serverSilenceTimeout) while audio was "
                        + "flowing", null, null, 0, false, null));
            }
        }
        if (now - lastAppendAt > settings.keepAliveAfter().toNanos()) {
            append(new byte[bytesPerSecond / 10]); // 100 ms of silence
        }
    }

    private void cancelTimers() {
        if (watchdog >= 0) {
            vertx.cancelTimer(watchdog);
            watchdog = -1;
        }
        if (createdTimer >= 0) {
            vertx.cancelTimer(createdTimer);
        }
    }

    private static <T> void propagate(CompletableFuture<T> from, CompletableFuture<T> to) {
        from.whenComplete((value, error) -> {
            if (error != null) {
                to.completeExceptionally(error);
            } else {
                to.complete(value);
            }
        });
    }

    @Override
    public String toString() {
        return "RealtimeSession[" + id + ", " + state + "]";
    }
}
