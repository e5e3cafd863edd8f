package io.cameltogether.audio.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.realtime.RealtimeListener;
import io.cameltogether.audio.client.realtime.SessionEvent;
import io.cameltogether.audio.client.realtime.TranscriptEvent;
import io.cameltogether.audio.client.realtime.TurnEvent;

/** Hands what an endpoint's sessions produce to the consumers of that endpoint. */
public final class RealtimeDispatcher implements RealtimeListener {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeDispatcher.class);

    private final List<RealtimeListener> consumers = new CopyOnWriteArrayList<>();

    public void add(RealtimeListener consumer) {
        consumers.add(consumer);
    }

    public void remove(RealtimeListener consumer) {
        consumers.remove(consumer);
    }

    @Override
    public void onTranscript(TranscriptEvent event) {
        consumers.forEach(c -> c.onTranscript(event));
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
        consumers.forEach(c -> c.onSessionEvent(event));
    }

    @Override
    public void onTurnEvent(TurnEvent event) {
        consumers.forEach(c -> c.onTurnEvent(event));
    }

    /** Fails with no consumer: transcripts nobody routes never make the audio safe to let go. */
    @Override
    public CompletableFuture<Void> delivered(String sessionId) {
        if (consumers.isEmpty()) {
            return CompletableFuture.failedFuture(new TogetherAudioException("realtime session '" + sessionId
                    + "': no consumer on this endpoint routes its transcripts, so its audio is never covered; add "
                    + "from(\"together-audio:realtime...\") with the same URI as the producer"));
        }
        return CompletableFuture.allOf(consumers.stream().map(c -> c.delivered(sessionId))
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public void onClosed(String sessionId) {
        consumers.forEach(c -> c.onClosed(sessionId));
    }

    @Override
    public void onError(RealtimeException error) {
        if (consumers.isEmpty()) {
            LOG.warn("{} (no consumer on this endpoint to route it to)", error.getMessage());
        }
        consumers.forEach(c -> c.onError(error));
    }
}
