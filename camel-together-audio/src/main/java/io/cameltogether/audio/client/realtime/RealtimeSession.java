package io.cameltogether.audio.client.realtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * One live transcription session over Together's realtime WebSocket, kept alive across dropped connections. Audio,
 * appended from any thread in frames of at most {@link #MAX_APPEND_MILLIS}, waits in the {@link AudioLedger} until
 * the server's {@code processed} watermark or a settled {@link Fences fence} says its transcripts are in. The
 * {@link SessionConnection} opens the socket on first use and reconnects when it drops; the uncovered audio and its
 * fences are then sent again, and the {@link TranscriptTimeline} keeps transcripts of replayed audio from being
 * emitted twice. Transcripts are placed in the audio by the component's own measure ({@link SpeechPositions}). All
 * state lives on one Vert.x context; the public methods hop onto it, and only the session writes to the socket.
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
    private final TranscriptReporter reports;
    private final ServerEventHandler events;

    private volatile long lastActivity = System.nanoTime();
    private CompletableFuture<Void> closed; // set once close() is called
    private boolean ended;
    private int clears;
    private RealtimeException failure;

    /** @param streamStartSeconds where in a longer stream (a call) the session's audio starts */
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
        this.audio = new AudioLedger(id, config, settings, MAX_APPEND_MILLIS,
                task -> context.runOnContext(v -> task.run()), () -> listener.delivered(id));
        this.bytesPerSecond = config.format().bytesPerSecond();
        this.reports = new TranscriptReporter(id, streamStartSeconds, bytesPerSecond, listener, this.metrics,
                audio::withinConnection);
        this.events = new ServerEventHandler(id, vertx, settings, audio, connection, reports, listener, this::pump,
                this::failed);
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
            throw new AudioValidationException("PCM must be whole 16-bit samples, got " + pcm.length + " bytes");
        }
        lastActivity = System.nanoTime();
        return append(audio.frames(pcm, flowControlled), flowControlled, covered);
    }

    private CompletableFuture<Void> append(AudioLedger.Frames frames, boolean flowControlled,
                                           CompletableFuture<Void> covered) {
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
                        pump();
                    }
                }));
            } else {
                Futures.propagate(written, done);
            }
            metrics.audioStreamed((double) frames.length() / bytesPerSecond);
            connection.open();
            pump();
        });
        return done;
    }

    /** Asks the server to finish the turn now (required with turn detection off); completes once that is sent. */
    public CompletableFuture<Void> commit() {
        return onContext(done -> {
            Futures.propagate(audio.fenceAtEnd().written, done);
            connection.open();
            pump();
        });
    }

    /**
     * Drops audio the server has buffered but not transcribed, and ours with it. Finals the server sends before it
     * has handled the clear are of that audio, whose watches failed: they are dropped, not placed after the clear.
     */
    public CompletableFuture<Void> clear() {
        return onContext(done -> {
            if (connection.isReady()) {
                String echoId = "clear-" + ++clears; // the server's answer ends the finals of cleared audio
                audio.clear(echoId);
                connection.write(RealtimeProtocol.clear());
                Futures.propagate(connection.write(RealtimeProtocol.echo(echoId)).toCompletionStage()
                        .toCompletableFuture(), done);
            } else {
                audio.clear(null);
                done.complete(null); // a new connection has nothing to clear
            }
        });
    }

    /** Starts gathering this session's final transcripts, e.g. for one file streamed through it. */
    public List<TranscriptEvent> collectFinals() {
        List<TranscriptEvent> collected = Collections.synchronizedList(new ArrayList<>());
        context.runOnContext(v -> reports.collectInto(collected));
        return collected;
    }

    /** Stops gathering into a list that {@link #collectFinals()} started, e.g. when its audio could not be sent. */
    public void stopCollecting(List<TranscriptEvent> collected) {
        context.runOnContext(v -> reports.stopCollecting(collected));
    }

    /**
     * Commits, then completes with the collected final transcripts once the commit's fence has settled: the server's
     * watermark has passed it, or it has answered the echo sent after the commit and has since been quiet for
     * {@code finalTranscriptQuiet}. A server that never answers is treated as dead: the session reconnects,
     * replays, and asks again.
     */
    public CompletableFuture<List<TranscriptEvent>> commitAndAwaitFinal(List<TranscriptEvent> collected) {
        CompletableFuture<List<TranscriptEvent>> result = new CompletableFuture<>();
        lastActivity = System.nanoTime();
        context.runOnContext(v -> {
            if (rejectIfEnded(result)) {
                reports.stopCollecting(collected);
                return;
            }
            awaitFinal(collected, result);
        });
        return result;
    }

    private void awaitFinal(List<TranscriptEvent> collected, CompletableFuture<List<TranscriptEvent>> result) {
        audio.fenceAtEnd().settled.whenComplete((x, e) -> {
            reports.stopCollecting(collected);
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(List.copyOf(collected));
            }
        });
        connection.open();
        pump();
    }

    /**
     * Commits what is left, waits for its transcript, and closes the socket with 1000; after the server closed an
     * idle connection, opens one for that if speech is held. Idempotent.
     */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            if (closed != null) {
                Futures.propagate(closed, done);
                return;
            }
            closed = done;
            // speech held after the server closed an idle connection (it may have crossed the close) is sent first
            boolean speechWaits = connection.isIdle() && audio.holdsSpeech();
            if (!(connection.isReady() || speechWaits) || !audio.awaitingServer()) {
                finishClose();
                return;
            }
            List<TranscriptEvent> last = new ArrayList<>();
            reports.collectInto(last);
            CompletableFuture<List<TranscriptEvent>> transcribed = new CompletableFuture<>();
            awaitFinal(last, transcribed);
            transcribed.orTimeout(settings.finalTranscriptQuiet().toMillis() * 4 + 10_000, TimeUnit.MILLISECONDS)
                    .whenComplete((events, e) -> context.runOnContext(x -> finishClose()));
        });
        return done;
    }

    private void finishClose() {
        connection.close();
        events.stop();
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

    /** Writes what the ledger says is due, fences before the audio after them, while the socket takes frames. */
    private void pump() {
        if (!connection.isReady()) {
            return;
        }
        for (AudioLedger.Due due = audio.nextDue(); due != null; due = audio.nextDue()) {
            if (due.fence() != null) {
                Fences.Fence fence = due.fence();
                audio.sending(due);
                connection.write(RealtimeProtocol.commit());
                connection.write(RealtimeProtocol.echo(fence.echoId)).onSuccess(x -> fence.written.complete(null));
            } else if (connection.canWrite()) {
                ReplayBuffer.Chunk chunk = due.chunk();
                audio.sending(due);
                connection.write(chunk.frame).onSuccess(x -> chunk.written.complete(null));
            } else {
                return; // the drain handler resumes
            }
        }
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
        pump();
    }

    @Override
    public void event(ServerEvent event, long now) {
        events.handle(event, now);
        holdBackIfBacklogged();
    }

    /** The listener's backlog holds the socket's reading back, so events wait in the network, not the heap. */
    private void holdBackIfBacklogged() {
        CompletionStage<Void> backlog = listener.backlog(id);
        if (backlog != null) {
            connection.pauseReading();
            backlog.whenComplete((v, e) -> context.runOnContext(x -> {
                connection.resumeReading();
                events.readingResumed();
            }));
        }
    }

    @Override
    public boolean awaitingServer() {
        return audio.awaitingServer();
    }

    @Override
    public boolean awaitingTranscripts() {
        return audio.awaitingTranscripts();
    }

    @Override
    public void drained() {
        pump();
    }

    @Override
    public void watch(long now) {
        events.checkStalls(now);
    }

    /** 100 ms of silence; it does not keep the session from idling (lastActivity stays). */
    @Override
    public void keepAlive() {
        append(audio.keepAliveFrames(new byte[bytesPerSecond / 10]), false, null);
    }

    @Override
    public void failed(RealtimeException error) {
        if (ended) {
            return;
        }
        failure = error;
        connection.abandon();
        events.stop();
        audio.failAll(failure);
        listener.onError(failure);
        end(failure.getDetail());
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
