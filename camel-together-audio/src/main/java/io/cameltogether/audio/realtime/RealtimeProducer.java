package io.cameltogether.audio.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

import io.cameltogether.audio.TogetherAudioConfiguration;
import io.cameltogether.audio.TogetherAudioConstants;
import io.cameltogether.audio.TogetherAudioEndpoint;
import io.cameltogether.audio.client.AudioValidationException;
import io.cameltogether.audio.client.Json;
import io.cameltogether.audio.client.TogetherAudioException;
import io.cameltogether.audio.client.realtime.AudioStreamer;
import io.cameltogether.audio.client.realtime.RealtimeSession;
import io.cameltogether.audio.client.realtime.TranscriptEvent;
import io.cameltogether.audio.client.request.OutputFormat;
import io.cameltogether.audio.client.result.Segment;
import io.cameltogether.audio.client.result.TranscriptionResult;
import io.cameltogether.audio.support.AudioBody;
import io.cameltogether.audio.support.Headers;
import io.cameltogether.audio.support.ResultBodies;

/**
 * {@code to("together-audio:realtime")}: feeds the body's audio into the session named by
 * {@code CamelTogetherAudioSessionId}, or commits, clears or closes it ({@code CamelTogetherAudioRealtimeAction}).
 * Raw PCM chunks are appended without a thread of their own; files, streams and WAVs are streamed (converted,
 * paced) on a streaming thread. An InOut exchange waits for the final transcript of its audio and returns it.
 */
public class RealtimeProducer extends DefaultAsyncProducer {

    static final String DEFAULT_SESSION = "default";

    private final TogetherAudioEndpoint endpoint;
    private ExecutorService streamers;
    private ExecutorService completions;
    /** Streams handed to the pool that have not started: failed, not forgotten, if the producer stops first. */
    private final Set<QueuedStream> queued = ConcurrentHashMap.newKeySet();

    public RealtimeProducer(TogetherAudioEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // one thread per stream being fed, up to maxSessions; more streams wait their turn in the queue, holding
        // only a reference to their body (a queue size of 0 or less would mean no queue and the caller's thread)
        streamers = pool("TogetherAudioRealtimeStreamer");
        // exchanges continue their route here, not on a session's event loop or the JDK's timeout thread
        completions = pool("TogetherAudioRealtimeCompletion");
    }

    private ExecutorService pool(String name) {
        int threads = endpoint.getConfiguration().getMaxSessions();
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder(name).poolSize(threads).maxPoolSize(threads)
                .maxQueueSize(Integer.MAX_VALUE).allowCoreThreadTimeOut(true).keepAliveTime(60L)
                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
        return getEndpoint().getCamelContext().getExecutorServiceManager().newThreadPool(this, name, profile);
    }

    @Override
    protected void doStop() throws Exception {
        if (streamers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(streamers);
            queued.forEach(QueuedStream::abandon); // never started: their exchanges fail rather than wait for ever
            // an orderly shutdown: exchanges whose transcripts are in still continue their route
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(completions);
            streamers = null;
        }
        super.doStop();
    }

    /** Runs a finished exchange's continuation on the completion pool, or here once the producer has stopped. */
    private void continueRoute(Runnable continuation) {
        try {
            completions.execute(continuation);
        } catch (RejectedExecutionException stopped) {
            continuation.run();
        }
    }

    /** A stream waiting for a streamer thread; it opens its body only once it runs. Runs or is abandoned, once. */
    private final class QueuedStream implements Runnable {
        private final Runnable task;
        private final Exchange exchange;
        private final AsyncCallback callback;

        QueuedStream(Runnable task, Exchange exchange, AsyncCallback callback) {
            this.task = task;
            this.exchange = exchange;
            this.callback = callback;
            queued.add(this);
        }

        @Override
        public void run() {
            if (queued.remove(this)) {
                task.run();
            }
        }

