package io.cameltogether.audio.client.realtime;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * What a session does with each server event: transcripts placed and reported (replays dropped), the watermark and
 * echo answers turned into coverage, failures acted on as {@link RealtimeFailures} classifies them; and, every
 * second, a turn the server leaves open checked against the stall bound. Owns the timer that settles fences once
 * the server has been quiet. Used on the session's context only.
 */
final class ServerEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ServerEventHandler.class);

    private final String sessionId;
    private final Vertx vertx;
    private final RealtimeSettings settings;
    private final AudioLedger audio;
    private final SessionConnection connection;
    private final TranscriptReporter reports;
    private final RealtimeListener listener;
    private final Runnable pump;
    private final Consumer<RealtimeException> endSession;
    private long settleTimer = -1;

    /**
     * @param pump       writes what is due, after an event made room or placed a fence
     * @param endSession ends the session with a fatal error
     */
    ServerEventHandler(String sessionId, Vertx vertx, RealtimeSettings settings, AudioLedger audio,
                       SessionConnection connection, TranscriptReporter reports, RealtimeListener listener,
                       Runnable pump, Consumer<RealtimeException> endSession) {
        this.sessionId = sessionId;
        this.vertx = vertx;
        this.settings = settings;
        this.audio = audio;
        this.connection = connection;
        this.reports = reports;
        this.listener = listener;
        this.pump = pump;
        this.endSession = endSession;
    }

    void handle(ServerEvent event, long now) {
        switch (event.type()) {
            case RealtimeProtocol.DELTA -> partial(event, now);
            case RealtimeProtocol.COMPLETED -> completed(event, now);
            case RealtimeProtocol.PROCESSED -> processed(event);
            case RealtimeProtocol.FAILED, "error" -> failure(event, RealtimeFailures.ofEvent(sessionId, event), now);
            case "echo.response" -> echoAnswered(event, now);
            default -> {
                if (RealtimeProtocol.TURN_EVENTS.contains(event.type())) {
                    if (!audio.ofClearedAudio(event.itemId())) {
                        reports.turn(event);
                    }
                } else {
                    LOG.trace("realtime session '{}': {}", sessionId, event.type());
                }
            }
        }
        if (event.ignoredValues() > 0) {
            reports.ignored(event.ignoredValues(), event.type());
        }
    }

    private void completed(ServerEvent event, long now) {
        connection.worked();
        AudioLedger.Placement placement = audio.finalArrived(event, now);
        scheduleSettle();
        if (!placement.emit()) {
            LOG.debug("realtime session '{}': dropping a transcript of a replay already emitted or of cleared audio",
                    sessionId);
            return;
        }
        reports.finalTranscript(event, placement.span());
    }

    private void partial(ServerEvent event, long now) {
        long start = audio.partialArrived(event.itemId(), now);
        scheduleSettle();
        if (start >= 0) {
            reports.partial(event, start);
        }
    }

    private void processed(ServerEvent event) {
        if (event.processedMs() != null && !audio.processed(event.processedMs())) {
            reports.ignored(1, event.type()); // beyond the audio sent, or going back
        }
        pump.run(); // room made for a waiting sender may need a new fence sent
    }

    private void echoAnswered(ServerEvent event, long now) {
        connection.worked(); // the server answers: a later drop starts a new run of attempts
        if (audio.echoAnswered(event.echoId(), now)) {
            scheduleSettle();
        }
    }

    private void failure(ServerEvent event, RealtimeFailures.Failure failure, long now) {
        switch (failure.action()) {
            case REPORT -> {
                // its fence need not wait for a final that will not come
                boolean ofThisAudio = audio.turnFailed(event.itemId(), now, failure.error());
                if (ofThisAudio) {
                    scheduleSettle();
                }
                if (ofThisAudio || !RealtimeProtocol.FAILED.equals(event.type())) {
                    listener.onError(failure.error()); // an error event is the server's answer, cleared or not
                } else {
                    LOG.debug("realtime session '{}': a turn of cleared audio failed", sessionId);
                }
            }
            case RECONNECT -> connection.reconnect(failure.error());
            case FAIL_OVER -> connection.failOver(failure.error());
            case IDLE -> connection.idled(failure.error());
            case END -> endSession.accept(failure.error());
            default -> LOG.debug("{}", failure.error().getMessage());
        }
    }

    /**
     * A commit the server leaves waiting longer than the stall bound (its echo unanswered, or its turn never
     * finished) is sent again on a new connection; if it stalls again, its audio is given up (the route hears of it)
     * and the session goes on.
     */
    void checkStalls(long now) {
        Fences.Fence stalled = audio.stalled(now);
        if (stalled == null) {
            return;
        }
        String bound = settings.connection().serverSilenceTimeout().toMillis() + " ms (serverSilenceTimeout)";
        RealtimeException error = RealtimeException.turnFailed(sessionId, stalled.answeredAt == 0
                ? "the server did not answer the echo after the commit at " + audio.millis(stalled.offset)
                + " ms of the session's audio within " + bound
                : "no final transcript for the turn open at " + audio.millis(stalled.offset) + " ms of the session's "
                + "audio came within " + bound + " of its commit", RealtimeException.TURN_STALLED, null);
        if (stalled.stalls++ == 0) {
            LOG.warn("{}; reconnecting to send it again", error.getMessage());
            connection.reconnect(error);
            return;
        }
        LOG.warn("{}, again after a reconnect: its audio will have no transcript", error.getMessage());
        audio.abandonTurns(stalled, error);
        listener.onError(error);
        scheduleSettle();
        pump.run();
    }

    /** The session reads the server's events again: quiet counts from now, and fences may settle again. */
    void readingResumed() {
        audio.readingResumed(System.nanoTime());
        scheduleSettle();
    }

    /**
     * One timer, moved by each event, settles the oldest fence once the server has been quiet long enough. Not while
     * the server's events are held back: that quiet is the session's, not the server's.
     */
    private void scheduleSettle() {
        stop();
        long wait = audio.nanosUntilSettle(System.nanoTime());
        if (wait >= 0 && !connection.isPaused()) {
            settleTimer = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1), t -> {
                settleTimer = -1;
                if (connection.isPaused()) {
                    return; // resuming schedules it again
                }
                audio.settle(System.nanoTime());
                pump.run(); // room made for a waiting sender may need a new fence sent
                scheduleSettle();
            });
        }
    }

    /** Cancels the settle timer: the session has ended. */
    void stop() {
        if (settleTimer >= 0) {
            vertx.cancelTimer(settleTimer);
            settleTimer = -1;
        }
    }
}
