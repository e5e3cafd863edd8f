package io.cameltogether.audio.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.realtime.RealtimeException;
import io.cameltogether.audio.client.realtime.RealtimeListener;
import io.cameltogether.audio.client.realtime.SessionEvent;
import io.cameltogether.audio.client.realtime.TranscriptEvent;
import io.cameltogether.audio.client.realtime.TurnEvent;

/**
 * {@code from("together-audio:realtime")}: one exchange per final transcript of any session of the endpoint (and
 * per partial, with includeDeltas; per turn-taking event, with includeTurnEvents; per connection event, with
 * includeSessionEvents). Failed turns and failed sessions go to the consumer's exception handler. Each session's
 * exchanges are processed in order, the sessions side by side on up to concurrentConsumers threads, never on the
 * socket's event loop; a session whose exchanges pile up stops reading its socket until the route catches up.
 *
 * <p>When the CamelContext stops, the consumer stops last (Camel's deferred shutdown): it first has the endpoint's
 * sessions commit their open turns and waits, within Camel's shutdown timeout, until their final transcripts have
 * gone through the route.
 */
public class RealtimeConsumer extends DefaultConsumer implements RealtimeListener, ShutdownAware {

    private final TogetherAudioEndpoint endpoint;
    private ExecutorService executor;
    private SessionOrderedDelivery deliveries;
    private CompletableFuture<Void> sessionsClosing;

