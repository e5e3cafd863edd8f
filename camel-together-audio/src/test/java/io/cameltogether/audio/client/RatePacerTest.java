package io.cameltogether.audio.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.VirtualScheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How requests are let go under the API's limits, on a virtual clock. */
class RatePacerTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<Long> released = new ArrayList<>();
    private int droppedTurns;

    private RatePacer pacer(double ceiling) {
        return new RatePacer(ceiling, true, clock, clock::nanoTime);
    }

    private void submit(RatePacer pacer, int count) {
        for (int i = 0; i < count; i++) {
            pacer.submit(turn(false), false);
        }
    }

    private RatePacer.Turn turn(boolean cancelled) {
        return new RatePacer.Turn() {
            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public void go() {
                released.add(clock.nanoTime() / 1_000_000);
            }

            @Override
            public void dropped() {
                droppedTurns++;
            }
        };
    }

    private static RateLimits limit(double perSecond, double resetSeconds) {
        return new RateLimits(Map.of(RateLimits.REQUEST_LIMIT, perSecond, RateLimits.RESET, resetSeconds));
    }

    @Test
    void untilTheServerSaysAnythingRequestsGoAtOnce() {
        submit(pacer(Double.POSITIVE_INFINITY), 5);

        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), released);
    }

    @Test
    void theServersLimitSpacesRequestsEvenly() {
        RatePacer pacer = pacer(Double.POSITIVE_INFINITY);
        pacer.answered(limit(20, 0));

        submit(pacer, 4);
        clock.runUntilIdle();

        assertEquals(List.of(0L, 50L, 100L, 150L), released);
    }

    @Test
    void theCeilingWinsOverAHigherServerLimit() {
        RatePacer pacer = pacer(2);
        pacer.answered(limit(20, 0));

        submit(pacer, 3);
        clock.runUntilIdle();

        assertEquals(List.of(0L, 500L, 1000L), released);
    }

    @Test
    void a429HoldsEveryoneForTheSuggestedIntervalAndCutsTheRateOnceForItsBurst() {
        RatePacer pacer = pacer(Double.POSITIVE_INFINITY);
        pacer.answered(limit(20, 0));
        pacer.throttled(limit(20, 0.5), null);
        pacer.throttled(limit(20, 0.5), null); // the same burst: not a second cut

        submit(pacer, 3);
        clock.runUntilIdle();

        assertEquals(15, pacer.rate(), 1e-9);
        assertEquals(List.of(500L, 566L, 633L), released);
    }

    @Test
    void successesRegainTheRateA429Cut() {
        RatePacer pacer = pacer(Double.POSITIVE_INFINITY);
        pacer.throttled(limit(20, 0), null);
        assertEquals(15, pacer.rate(), 1e-9);

        for (int i = 0; i < 30; i++) {
            pacer.answered(limit(20, 0));
        }

        assertEquals(20, pacer.rate(), 1e-9);
    }

    @Test
    void withoutLimitHeadersThe429LearnsFromTheSuccessesOfTheLastSecond() {
        RatePacer pacer = pacer(Double.POSITIVE_INFINITY);
        for (int i = 0; i < 8; i++) {
            pacer.answered(RateLimits.NONE);
        }
        pacer.throttled(RateLimits.NONE, Duration.ofMillis(300));

        assertEquals(6, pacer.rate(), 1e-9);
        submit(pacer, 2);
        clock.runUntilIdle();
        assertEquals(List.of(300L, 466L), released);
    }

    @Test
    void a429BeforeAnySuccessHoldsButLearnsNoRateFromNothing() {
        RatePacer pacer = pacer(Double.POSITIVE_INFINITY);
        pacer.throttled(RateLimits.NONE, Duration.ofSeconds(1));

        submit(pacer, 2);
        clock.runUntilIdle();

        assertTrue(Double.isInfinite(pacer.rate()));
        assertEquals(List.of(1000L, 1000L), released);
    }

    @Test
    void aCancelledTurnIsDroppedWithoutTakingAnInterval() {
        RatePacer pacer = pacer(10);
        pacer.submit(turn(false), false);
        pacer.submit(turn(true), false);
        pacer.submit(turn(false), false);
        clock.runUntilIdle();

        assertEquals(List.of(0L, 100L), released);
        assertEquals(1, droppedTurns, "told, so that it gives back what it holds");
    }

    @Test
    void aClockThatReadsNegativeIsNoReasonToWait() {
        long origin = -4_000_000_000_000_000_000L; // System.nanoTime() may be anywhere, negative included
        RatePacer pacer = new RatePacer(Double.POSITIVE_INFINITY, true, clock, () -> origin + clock.nanoTime());

        submit(pacer, 2);

        assertEquals(List.of(0L, 0L), released);
    }

    @Test
    void withoutAdaptiveRateLimitA429NeitherHoldsNorSlowsAnyone() {
        RatePacer pacer = new RatePacer(Double.POSITIVE_INFINITY, false, clock, clock::nanoTime);
        pacer.throttled(limit(20, 0.5), null);

        submit(pacer, 2);

        assertTrue(Double.isInfinite(pacer.rate()));
        assertEquals(List.of(0L, 0L), released);
    }

    @Test
    void aRetryGoesBeforeThoseThatCameLater() {
        RatePacer pacer = pacer(10);
        List<String> order = new ArrayList<>();
        pacer.submit(named("first", order), false);
        pacer.submit(named("second", order), false);
        pacer.submit(named("retry", order), true);
        clock.runUntilIdle();

        assertEquals(List.of("first", "retry", "second"), order);
    }

    private static RatePacer.Turn named(String name, List<String> order) {
        return new RatePacer.Turn() {
            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void go() {
                order.add(name);
            }

            @Override
            public void dropped() {
            }
        };
    }
}
