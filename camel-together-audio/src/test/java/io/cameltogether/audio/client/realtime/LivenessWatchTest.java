package io.cameltogether.audio.client.realtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.LivenessWatch.Verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 10 s server silence timeout (a probe after 5 s of silence, dead 5 s later) and a 15 s keep-alive. */
class LivenessWatchTest {

    private static final long T0 = TimeUnit.SECONDS.toNanos(1000);

    private final LivenessWatch watch = new LivenessWatch(Duration.ofSeconds(10), Duration.ofSeconds(15));

    private static long ms(long millis) {
        return T0 + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aServerThatSpokeRecentlyIsAlive() {
        watch.audioSent(ms(0));
        watch.serverSpoke(ms(0));

        assertEquals(Verdict.ALIVE, watch.check(ms(4_000), true));
        assertEquals(Verdict.ALIVE, watch.check(ms(5_000), true), "exactly half the timeout is not yet too long");
    }

    @Test
    void aServerSilentForMoreThanHalfTheTimeoutWhileAudioFlowsIsProbedOnceThenDeadHalfATimeoutLater() {
        watch.serverSpoke(ms(0));
        watch.audioSent(ms(5_000));

        assertEquals(Verdict.PROBE, watch.check(ms(5_001), false));
        assertEquals(Verdict.ALIVE, watch.check(ms(6_000), false), "one probe, then wait for its answer");
        assertEquals(Verdict.ALIVE, watch.check(ms(10_001), false));
        assertEquals(Verdict.DEAD, watch.check(ms(10_002), false));
    }

    @Test
    void awaitedAnswersMakeSilenceSuspectEvenWithoutRecentAudio() {
        watch.audioSent(ms(0));
        watch.serverSpoke(ms(0));

        assertEquals(Verdict.PROBE, watch.check(ms(60_000), true), "a probe comes first, however long the silence");
        assertEquals(Verdict.ALIVE, watch.check(ms(65_000), true));
        assertEquals(Verdict.DEAD, watch.check(ms(65_001), true));
    }

    @Test
    void theServerSpeakingAfterAProbeStartsOver() {
        watch.audioSent(ms(0));
        watch.serverSpoke(ms(0));
        assertEquals(Verdict.PROBE, watch.check(ms(6_000), true));

        watch.serverSpoke(ms(7_000)); // the echo came back
        assertEquals(Verdict.ALIVE, watch.check(ms(12_000), true));
        assertEquals(Verdict.PROBE, watch.check(ms(12_001), true), "a fresh probe, not a verdict of dead");
        assertEquals(Verdict.DEAD, watch.check(ms(17_002), true));
    }

    @Test
    void aSilentServerIsAliveWhenNothingIsExpectedOfIt() {
        watch.audioSent(ms(0));
        watch.serverSpoke(ms(0));

        assertEquals(Verdict.ALIVE, watch.check(ms(10_000), false), "the last audio is a whole timeout old");
        assertEquals(Verdict.ALIVE, watch.check(ms(60_000), false));
        assertEquals(Verdict.ALIVE, watch.check(ms(600_000), false));
    }

    @Test
    void aKeepAliveIsDueOnlyAfterKeepAliveAfterWithoutAudio() {
        watch.audioSent(ms(0));

        assertFalse(watch.keepAliveDue(ms(15_000)));
        assertTrue(watch.keepAliveDue(ms(15_001)));
        watch.audioSent(ms(15_001));
        assertFalse(watch.keepAliveDue(ms(20_000)));
    }
}
