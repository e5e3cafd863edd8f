package io.cameltogether.audio.client.realtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Feeds audio into a session chunk by chunk, either at real-time pace (as a live source would) or as fast as the
 * session takes it, without holding a thread: each step runs on the scheduler when it is due, or when an append
 * in flight completes. A few appends may be in flight at once; the next waits for the oldest, so a fast file cannot
 * outrun the socket, nor (under flow control, see {@link RealtimeSession#appendCovered}) the transcripts.
 */
public final class AudioStreamer implements Runnable {

    /** The next chunk of PCM in the session's format, of at most the given length, or null at the end. */
    @FunctionalInterface
    public interface ChunkSource {
        byte[] next(int millis) throws IOException;
    }

    /** Where the chunks go: a session's append, or its flow-controlled append. */
    @FunctionalInterface
    public interface Sink {
        CompletableFuture<Void> append(byte[] pcm);
    }

    private static final int IN_FLIGHT = 8;

    private final ChunkSource source;
    private final Sink sink;
    private final int bytesPerMilli;
    private final int chunkMillis;
    private final Pace pace;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final long writeTimeoutMillis;
    private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private long startedAt = -1;
    private long sentMillis;

    /**
     * @param writeTimeout how long one append may wait for the socket or the transcripts (reconnects included)
     * @param nanoClock    the time pacing follows, in nanoseconds: the scheduler's
     */
    public AudioStreamer(ChunkSource source, Sink sink, RealtimeAudioFormat format, int chunkMillis, Pace pace,
                         ScheduledExecutorService scheduler, LongSupplier nanoClock, Duration writeTimeout) {
        this.source = source;
        this.sink = sink;
        this.bytesPerMilli = format.bytesPerSecond() / 1000;
        this.chunkMillis = chunkMillis;
        this.pace = pace;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.writeTimeoutMillis = writeTimeout.toMillis();
    }

    /** Starts streaming; completes with the milliseconds of audio sent once every append is done. */
    public CompletableFuture<Long> start() {
        scheduler.execute(this);
        return done;
    }

    /** Stops streaming with this failure, unless it has ended already. */
    public void stop(Throwable why) {
        done.completeExceptionally(why);
    }

    /** One step or more: never runs twice at once, since each step schedules the next only as it ends. */
    @Override
    public void run() {
        try {
            startedAt = startedAt < 0 ? nanoClock.getAsLong() : startedAt;
            while (!done.isDone()) {
                if (inFlight.size() >= IN_FLIGHT) {
                    CompletableFuture<Void> oldest = inFlight.peekFirst();
                    if (!oldest.isDone()) {
                        oldest.whenComplete((v, e) -> scheduler.execute(this));
                        return;
                    }
                    inFlight.removeFirst().join(); // throws what the append failed with
                }
                if (pace == Pace.REALTIME) {
                    long wait = startedAt + TimeUnit.MILLISECONDS.toNanos(sentMillis) - nanoClock.getAsLong();
                    if (wait > 0) {
                        scheduler.schedule(this, wait, TimeUnit.NANOSECONDS);
                        return;
                    }
                }
                byte[] chunk = source.next(chunkMillis);
                if (chunk == null) {
                    finish();
                    return;
                }
                inFlight.addLast(sink.append(chunk).orTimeout(writeTimeoutMillis, TimeUnit.MILLISECONDS));
                sentMillis += chunk.length / bytesPerMilli;
            }
        } catch (CompletionException e) {
            done.completeExceptionally(e.getCause() == null ? e : e.getCause());
        } catch (Exception | Error e) {
            done.completeExceptionally(e);
        }
    }

    private void finish() {
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e != null) {
                done.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else {
                done.complete(sentMillis);
            }
        });
    }
}