        void abandon() {
            if (queued.remove(this)) {
                exchange.setException(new TogetherAudioException("the realtime producer stopped before this audio "
                        + "could be sent"));
                callback.done(false);
            }
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            Message in = exchange.getMessage();
            String sessionId = Headers.get(in, TogetherAudioConstants.SESSION_ID, String.class, DEFAULT_SESSION);
            String action = Headers.get(in, TogetherAudioConstants.REALTIME_ACTION, String.class, "append")
                    .toLowerCase(Locale.ROOT);
            if (action.equals("append")) {
                AudioBody audio = AudioBody.of(in); // a bad body fails here, before a session or anything is sent
                return append(exchange, audio, endpoint.getRealtimeClient().session(sessionId, streamStart(in)),
                        callback);
            }
            // the other actions act on an open session: they never open one
            RealtimeSession session = endpoint.getRealtimeClient().openSession(sessionId);
            return switch (action) {
                case "commit" -> completeWhenDone(requireOpen(session, sessionId).commit(), exchange, callback);
                case "clear" -> session == null ? doneAtOnce(callback) : completeWhenDone(session.clear(), exchange,
                        callback);
                case "close" -> session == null ? doneAtOnce(callback) : completeWhenDone(session.close(), exchange,
                        callback);
                default -> throw new AudioValidationException("header " + TogetherAudioConstants.REALTIME_ACTION + " '"
                        + action + "' is not valid: use append, commit, clear or close");
            };
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** Where in the call the audio of a session opened now starts, from the header (0 without it). */
    private static double streamStart(Message in) {
        Long millis = Headers.get(in, TogetherAudioConstants.STREAM_OFFSET, Long.class, 0L);
        if (millis < 0) {
            throw new AudioValidationException("header " + TogetherAudioConstants.STREAM_OFFSET + " is " + millis
                    + ": give where in the call the audio starts, in milliseconds, 0 or more");
        }
        return millis / 1000.0;
    }

    private static RealtimeSession requireOpen(RealtimeSession session, String sessionId) {
        if (session == null) {
            throw new AudioValidationException("no open realtime session '" + sessionId + "' to commit: append audio "
                    + "to it first (a session closes after sessionIdleTimeout without audio, or on the close action)");
        }
        return session;
    }

    private static boolean doneAtOnce(AsyncCallback callback) {
        callback.done(true);
        return true;
    }

    private boolean append(Exchange exchange, AudioBody audioBody, RealtimeSession session, AsyncCallback callback)
            throws IOException {
        Object body = exchange.getMessage().getBody();
        boolean awaitTranscript = exchange.getPattern().isOutCapable();
        byte[] pcm = RealtimeBodies.rawPcm(audioBody, endpoint.getConfiguration().getRawAudioEncoding());
        if (pcm != null && !awaitTranscript) {
            CompletableFuture<Void> covered = new CompletableFuture<>();
            CompletableFuture<Void> appended;
            try {
                appended = session.append(pcm, covered);
            } catch (RuntimeException refused) {
                covered.completeExceptionally(refused);
                throw refused;
            }
            // what the route does on coverage (a Kafka commit, say) runs on the completion pool, not an event loop
            exchange.getMessage().setHeader(TogetherAudioConstants.COVERED,
                    covered.whenCompleteAsync((v, failure) -> { }, this::continueRoute));
            return completeWhenDone(appended, exchange, callback);
        }
        QueuedStream stream = new QueuedStream(() -> {
            InputStream audio;
            try {
                audio = RealtimeBodies.open(audioBody);
            } catch (Exception e) {
                exchange.setException(e);
                callback.done(false);
                return;
            }
            stream(exchange, session, audio, body, awaitTranscript, callback);
        }, exchange, callback);
        try {
            streamers.execute(stream);
        } catch (RejectedExecutionException stopping) {
            queued.remove(stream);
            throw stopping; // process() fails the exchange
        }
        return false;
    }

    /**
     * On a streamer thread: sends the audio. An InOut exchange then completes when its transcript is final, from
     * the session's event loop, so that no thread waits for it.
     */
    private void stream(Exchange exchange, RealtimeSession session, InputStream audio, Object body,
                        boolean awaitTranscript, AsyncCallback callback) {
        long sentMillis;
        List<TranscriptEvent> finals = awaitTranscript ? session.collectFinals() : null;
        try {
            sentMillis = stream(audio, body, session);
        } catch (Exception e) {
            if (finals != null) {
                session.stopCollecting(finals);
            }
            exchange.setException(e instanceof ExecutionException ? e.getCause() : e);
            callback.done(false);
            return;
        }
        if (!awaitTranscript) {
            callback.done(false);
            return;
        }
        session.commitAndAwaitFinal(finals)
                .orTimeout(endpoint.getConfiguration().getFinalTranscriptTimeout(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((transcripts, error) -> {
                    try {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        if (cause instanceof TimeoutException) {
                            session.stopCollecting(finals);
                            exchange.setException(new TogetherAudioException("realtime session '" + session.id()
                                    + "': no final transcript within finalTranscriptTimeout ("
                                    + endpoint.getConfiguration().getFinalTranscriptTimeout() + " ms)", cause));
                        } else if (cause != null) {
                            exchange.setException(cause);
                        } else {
                            writeTranscript(exchange.getMessage(), transcripts, sentMillis / 1000.0);
                        }
                    } catch (Exception e) {
                        exchange.setException(e);
                    } finally {
                        callback.done(false);
                    }
                }, this::continueRoute);
    }

    private long stream(InputStream in, Object body, RealtimeSession session) throws Exception {
        TogetherAudioConfiguration c = endpoint.getConfiguration();
        try {
            return AudioStreamer.stream(RealtimeBodies.chunks(in, c.getInputAudioFormat(), c.getRawAudioEncoding()),
                    session,
                    c.getChunkDurationMs(), c.getPace(),
                    Duration.ofMillis(c.getReconnectMaxTime() + c.getSessionCreatedTimeout()));
        } finally {
            if (!(body instanceof StreamCache)) {
                IOHelper.close(in);
            }
        }
    }

    /** The final transcripts of the audio, as text or a typed result with one segment per speech turn. */
    private void writeTranscript(Message message, List<TranscriptEvent> transcripts, double audioSeconds)
            throws Exception {
        List<Segment> segments = new ArrayList<>();
        for (TranscriptEvent t : transcripts) {
            double start = t.start() == null ? 0 : t.start();
            segments.add(new Segment(segments.size(), start, start + (t.duration() == null ? 0 : t.duration()), t.text()));
        }
        String text = String.join(" ", transcripts.stream().map(TranscriptEvent::text).toList());
        TranscriptionResult result = new TranscriptionResult(text, "transcribe",
                endpoint.getConfiguration().getLanguage(), audioSeconds, segments, null, null, null);
        OutputFormat output = Headers.get(message, TogetherAudioConstants.OUTPUT_FORMAT, OutputFormat.class,
                endpoint.getConfiguration().getOutputFormat());
        ResultBodies.write(message, result, Json.MAPPER.writeValueAsString(result), null, output);
    }

    private boolean completeWhenDone(CompletableFuture<?> done, Exchange exchange, AsyncCallback callback) {
        done.whenCompleteAsync((v, e) -> {
            if (e != null) {
                exchange.setException(e instanceof CompletionException ? e.getCause() : e);
            }
            callback.done(false);
        }, this::continueRoute);
        return false;
    }
}
