package io.cameltogether.audio.client.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.Fences.Fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fences alone, on an explicit clock: a fence settles only once every transcript of the audio before it is in. */
class FencesTest {

    private static final long T0 = TimeUnit.SECONDS.toNanos(1000);

    private final Fences fences = new Fences("call-1", TimeUnit.MILLISECONDS.toNanos(300));

    private static long ms(long millis) {
        return T0 + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Sends the fences due up to the offset, as the session's pump does, and returns them. */
    private List<Fence> due(long upTo) {
        List<Fence> sent = new ArrayList<>();
        for (Fence fence = fences.nextDue(upTo); fence != null; fence = fences.nextDue(upTo)) {
            fence.sent = true;
            fence.sentAt = ms(0);
            sent.add(fence);
        }
        return sent;
    }

    @Test
    void aFenceSettlesOnlyAfterItsAnswerAndTheQuietSinceTheLaterOfAnswerAndLastFinal() {
        Fence fence = fences.place(3200);
        due(3200);
        fences.finalArrived(ms(0));
        assertEquals(-1, fences.nanosUntilSettle(ms(5000)), "unanswered: never, however quiet");
        assertNull(fences.settleNext(ms(5000)));

        assertTrue(fences.answered(fence.echoId, ms(100), 0));
        fences.finalArrived(ms(150)); // a final still arriving after the answer
        assertEquals(TimeUnit.MILLISECONDS.toNanos(250), fences.nanosUntilSettle(ms(200)));
        assertNull(fences.settleNext(ms(449)));
        assertSame(fence, fences.settleNext(ms(450)));
        assertTrue(fences.isEmpty());
    }

    @Test
    void quietIsCountedFromTheAnswerWhenTheLastTranscriptionCameBeforeIt() {
        Fence fence = fences.place(3200);
        due(3200);
        fences.finalArrived(ms(50));
        fences.answered(fence.echoId, ms(100), 0);

        assertNull(fences.settleNext(ms(399)));
        assertSame(fence, fences.settleNext(ms(400)));
    }

    @Test
    void aTurnShowingPartialsAtTheAnswerHoldsTheFenceUntilItsFinal() {
        Fence fence = fences.place(3200);
        due(3200);
        fences.partialArrived(ms(50)); // speech before the fence, not yet final
        fences.answered(fence.echoId, ms(100), 0);

        assertEquals(-1, fences.nanosUntilSettle(ms(5000)), "its final is still due");
        fences.finalArrived(ms(5000));
        assertNull(fences.settleNext(ms(5299)));
        assertSame(fence, fences.settleNext(ms(5300)));
    }

    @Test
    void partialsOfLaterSpeechDoNotHoldTheFence() {
        Fence fence = fences.place(3200);
        due(3200);
        fences.finalArrived(ms(50)); // the turn before the pause is final
        fences.answered(fence.echoId, ms(100), 1);
        fences.partialArrived(ms(250)); // the next sentence has begun

        assertSame(fence, fences.settleNext(ms(400)), "settled in the pause, though the next turn is under way");
    }

    @Test
    void fencesSettleInOrderAndAnUnansweredFenceBlocksLaterOnes() {
        Fence first = fences.place(100);
        Fence second = fences.place(200);
        assertEquals(List.of(first, second), due(200));

        assertTrue(fences.answered(second.echoId, ms(0), 0));
        assertEquals(-1, fences.nanosUntilSettle(ms(1000)));
        assertNull(fences.settleNext(ms(1000)), "the later fence waits for the earlier one");

        assertTrue(fences.answered(first.echoId, ms(1000), 0));
        assertNull(fences.settleNext(ms(1299)));
        assertSame(first, fences.settleNext(ms(1300)));
        assertSame(second, fences.settleNext(ms(1300)));
        assertNull(fences.settleNext(ms(1300)));
        assertTrue(fences.isEmpty());
    }

    @Test
    void anEchoThatIsNotOursOrOfAFenceNotYetSentAnswersNothing() {
        Fence fence = fences.place(100);
        assertFalse(fences.answered("someone-else-fence-1", ms(0), 0));
        assertFalse(fences.answered(fence.echoId, ms(0), 0), "not sent on this connection");
        assertEquals(-1, fences.nanosUntilSettle(ms(1000)));

        due(100);
        assertTrue(fences.answered(fence.echoId, ms(0), 2));
        assertEquals(2, fence.finalsBeforeAnswer, "the finals emitted before the answer are recorded");
    }

    @Test
    void placingTwiceAtTheSameOffsetSharesOneFence() {
        Fence first = fences.place(100);
        assertSame(first, fences.place(100));
        Fence next = fences.place(200);

        assertNotEquals(first, next);
        assertNotEquals(first.echoId, next.echoId);
        assertSame(next, fences.last());
        assertEquals(List.of(first, next), due(Long.MAX_VALUE));
    }

    @Test
    void dueReturnsOnlyTheUnsentFencesAtOrBeforeTheOffset() {
        Fence a = fences.place(100);
        Fence b = fences.place(200);
        Fence c = fences.place(300);

        assertEquals(List.of(), due(99));
        assertEquals(List.of(a), due(199));
        assertEquals(List.of(b), due(200));
        assertEquals(List.of(), due(250), "already sent");
        assertEquals(List.of(c), due(1000));
    }

    @Test
    void resendMakesEveryPendingFenceDueAgainAndUnanswered() {
        Fence a = fences.place(100);
        Fence b = fences.place(200);
        due(200);
        fences.answered(a.echoId, ms(0), 0);
        fences.answered(b.echoId, ms(0), 0);

        fences.resend();

        assertEquals(-1, fences.nanosUntilSettle(ms(10_000)), "the old connection's answers no longer count");
        assertNull(fences.settleNext(ms(10_000)));
        assertFalse(fences.answered(a.echoId, ms(10_000), 0), "not yet sent on the new connection");
        assertEquals(List.of(a, b), due(200));
        assertTrue(fences.answered(a.echoId, ms(10_000), 0));
        assertSame(a, fences.settleNext(ms(10_300)));
    }

    @Test
    void settleAllAndFailAllCompleteEveryPendingFence() {
        Fence a = fences.place(100);
        Fence b = fences.place(200);
        fences.settleAll();
        assertTrue(fences.isEmpty());
        for (Fence f : List.of(a, b)) {
            assertTrue(f.written.isDone() && !f.written.isCompletedExceptionally());
            assertTrue(f.settled.isDone() && !f.settled.isCompletedExceptionally());
        }

        Fence c = fences.place(300);
        fences.failAll(new IllegalStateException("gave up"));
        assertTrue(fences.isEmpty());
        assertTrue(c.written.isCompletedExceptionally());
        assertTrue(c.settled.isCompletedExceptionally());
    }

    @Test
    void aWatermarkSettlesEveryFenceBehindItAtOnceAnsweredOrNot() {
        Fence a = fences.place(100);
        Fence b = fences.place(200);
        Fence c = fences.place(300);
        due(300);

        assertEquals(List.of(a, b), fences.settleUpTo(250), "no echo answer or quiet needed");
        assertSame(c, fences.last());
        assertEquals(List.of(), fences.settleUpTo(299));
    }

    @Test
    void aTurnLeftOpenPastTheBoundIsStalledAndGivingItUpFailsItsFences() {
        Fence a = fences.place(100);
        Fence b = fences.place(200);
        Fence c = fences.place(300);
        due(300);
        fences.partialArrived(ms(50));
        fences.answered(a.echoId, ms(100), 0);
        fences.answered(b.echoId, ms(100), 0);
        long bound = TimeUnit.SECONDS.toNanos(30);

        assertNull(fences.stalled(ms(30_100), bound, false), "within the bound");
        assertSame(a, fences.stalled(ms(30_101), bound, false));
        fences.abandonUpTo(b, new IllegalStateException("stalled"));

        assertTrue(a.settled.isCompletedExceptionally() && b.settled.isCompletedExceptionally());
        assertTrue(a.written.isDone() && !a.written.isCompletedExceptionally(), "they were written");
        assertSame(c, fences.last());
        assertNull(fences.stalled(ms(30_000), bound, false), "the next fence is not answered yet, but within the bound");
    }

    @Test
    void aFinalAfterTheAnswerEndsTheStall() {
        Fence a = fences.place(100);
        due(100);
        fences.partialArrived(ms(50));
        fences.answered(a.echoId, ms(100), 0);
        fences.finalArrived(ms(20_000));

        assertNull(fences.stalled(ms(60_000), TimeUnit.SECONDS.toNanos(30), false));
    }

    @Test
    void aFenceWhoseEchoIsNeverAnsweredStallsPastTheBound() {
        Fence fence = fences.place(100);
        due(100);
        long bound = TimeUnit.SECONDS.toNanos(30);

        assertNull(fences.stalled(ms(30_000), bound, false));
        assertSame(fence, fences.stalled(ms(30_001), bound, false), "a server that transcribes but never answers");
    }

    @Test
    void quietWhileTheServersEventsWereHeldBackCountsForNothing() {
        Fence fence = fences.place(3200);
        due(3200);
        fences.answered(fence.echoId, ms(100), 0);
        fences.readingResumed(ms(5000)); // events held back until now: finals may be among them

        assertNull(fences.settleNext(ms(5299)));
        assertSame(fence, fences.settleNext(ms(5300)));
    }

    @Test
    void timeWhileTheServersEventsWereHeldBackDoesNotCountTowardsAStall() {
        Fence fence = fences.place(100);
        due(100);
        long bound = TimeUnit.SECONDS.toNanos(30);
        fences.readingResumed(ms(25_000)); // its answer may have waited unread until now

        assertNull(fences.stalled(ms(50_000), bound, false));
        assertSame(fence, fences.stalled(ms(55_001), bound, false));
    }

    @Test
    void whereOnlyTheWatermarkSettlesAnAnsweredFenceItNeverPassesStallsWithoutAnOpenTurn() {
        Fence fence = fences.place(100);
        due(100);
        fences.answered(fence.echoId, ms(100), 0);
        long bound = TimeUnit.SECONDS.toNanos(30);

        assertNull(fences.stalled(ms(60_000), bound, false), "quiet settles it where the watermark does not rule");
        assertSame(fence, fences.stalled(ms(30_101), bound, true));
    }
}
