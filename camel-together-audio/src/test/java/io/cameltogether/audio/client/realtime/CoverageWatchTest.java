package io.cameltogether.audio.client.realtime;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watches on appended audio: covered once the coverage passes their end, failed where a turn failed. */
class CoverageWatchTest {

    private final CoverageWatch coverage = new CoverageWatch(Runnable::run, () -> CompletableFuture.completedFuture(null));

    private CompletableFuture<Void> watch(long start, long end) {
        CompletableFuture<Void> covered = new CompletableFuture<>();
        coverage.watch(start, end, covered);
        return covered;
    }

    @Test
    void aFailedTurnFailsTheWatchesItOverlapsAndNoOthers() {
        CompletableFuture<Void> before = watch(0, 1000);
        CompletableFuture<Void> during = watch(1000, 2000);
        CompletableFuture<Void> after = watch(2000, 3000);
        coverage.turnFailed(1200, 1800, RealtimeException.turnFailed("call", "failed", "x", null));

        coverage.coveredTo(3000);

        assertTrue(before.isDone() && !before.isCompletedExceptionally());
        assertTrue(during.isCompletedExceptionally());
        assertTrue(after.isDone() && !after.isCompletedExceptionally());
    }

    @Test
    void aCoverageThatReachesNoWatchDoesNotUseTheFailureUp() {
        CompletableFuture<Void> failedTurn = watch(0, 16_000);
        coverage.turnFailed(2000, 6000, RealtimeException.turnFailed("call", "failed", "x", null));

        coverage.coveredTo(3200); // a watermark step inside the chunk
        assertFalse(failedTurn.isDone());
        coverage.coveredTo(16_000);

        assertTrue(failedTurn.isCompletedExceptionally(), "the chunk holding the failed turn is not covered");
    }
}
