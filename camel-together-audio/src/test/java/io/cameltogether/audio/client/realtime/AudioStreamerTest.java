package io.cameltogether.audio.client.realtime;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming a recording into a session on a virtual clock: paced as it plays, or bounded by what is in flight. */
class AudioStreamerTest {

    private static final int CHUNK_BYTES = 3200; // 100 ms at 16 kHz

    private final VirtualScheduler scheduler = new VirtualScheduler();
    /** When each append happened, in virtual milliseconds. */
    private final List<Long> appendedAt = new ArrayList<>();

    /** A recording of this many 100 ms chunks. */
    private static AudioStreamer.ChunkSource chunks(int count) {
        int[] left = { count };
        return millis -> left[0]-- > 0 ? new byte[CHUNK_BYTES] : null;
    }

    private AudioStreamer streamer(AudioStreamer.ChunkSource source, AudioStreamer.Sink sink, Pace pace) {
        return new AudioStreamer(source, pcm -> {
            appendedAt.add(TimeUnit.NANOSECONDS.toMillis(scheduler.nanoTime()));
            return sink.append(pcm);
        }, RealtimeAudioFormat.PCM_S16LE_16000, 100, pace, scheduler, scheduler::nanoTime, Duration.ofSeconds(30));
    }

    @Test
    void atRealTimePaceEachChunkGoesWhenItsAudioWouldHavePlayed() throws Exception {
        CompletableFuture<Long> done = streamer(chunks(10), pcm -> CompletableFuture.completedFuture(null),
                Pace.REALTIME).start();

        scheduler.runUntilIdle();

        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L), appendedAt);
        assertEquals(1000L, done.get(), "milliseconds of audio sent");
    }

    @Test
    void asFastAsTheSessionTakesItEightAppendsAreInFlightAndTheNinthWaitsForTheFirst() throws Exception {
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        CompletableFuture<Long> done = streamer(chunks(12), pcm -> {
            CompletableFuture<Void> append = new CompletableFuture<>();
            appends.add(append);
            return append;
        }, Pace.FAST).start();

        scheduler.runUntilIdle();
        assertEquals(8, appends.size(), "no thread waits: the streamer yields until an append completes");
        appends.get(0).complete(null);
        scheduler.runUntilIdle();
        assertEquals(9, appends.size());
        appends.forEach(a -> a.complete(null));
        scheduler.runUntilIdle();
        appends.forEach(a -> a.complete(null));
        scheduler.runUntilIdle();

        assertEquals(12, appends.size());
        assertEquals(1200L, done.get());
        assertEquals(0L, appendedAt.get(11), "no pacing: all at virtual time 0");
    }

    @Test
    void aFailedAppendEndsTheStreamWithItsFailure() {
        IllegalStateException refused = new IllegalStateException("the session failed");
        CompletableFuture<Long> done = streamer(chunks(20), pcm -> appendedAt.size() < 3
                ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(refused), Pace.FAST).start();

        scheduler.runUntilIdle();

        ExecutionException failure = assertThrows(ExecutionException.class, done::get);
        assertSame(refused, failure.getCause());
        assertTrue(appendedAt.size() <= 3 + 8, "stopped appending once an append failed: " + appendedAt.size());
    }

    @Test
    void aSourceThatCannotBeReadEndsTheStreamWithItsError() {
        IOException unreadable = new IOException("disk gone");
        CompletableFuture<Long> done = streamer(millis -> {
            throw unreadable;
        }, pcm -> CompletableFuture.completedFuture(null), Pace.REALTIME).start();

        scheduler.runUntilIdle();

        assertSame(unreadable, assertThrows(ExecutionException.class, done::get).getCause());
    }

    @Test
    void aStreamStoppedPartWayAppendsNothingMore() {
        AudioStreamer[] streamer = new AudioStreamer[1];
        streamer[0] = streamer(chunks(50), pcm -> {
            if (appendedAt.size() == 5) {
                streamer[0].stop(new IllegalStateException("the producer stopped"));
            }
            return CompletableFuture.completedFuture(null);
        }, Pace.REALTIME);
        CompletableFuture<Long> done = streamer[0].start();

        scheduler.runUntilIdle();

        assertTrue(done.isCompletedExceptionally());
        assertEquals(5, appendedAt.size(), "nothing appended after the stop");
    }
}
