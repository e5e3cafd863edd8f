package io.cameltogether.audio.client.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.AudioMetrics;
import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * Tells a session's listener (and whoever collects its finals, such as a whole file streamed through it) what the
 * server transcribed: each transcript placed in the session's audio by the component's own measure, with the
 * server's timing and confidences as the server sent them, where they are plausible. Used on the session's context.
 */
final class TranscriptReporter {

    private static final Logger LOG = LoggerFactory.getLogger(TranscriptReporter.class);

    private final String sessionId;
    private final double streamStartSeconds;
    private final int bytesPerSecond;
    private final RealtimeListener listener;
    private final AudioMetrics.SessionMetrics metrics;
    private final DoublePredicate withinConnection;
    private final List<List<TranscriptEvent>> collectors = new ArrayList<>();

    /**
     * @param streamStartSeconds where in a longer stream (a call) the session's audio starts
     * @param withinConnection   whether seconds of server timing fit in the audio sent on the connection
     */
    TranscriptReporter(String sessionId, double streamStartSeconds, int bytesPerSecond, RealtimeListener listener,
                       AudioMetrics.SessionMetrics metrics, DoublePredicate withinConnection) {
        this.sessionId = sessionId;
        this.streamStartSeconds = streamStartSeconds;
        this.bytesPerSecond = bytesPerSecond;
        this.listener = listener;
        this.metrics = metrics;
        this.withinConnection = withinConnection;
    }

    /** Adds the finals reported from now on to the list. */
    void collectInto(List<TranscriptEvent> collected) {
        collectors.add(collected);
    }

    void stopCollecting(List<TranscriptEvent> collected) {
        collectors.remove(collected);
    }

    /** A new final, its speech at this span of the session's audio. */
    void finalTranscript(ServerEvent event, SpeechPositions.Span span) {
        TranscriptEvent transcript = transcript(event, span.start(), span.end(), true);
        collectors.forEach(c -> c.add(transcript));
        listener.onTranscript(transcript);
    }

    /** A partial of the turn whose speech begins at this offset. */
    void partial(ServerEvent event, long start) {
        listener.onTranscript(transcript(event, start, -1, false));
    }

    void turn(ServerEvent event) {
        listener.onTurnEvent(new TurnEvent(sessionId, event.type(), event.itemId(), event.text(),
                event.endOfTurnConfidence()));
    }

    /** Counts values the server sent that the session could not use. */
    void ignored(int values, String eventType) {
        metrics.serverValuesIgnored(values);
        LOG.debug("realtime session '{}': ignored {} unusable value(s) in a {} event", sessionId, values, eventType);
    }

    private TranscriptEvent transcript(ServerEvent event, long start, long end, boolean isFinal) {
        Double serverStart = event.start();
        Double serverDuration = event.duration();
        double serverEnd = (serverStart == null ? 0 : serverStart) + (serverDuration == null ? 0 : serverDuration);
        if ((serverStart != null || serverDuration != null) && !withinConnection.test(serverEnd)) {
            ignored((serverStart == null ? 0 : 1) + (serverDuration == null ? 0 : 1), event.type());
            serverStart = null; // beyond the audio this connection sent
            serverDuration = null;
        }
        return new TranscriptEvent(sessionId, event.itemId(), event.text(), seconds(start),
                end < 0 ? null : (double) (end - start) / bytesPerSecond, isFinal, event.type(), serverStart,
                serverDuration, event.avgLogprob(), event.confidence());
    }

    private double seconds(long offset) {
        return streamStartSeconds + (double) offset / bytesPerSecond;
    }
}
