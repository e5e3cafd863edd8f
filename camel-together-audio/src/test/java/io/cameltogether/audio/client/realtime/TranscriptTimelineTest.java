package io.cameltogether.audio.client.realtime;

import org.junit.jupiter.api.Test;

import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;
import io.cameltogether.audio.client.realtime.TranscriptTimeline.Placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transcripts across connections at 16 kHz mono: no speech lost, none emitted twice, in both event shapes. */
class TranscriptTimelineTest {

    private static final int BYTES_PER_SECOND = 32000;

    private final TranscriptTimeline timeline = new TranscriptTimeline(BYTES_PER_SECOND, 0);

    private static ServerEvent timed(String itemId, double start, double duration, String text) {
        return new ServerEvent(RealtimeProtocol.COMPLETED, text, null, itemId, start, duration, null, null, null, null,
                null);
    }

    private static ServerEvent bare(String text) {
        return new ServerEvent(RealtimeProtocol.COMPLETED, text, null, null, null, null, null, null, null, null, null);
    }

    private boolean emitted(ServerEvent event) {
        return timeline.placeFinal(event).emit();
    }

    @Test
    void timedFinalsAreShiftedByTheConnectionBaseAndCoverToWholeSamples() {
        timeline.connected(64000, false, false); // this connection's audio starts 2 s into the session
        ServerEvent event = timed("item-1", 1.23456, 0.5, "hello");

        // (1.23456 + 0.5) * 32000 = 55505.92 bytes = 27752.96 samples, rounded to 27753 samples
        assertEquals(64000 + 55506, timeline.coveredTo(event));
        assertEquals(-1, timeline.coveredTo(bare("hello")));
        Placement placement = timeline.placeFinal(event);
        assertTrue(placement.emit());
        assertEquals(3.23456, placement.start(), 1e-9);
        assertTrue(timeline.timed());
    }

    @Test
    void aReplayedTimedFinalWhoseMiddleLiesBeforeWhatWasEmittedIsDropped() {
        timeline.connected(0, false, false);
        assertTrue(emitted(timed("item-1", 0.0, 2.0, "one two")));

        timeline.connected(32000, true, false); // replay from 1 s
        Placement again = timeline.placeFinal(timed("item-1", 0.0, 1.0, "two")); // 1.0..2.0 s: middle before 2.0
        assertFalse(again.emit());
        Placement next = timeline.placeFinal(timed("item-2", 0.8, 1.0, "two three")); // 1.8..2.8 s: middle at 2.3
        assertTrue(next.emit());
        assertEquals(1.8, next.start(), 1e-9);
        assertTrue(timeline.emitPartial());
    }

    @Test
    void theSameItemTwiceOnOneConnectionIsDroppedButItemIdsAreNewOnEachConnection() {
        timeline.connected(0, false, false);
        assertTrue(emitted(timed("item-1", 0.0, 1.0, "hello")));
        assertFalse(emitted(timed("item-1", 1.0, 1.0, "world")));
        assertTrue(emitted(timed("item-2", 1.0, 1.0, "world")));

        timeline.connected(64000, false, false);
        assertTrue(emitted(timed("item-1", 0.0, 1.0, "again")), "a new connection numbers its items anew");
    }

    @Test
    void aReplaysBareFinalsThatRepeatTheOnesEmittedAreDroppedInOrderUntilNewSpeech() {
        timeline.connected(0, false, false);
        assertTrue(emitted(bare("Hello there.")));
        assertTrue(emitted(bare("How are you?")));
        assertTrue(emitted(bare("Fine, thanks.")));
        assertEquals(3, timeline.emittedFinals());

        timeline.connected(96000, true, false);
        assertFalse(timeline.emitPartial(), "partials of replayed audio are suppressed");
        assertFalse(emitted(bare("hello   THERE")));
        assertFalse(timeline.emitPartial());
        assertFalse(emitted(bare("how are you")));
        assertFalse(timeline.emitPartial());
        assertTrue(emitted(bare("Something new.")), "the first final matching none is new speech");
        assertTrue(timeline.emitPartial(), "the replay is over");
        assertTrue(emitted(bare("Fine, thanks.")), "said again after the replay, so emitted");
        assertEquals(5, timeline.emittedFinals());
    }

    @Test
    void finalsEmittedBeforeASettledFencesAnswerAreNoLongerReplayCandidates() {
        timeline.connected(0, false, false);
        emitted(bare("one"));
        emitted(bare("two"));
        emitted(bare("three"));
        timeline.fenceSettled(2); // its echo was answered after "one" and "two"
        assertEquals(3, timeline.emittedFinals());

        timeline.connected(64000, true, false);
        assertTrue(emitted(bare("two")), "audio before the settled fence is not replayed: this is new speech");

        timeline.connected(64000, true, false);
        assertFalse(emitted(bare("three")));
        assertTrue(emitted(bare("four")));
    }

    @Test
    void aReplayStartingAtASettledFenceDropsOnlyWhatFollowedItsAnswer() {
        timeline.connected(0, false, false);
        emitted(bare("one"));
        timeline.fenceSettled(1);
        emitted(bare("two"));

        timeline.connected(32000, true, false);
        assertFalse(emitted(bare("Two!")));
        assertTrue(timeline.emitPartial());
        assertTrue(emitted(bare("one")), "before the settled fence: not a replay");
    }

    @Test
    void aConnectionThatReplaysNothingSuppressesNothing() {
        timeline.connected(0, false, false);
        emitted(bare("Hello."));

        timeline.connected(32000, false, false);
        assertTrue(timeline.emitPartial());
        assertTrue(emitted(bare("hello")));
        assertTrue(timeline.emitPartial());
    }

    @Test
    void aReplayStartingInsideATurnAfterAGapEmitsItsCutFirstFinalAndGoesOnMatching() {
        timeline.connected(0, false, false);
        emitted(bare("Sentence number one."));
        emitted(bare("Sentence number two."));
        emitted(bare("Sentence number three."));

        timeline.connected(48000, true, true); // the buffer let go of the start of "two"
        assertTrue(emitted(bare("number two.")), "the cut turn: its words may be all that is left of it");
        assertFalse(emitted(bare("Sentence number three.")), "the replay goes on being matched");
        assertTrue(emitted(bare("Sentence number four.")));
    }
}
