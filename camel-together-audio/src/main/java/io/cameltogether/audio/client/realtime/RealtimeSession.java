package io.cameltogether.audio.client.realtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * One live transcription session over Together's realtime WebSocket, kept alive across dropped connections. Audio,
 * appended from any thread in frames of at most {@link #MAX_APPEND_MILLIS}, waits in the {@link AudioLedger} until a
 * final transcript covers it (by its timing fields, or else by a settled {@link Fences fence}). The
 * {@link SessionConnection} opens the socket on first use and reconnects when it drops; the uncovered audio and its
 * fences are then sent again, and the {@link TranscriptTimeline} keeps transcripts of replayed audio from being
 * emitted twice. All state lives on one Vert.x context; the public methods hop onto it.
 */
public final class RealtimeSession implements SessionConnection.Owner {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);
    static final int MAX_APPEND_MILLIS = 1000;

    private final String id;
    private final Vertx vertx;
    private final Context context;
    private final RealtimeSettings settings;
    private final RealtimeSessionConfig config;
    private final RealtimeListener listener;
    private final AudioMetrics.SessionMetrics metrics;
    private final SessionConnection connection;
    private final AudioLedger audio;
    private final int bytesPerSecond;
    private final List<List<TranscriptEvent>> collectors = new ArrayList<>();

    private long settleTimer = -1;
    private volatile long lastActivity = System.nanoTime();
    private CompletableFuture<Void> closed; // set once close() is called
    private boolean ended;
    private RealtimeException failure;

    RealtimeSession(String id, double streamStartSeconds, Vertx vertx, WebSocketClient sockets,
                    RealtimeSettings settings, RealtimeSessionConfig config, RealtimeListener listener,
                    AudioMetrics metrics) {
        this.id = id;
        this.metrics = metrics.realtimeSessionOpened(config.model());
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.settings = settings;
        this.config = config;
        this.listener = listener;
        this.connection = new SessionConnection(id, vertx, sockets, settings, config, listener, this);
        this.audio = new AudioLedger(id, config, settings, MAX_APPEND_MILLIS, streamStartSeconds,
                task -> context.runOnContext(v -> task.run()), () -> listener.delivered(id));
        this.bytesPerSecond = config.format().bytesPerSecond();
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
     * Appends PCM in the session's format, as a live source does. The future completes when the last frame is on
     * the socket. It fails if the session has failed, or (without ending the session) if more than the replay
     * buffer's worth of audio is already waiting for a connection. Sent audio beyond the replay buffer is let go
     * before a transcript covers it; if a drop then needs it, the gap is reported.
     */
    public CompletableFuture<Void> append(byte[] pcm) {
        return append(pcm, false, null);
    }

    /**
     * Appends PCM under flow control, for a source that can wait (a file at pace=fast): the future completes once
     * the audio is sent and the audio not yet covered by transcripts fits in the replay buffer, so a drop loses
     * nothing. With server turn detection the session commits a turn when the buffer fills, so it always moves on;
     * without it only commits cover audio, and this is the same as {@link #append(byte[])}.
     */
    public CompletableFuture<Void> appendCovered(byte[] pcm) {
        return append(pcm, audio.canFlowControl(), null);
    }

    /**
     * Appends PCM as {@link #append(byte[])} does, and completes {@code covered} once the session's audio up to its
     * end is covered by final transcripts the listener has delivered (or holds no speech); fails it if the session
     * fails or that audio is lost. Whoever keeps the audio elsewhere may let it go then.
     */
    public CompletableFuture<Void> append(byte[] pcm, CompletableFuture<Void> covered) {
        return append(pcm, false, covered);
    }

    private CompletableFuture<Void> append(byte[] pcm, boolean flowControlled, CompletableFuture<Void> covered) {
        if (pcm.length % 2 != 0) {
            throw new IllegalArgumentException("PCM must be whole 16-bit samples, got " + pcm.length + " bytes");
        }
        lastActivity = System.nanoTime();
        AudioLedger.Frames frames = audio.frames(pcm, flowControlled);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (covered != null) { // audio the session did not take is never covered
            done.whenComplete((v, e) -> Futures.failIfFailed(covered, e));
        }
        context.runOnContext(v -> {
            if (rejectIfEnded(done)) {
                return;
            }
            long waitingMillis = flowControlled ? -1 : audio.overrun(frames);
            if (waitingMillis >= 0) {
                // memory stays bounded while the connection is down; the route's error handling can redeliver
                done.completeExceptionally(RealtimeException.turnFailed(id, "audio is arriving faster than it can "
                        + "be sent: " + waitingMillis + " ms already wait for the connection", null, null));
                connection.open();
                return;
            }
            CompletableFuture<Void> written = audio.add(frames);
            if (covered != null) {
                audio.watchCoverage(frames, covered);
            }
            if (flowControlled) {
                written.whenComplete((x, e) -> context.runOnContext(y -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        audio.whenRoom(done);
                        audio.flush(connection);
                    }
                }));
            } else {
                Futures.propagate(written, done);
            }
            metrics.audioStreamed((double) pcm.length / bytesPerSecond);
            connection.open();
            audio.flush(connection);
        });
        return done;
    }

    /** Asks the server to finish the turn now (required with turn detection off); completes once that is sent. */
    public CompletableFuture<Void> commit() {
        return onContext(done -> {
            Futures.propagate(audio.fenceAtEnd().written, done);
            connection.open();
            audio.flush(connection);
        });
    }

    /** Drops audio the server has buffered but not transcribed, and ours with it. */
    public CompletableFuture<Void> clear() {
        return onContext(done -> {
            audio.clear();
            if (connection.isReady()) {
                Futures.propagate(connection.write(RealtimeProtocol.clear()).toCompletionStage().toCompletableFuture(), done);
            } else {
                done.complete(null); // a new connection has nothing to clear
            }
        });
    }

    /** Starts gathering this session's final transcripts, e.g. for one file streamed through it. */
    public List<TranscriptEvent> collectFinals() {
        List<TranscriptEvent> collected = Collections.synchronizedList(new ArrayList<>());
        context.runOnContext(v -> collectors.add(collected));
        return collected;
    }

    /** Stops gathering into a list that {@link #collectFinals()} started, e.g. when its audio could not be sent. */
    public void stopCollecting(List<TranscriptEvent> collected) {
        context.runOnContext(v -> collectors.remove(collected));
    }

    /**
     * Commits, then completes with the collected final transcripts once the commit's fence has settled: the server
     * has answered the echo sent after the commit and has since been quiet for {@code finalTranscriptQuiet}. A server
     * that never answers is treated as dead: the session reconnects, replays, and asks again.
     */
    public CompletableFuture<List<TranscriptEvent>> commitAndAwaitFinal(List<TranscriptEvent> collected) {
        CompletableFuture<List<TranscriptEvent>> result = new CompletableFuture<>();
        lastActivity = System.nanoTime();
        context.runOnContext(v -> {
            if (rejectIfEnded(result)) {
                collectors.remove(collected);
                return;
            }
            awaitFinal(collected, result);
        });
        return result;
    }

    private void awaitFinal(List<TranscriptEvent> collected, CompletableFuture<List<TranscriptEvent>> result) {
        audio.fenceAtEnd().settled.whenComplete((x, e) -> {
            collectors.remove(collected);
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(List.copyOf(collected));
            }
        });
        connection.open();
        audio.flush(connection);
    }

    /** Commits what is left, waits for its transcript, and closes the socket with 1000. Idempotent. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (closed != null) {
                Futures.propagate(closed, done);
                return;
            }
            closed = done;
            if (!connection.isReady() || !audio.awaitingServer()) {
                finishClose();
                return;
            }
            List<TranscriptEvent> last = new ArrayList<>();
            collectors.add(last);
            CompletableFuture<List<TranscriptEvent>> transcribed = new CompletableFuture<>();
            awaitFinal(last, transcribed);
            transcribed.orTimeout(settings.finalTranscriptQuiet().toMillis() * 4 + 10_000, TimeUnit.MILLISECONDS)
                    .whenComplete((events, e) -> context.runOnContext(x -> finishClose()));
        });
        return done;
    }

    private void finishClose() {
        connection.close();
        cancelSettleTimer();
        audio.failAll(RealtimeException.closed(id));
        end("closed by the client");
        closed.complete(null);
    }

    /** Runs the action on the session's context unless the session has ended. */
    private CompletableFuture<Void> onContext(Consumer<CompletableFuture<Void>> action) {
        lastActivity = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (!rejectIfEnded(done)) {
                action.accept(done);
            }
        });
        return done;
    }

    /** Fails the future if the session has failed, has closed, or is closing without a connection. */
    private boolean rejectIfEnded(CompletableFuture<?> future) {
        if (failure != null) {
            future.completeExceptionally(failure);
            return true;
        }
        if (ended || closed != null && !connection.isReady()) {
            future.completeExceptionally(RealtimeException.closed(id));
            return true;
        }
        return false;
    }

    @Override
    public void ready(String serverSessionId, boolean reconnected) {
        long replayedMillis = audio.connected();
        long lostMillis = audio.unreplayableMillis();
        if (!reconnected) {
            // the first connection, or a new one for new audio after the server closed an idle one cleanly
            listener.onSessionEvent(SessionEvent.opened(id, serverSessionId));
        } else {
            metrics.reconnected();
            LOG.info("realtime session '{}' reconnected; replaying {} ms of audio not yet transcribed", id,
                    replayedMillis);
            listener.onSessionEvent(SessionEvent.reconnected(id, serverSessionId, replayedMillis));
            if (lostMillis > 0) {
                listener.onSessionEvent(SessionEvent.audioGap(id, lostMillis));
                listener.onError(RealtimeException.audioGap(id, lostMillis));
            }
        }
        audio.flush(connection);
    }

    @Override
    public void event(ServerEvent event, long now) {
        switch (event.type()) {
            case RealtimeProtocol.DELTA -> partial(event, now);
            case RealtimeProtocol.COMPLETED -> completed(event, now);
            case RealtimeProtocol.FAILED, "error" -> serverFailure(RealtimeFailures.ofEvent(id, event), now);
            case "echo.response" -> {
                connection.worked(); // the server answers: a later drop starts a new run of attempts
                if (audio.echoAnswered(event.echoId(), now)) {
                    scheduleSettle();
                }
            }
            default -> {
                if (RealtimeProtocol.TURN_EVENTS.contains(event.type())) {
                    listener.onTurnEvent(new TurnEvent(id, event.type(), event.itemId(), event.text()));
                } else {
                    LOG.trace("realtime session '{}': {}", id, event.type());
                }
            }
        }
    }

    @Override
    public boolean awaitingServer() {
        return audio.awaitingServer();
    }

    @Override
    public void drained() {
        audio.flush(connection);
    }

    @Override
    public void idle() {
        long active = lastActivity;
        append(new byte[bytesPerSecond / 10]); // 100 ms of silence, which does not keep the session from idling
        lastActivity = active;
    }

    @Override
    public void failed(RealtimeException error) {
        if (ended) {
            return;
        }
        failure = error;
        connection.abandon();
        cancelSettleTimer();
        audio.failAll(failure);
        listener.onError(failure);
        end(failure.getDetail());
    }

    private void completed(ServerEvent event, long now) {
        connection.worked();
        TranscriptTimeline.Placement placement = audio.finalArrived(event, now);
        scheduleSettle();
        if (!placement.emit()) {
            LOG.debug("realtime session '{}': dropping a replayed transcript already emitted", id);
            return;
        }
        TranscriptEvent transcript = new TranscriptEvent(id, event.itemId(), event.text(), placement.start(),
                event.duration(), true, event.type());
        collectors.forEach(c -> c.add(transcript));
        listener.onTranscript(transcript);
    }

    private void partial(ServerEvent event, long now) {
        boolean fresh = audio.partialArrived(now);
        scheduleSettle();
        if (fresh) {
            listener.onTranscript(new TranscriptEvent(id, event.itemId(), event.text(), audio.sessionStart(event),
                    event.duration(), false, event.type()));
        }
    }

    /** One timer, moved by each event, settles the oldest fence once the server has been quiet long enough. */
    private void scheduleSettle() {
        cancelSettleTimer();
        long wait = audio.nanosUntilSettle(System.nanoTime());
        if (wait >= 0) {
            settleTimer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1), t -> {
                settleTimer = -1;
                audio.settle(System.nanoTime());
                audio.flush(connection); // room made for a waiting sender may need a new fence sent
                scheduleSettle();
            });
        }
    }

    private void cancelSettleTimer() {
        if (settleTimer >= 0) {
            vertx.cancelTimer(settleTimer);
            settleTimer = -1;
        }
    }

    private void serverFailure(RealtimeFailures.Failure failure, long now) {
        switch (failure.action()) {
            case REPORT -> {
                audio.turnFailed(now, failure.error()); // its fence need not wait for a final that will not come
                scheduleSettle();
                listener.onError(failure.error());
            }
            case RECONNECT -> connection.reconnect(failure.error());
            case END -> failed(failure.error());
            default -> LOG.debug("{}", failure.error().getMessage());
        }
    }

    /** Announces the end once: a failed session may be closed again. */
    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        metrics.ended();
        listener.onSessionEvent(SessionEvent.closed(id, reason));
        listener.onClosed(id);
    }
}
