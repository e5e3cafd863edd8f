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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ExecutorServiceManager;
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
import io.cameltogether.audio.client.realtime.Pace;
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
 * Raw PCM chunks are appended at once; files, streams and WAVs are streamed (converted, paced) by an
 * {@link AudioStreamer} on a few pacing threads, none of them held while a stream waits (they read the body: a slow
 * stream is best cached first). An InOut exchange waits for the final transcript of its audio and returns it, and
 * continues its route on a pool of its own.
 */
public class RealtimeProducer extends DefaultAsyncProducer {

    static final String DEFAULT_SESSION = "default";

    private final TogetherAudioEndpoint endpoint;
    /** Paces streams; a stream holds none of its threads while it waits for its next chunk. */
    private volatile ScheduledExecutorService scheduler;
    /** Carries exchanges on along their route: never a session's event loop, never the pacing threads. */
    private volatile ExecutorService completions;
    /** Streams under way: failed, not forgotten, if the producer stops first. */
    private final Set<AudioStreamer> streaming = ConcurrentHashMap.newKeySet();

    public RealtimeProducer(TogetherAudioEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // each as many threads as Camel's default pool; the queue of continuations is bounded by the exchanges in
        // flight, and a bound of its own would make Camel run them on the caller, a session's event loop
        ExecutorServiceManager executors = getEndpoint().getCamelContext().getExecutorServiceManager();
        ThreadPoolProfile defaults = executors.getDefaultThreadPoolProfile();
        scheduler = executors.newScheduledThreadPool(this, "TogetherAudioRealtimePacing", defaults.getPoolSize());
        completions = executors.newThreadPool(this, "TogetherAudioRealtimeCompletion",
                new ThreadPoolProfileBuilder("TogetherAudioRealtimeCompletion").poolSize(defaults.getPoolSize())
                        .maxPoolSize(defaults.getPoolSize()).maxQueueSize(Integer.MAX_VALUE)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
    }

    @Override
    protected void doStop() throws Exception {
        if (scheduler != null) {
            streaming.forEach(s -> s.stop(new TogetherAudioException("the realtime producer stopped before this audio "
                    + "could be sent")));
            ExecutorServiceManager executors = getEndpoint().getCamelContext().getExecutorServiceManager();
            executors.shutdown(scheduler);
            // an orderly shutdown: exchanges whose transcripts are in still continue their route
            executors.shutdown(completions);
            scheduler = null;
            completions = null;
        }
        super.doStop();
    }

    /** Runs a finished exchange's continuation on the completion pool, or here once the producer has stopped. */
    private void continueRoute(Runnable continuation) {
        ExecutorService threads = completions;
        try {
            if (threads != null) {
                threads.execute(continuation);
                return;
            }
        } catch (RejectedExecutionException stopping) {
            // run it here
        }
        continuation.run();
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
                RealtimeBodies.checkHeader(audio);
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
        Object body = exchange.getMessage().getBody();
        InputStream audio = RealtimeBodies.open(audioBody);
        AudioStreamer streamer;
        try {
            TogetherAudioConfiguration c = endpoint.getConfiguration();
            streamer = new AudioStreamer(RealtimeBodies.chunks(audio, c.getInputAudioFormat(),
                    c.getRawAudioEncoding()), c.getPace() == Pace.REALTIME ? session::append : session::appendCovered,
                    c.getInputAudioFormat(), c.getChunkDurationMs(), c.getPace(), scheduler, System::nanoTime,
                    Duration.ofMillis(c.getReconnectMaxTime() + c.getSessionCreatedTimeout()));
        } catch (IOException | RuntimeException e) {
            closeUnlessCached(audio, body);
            throw e;
        }
        List<TranscriptEvent> finals = awaitTranscript ? session.collectFinals() : null;
        streaming.add(streamer);
        CompletableFuture<Long> streamed;
        try {
            streamed = streamer.start();
        } catch (RuntimeException stopping) {
            streaming.remove(streamer);
            closeUnlessCached(audio, body);
            if (finals != null) {
                session.stopCollecting(finals);
            }
            throw stopping;
        }
        streamed.whenComplete((sentMillis, failure) -> {
            streaming.remove(streamer);
            closeUnlessCached(audio, body);
            if (failure != null) {
                if (finals != null) {
                    session.stopCollecting(finals);
                }
                exchange.setException(failure);
                continueRoute(() -> callback.done(false));
            } else if (finals == null) {
                continueRoute(() -> callback.done(false));
            } else {
                awaitTranscript(exchange, session, finals, sentMillis, callback);
            }
        });
        return false;
    }

    /** A stream cache is the exchange's to close (an earlier or later step may read it again); others are ours. */
    private static void closeUnlessCached(InputStream audio, Object body) {
        if (!(body instanceof StreamCache)) {
            IOHelper.close(audio);
        }
    }

    /** Commits, and completes the InOut exchange with its transcript once it is final, holding no thread meanwhile. */
    private void awaitTranscript(Exchange exchange, RealtimeSession session, List<TranscriptEvent> finals,
                                 long sentMillis, AsyncCallback callback) {
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
