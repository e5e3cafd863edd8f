package io.cameltogether.audio.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.realtime.RealtimeListener;
import io.cameltogether.audio.client.realtime.SessionEvent;
import io.cameltogether.audio.client.realtime.TranscriptEvent;
import io.cameltogether.audio.client.realtime.TurnEvent;

/**
 * Hands what an endpoint's sessions produce to the endpoint's consumer, if it has one (Camel allows one consumer per
 * endpoint); without one, transcripts reach only the producer's exchanges that wait for them.
 */
public final class RealtimeDispatcher implements RealtimeListener {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeDispatcher.class);

    private volatile RealtimeListener consumer;

    public synchronized void attach(RealtimeListener consumer) {
        if (this.consumer != null && this.consumer != consumer) {
            throw new IllegalStateException("this together-audio:realtime endpoint has a consumer already");
        }
        this.consumer = consumer;
    }

    public synchronized void detach(RealtimeListener consumer) {
        if (this.consumer == consumer) {
            this.consumer = null;
        }
    }

    @Override
    public void onTranscript(TranscriptEvent event) {
        RealtimeListener c = consumer;
        if (c != null) {
            c.onTranscript(event);
        }
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
        RealtimeListener c = consumer;
        if (c != null) {
            c.onSessionEvent(event);
        }
    }

    @Override
    public void onTurnEvent(TurnEvent event) {
        RealtimeListener c = consumer;
        if (c != null) {
            c.onTurnEvent(event);
        }
    }

    /** Fails with no consumer: transcripts nobody routes never make the audio safe to let go. */
    @Override
    public CompletableFuture<Void> delivered(String sessionId) {
        RealtimeListener c = consumer;
        if (c == null) {
            return CompletableFuture.failedFuture(new TogetherAudioException("realtime session '" + sessionId
                    + "': no consumer on this endpoint routes its transcripts, so its audio is never covered; add "
                    + "from(\"together-audio:realtime...\") with the same URI as the producer"));
        }
        return c.delivered(sessionId);
    }

    @Override
    public CompletionStage<Void> backlog(String sessionId) {
        RealtimeListener c = consumer;
        return c == null ? null : c.backlog(sessionId);
    }

    @Override
    public void onClosed(String sessionId) {
        RealtimeListener c = consumer;
        if (c != null) {
            c.onClosed(sessionId);
        }
    }

    @Override
    public void onError(RealtimeException error) {
        RealtimeListener c = consumer;
        if (c == null) {
            LOG.warn("{} (no consumer on this endpoint to route it to)", error.getMessage());
        } else {
            c.onError(error);
        }
    }
}