    public RealtimeConsumer(TogetherAudioEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // the route's consumer check asks this one: is the API reachable, and does it take the key?
        setHealthCheck(endpoint.getHealthCheck() == null ? null : endpoint.getHealthCheck().forConsumer());
        // each session has at most one task queued (SessionOrderedDelivery), so the queue needs no bound of its own;
        // a bound would make Camel run deliveries on the caller, a session's event loop (and 0 or less, no queue)
        int threads = endpoint.getConfiguration().getConcurrentConsumers();
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("TogetherAudioRealtimeConsumer").poolSize(threads)
                .maxPoolSize(threads).maxQueueSize(Integer.MAX_VALUE).rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
        executor = getEndpoint().getCamelContext().getExecutorServiceManager().newThreadPool(this,
                "TogetherAudioRealtimeConsumer", profile);
        deliveries = new SessionOrderedDelivery(executor);
        sessionsClosing = null;
        endpoint.getRealtimeDispatcher().attach(this);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.getRealtimeDispatcher().detach(this);
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor);
            deliveries.stopped();
            executor = null;
        }
        super.doStop();
    }

    @Override
    public void onTranscript(TranscriptEvent event) {
        if (event.isFinal() || endpoint.getConfiguration().isIncludeDeltas()) {
            deliveries.submit(event.sessionId(), () -> emit(event));
        }
    }

    @Override
    public CompletableFuture<Void> delivered(String sessionId) {
        return deliveries.delivered(sessionId);
    }

    @Override
    public CompletionStage<Void> backlog(String sessionId) {
        return deliveries.backlog(sessionId);
    }

    @Override
    public void onClosed(String sessionId) {
        deliveries.forget(sessionId);
    }

    /** With includeTurnEvents: the turn's text so far as the body, the server's event type in the header. */
    @Override
    public void onTurnEvent(TurnEvent event) {
        if (endpoint.getConfiguration().isIncludeTurnEvents()) {
            deliveries.submit(event.sessionId(), () -> {
                Exchange exchange = createExchange(false);
                Message message = exchange.getMessage();
                message.setBody(event.transcript());
                message.setHeader(TogetherAudioConstants.SESSION_ID, event.sessionId());
                message.setHeader(TogetherAudioConstants.EVENT_TYPE, event.type());
                message.setHeader(TogetherAudioConstants.FINAL, false);
                setIfPresent(message, TogetherAudioConstants.ITEM_ID, event.itemId());
                setIfPresent(message, TogetherAudioConstants.END_OF_TURN_CONFIDENCE, event.endOfTurnConfidence());
                process(exchange);
            });
        }
    }

    /** With includeSessionEvents: the event as the body, its type in CamelTogetherAudioEventType. */
    @Override
    public void onSessionEvent(SessionEvent event) {
        if (endpoint.getConfiguration().isIncludeSessionEvents()) {
            deliveries.submit(event.sessionId(), () -> {
                Exchange exchange = createExchange(false);
                exchange.getMessage().setBody(event);
                exchange.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, event.sessionId());
                exchange.getMessage().setHeader(TogetherAudioConstants.EVENT_TYPE, event.type().eventType());
                process(exchange);
            });
        }
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true;
    }

    /**
     * Asked by Camel's shutdown until it answers 0. Once the context stops and no other route has exchanges in flight
     * (some may still be feeding the sessions), the sessions are told to commit and close; until they have, and their
     * transcripts have gone through the route, something is pending.
     */
    @Override
    public synchronized int getPendingExchangesSize() {
        InflightRepository inflight = getEndpoint().getCamelContext().getInflightRepository();
        boolean othersDone = inflight.size() == inflight.size(getRouteId());
        if (sessionsClosing == null && othersDone && getEndpoint().getCamelContext().isStopping()
                && endpoint.getRealtimeClient() != null) {
            sessionsClosing = endpoint.getRealtimeClient().closeSessions();
        }
        return (sessionsClosing != null && !sessionsClosing.isDone() ? 1 : 0) + deliveries.pending();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // nothing to prepare: the sessions' closing was started by getPendingExchangesSize
    }

    /**
     * A failed turn or session goes to the consumer's exception handler, as Camel consumers report errors: logged
     * by default, or handed to the route's error handler (onException, dead letter channel) with
     * {@code bridgeErrorHandler=true}.
     */
    @Override
    public void onError(RealtimeException error) {
        deliveries.submit(error.getSessionId(), () -> {
            Exchange exchange = createExchange(false);
            exchange.getMessage().setHeader(TogetherAudioConstants.SESSION_ID, error.getSessionId());
            try {
                getExceptionHandler().handleException(error.getMessage(), exchange, error);
            } finally {
                releaseExchange(exchange, false);
            }
        });
    }

    private void emit(TranscriptEvent event) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(event.text());
        message.setHeader(TogetherAudioConstants.SESSION_ID, event.sessionId());
        message.setHeader(TogetherAudioConstants.FINAL, event.isFinal());
        message.setHeader(TogetherAudioConstants.EVENT_TYPE, event.type());
        setIfPresent(message, TogetherAudioConstants.ITEM_ID, event.itemId());
        setIfPresent(message, TogetherAudioConstants.START, event.start());
        setIfPresent(message, TogetherAudioConstants.DURATION, event.duration());
        setIfPresent(message, TogetherAudioConstants.SERVER_START, event.serverStart());
        setIfPresent(message, TogetherAudioConstants.SERVER_DURATION, event.serverDuration());
        setIfPresent(message, TogetherAudioConstants.AVG_LOGPROB, event.avgLogprob());
        setIfPresent(message, TogetherAudioConstants.CONFIDENCE, event.confidence());
        Exception failure = process(exchange);
        if (failure != null && event.isFinal()) {
            // fails the delivery: the session's audio is then never reported covered (CamelTogetherAudioCovered)
            throw new TogetherAudioException("the route failed on the final transcript of session '"
                    + event.sessionId() + "': " + failure.getMessage(), failure);
        }
    }

    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }

    /** Routes the exchange; a failure goes to the exception handler and is returned. */
    private Exception process(Exchange exchange) {
        Exception failure;
        try {
            getProcessor().process(exchange);
            failure = exchange.getException();
        } catch (Exception e) {
            failure = e;
        }
        try {
            if (failure != null) {
                getExceptionHandler().handleException("Error processing a realtime transcript", exchange, failure);
            }
            return failure;
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
