package io.cameltogether.audio.client.realtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finals across connections: none emitted twice, none lost, whatever timing fields the server sends. Turns here are
 * a second each (32,000 bytes at 16 kHz), the speech of turn n placed from n.25 s to n.75 s.
 */
class TranscriptTimelineTest {

    private final TranscriptTimeline timeline = new TranscriptTimeline();

    /** Where the speech of the n-th second's turn was placed. */
    private static SpeechPositions.Span turn(int n) {
        return new SpeechPositions.Span(n * 32_000L + 8_000, n * 32_000L + 24_000);
    }

    private boolean isNew(String text, int turn) {
        return timeline.isNewFinal(null, text, turn(turn));
    }

    @Test
    void theSameItemTwiceOnOneConnectionIsDroppedButItemIdsAreNewOnEachConnection() {
        timeline.connected(-1, false);
        assertTrue(timeline.isNewFinal("item-1", "hello", turn(0)));
        assertFalse(timeline.isNewFinal("item-1", "world", turn(1)));
        assertTrue(timeline.isNewFinal("item-2", "world", turn(1)));

        timeline.connected(-1, false);
        assertTrue(timeline.isNewFinal("item-1", "again", turn(2)), "a new connection numbers its items anew");
    }

    @Test
    void itemIdsAreRememberedForTheRecentFinalsOnly() {
        timeline.connected(-1, false);
        for (int i = 0; i < 300; i++) {
            assertTrue(timeline.isNewFinal("item-" + i, "words " + i, turn(i)));
        }
        assertFalse(timeline.isNewFinal("item-299", "words 299", turn(300)), "a recent item sent twice");
        assertTrue(timeline.isNewFinal("item-0", "later words", turn(301)), "long forgotten: its id was let go");
    }

    @Test
    void aReplaysFinalsThatRepeatTheOnesEmittedInTheirPlaceAreDroppedUntilNewSpeech() {
        timeline.connected(-1, false);
        assertTrue(isNew("Hello there.", 0));
        assertTrue(isNew("How are you?", 1));
        assertTrue(isNew("Fine, thanks.", 2));
        assertEquals(3, timeline.emittedFinals());

        timeline.connected(0, false);
        assertFalse(timeline.isNewPartial(), "partials of replayed audio are suppressed");
        assertFalse(isNew("hello   THERE", 0));
        assertFalse(timeline.isNewPartial());
        assertFalse(isNew("how are you", 1));
        assertFalse(isNew("fine thanks", 2));
        assertTrue(timeline.isNewPartial(), "the replay is over");
        assertTrue(isNew("Fine, thanks.", 3), "said again after the replayed speech: new");
        assertEquals(4, timeline.emittedFinals());
    }

    @Test
    void otherWordsInTheirPlaceAreEmittedAgainAndMatchingGoesOn() {
        timeline.connected(-1, false);
        isNew("one", 0);
        isNew("two", 1);
        isNew("three", 2);

        timeline.connected(0, false);
        assertFalse(isNew("one", 0));
        assertTrue(isNew("to", 1), "worded differently: emitted again rather than lost");
        assertFalse(isNew("three", 2), "the replay goes on being matched");
        assertTrue(isNew("four", 3));
    }

    @Test
    void emittedFinalsTheReplayDidNotRepeatArePassedOver() {
        timeline.connected(-1, false);
        isNew("one", 0);
        isNew("two", 1);
        isNew("three", 2);

        timeline.connected(0, false);
        assertFalse(isNew("three", 2), "the server heard nothing in the first two seconds this time");
        assertTrue(isNew("four", 3));
    }

    @Test
    void finalsEmittedBeforeASettledFencesAnswerAreNoLongerReplayCandidates() {
        timeline.connected(-1, false);
        isNew("one", 0);
        isNew("two", 1);
        isNew("three", 2);
        timeline.coveredTo(64_000, 2, false); // its echo was answered after "one" and "two"

        timeline.connected(64_000, false);
        assertFalse(isNew("three", 2), "only the final after the answer is replayed");
        assertTrue(isNew("two", 3), "the same words later: new speech");
    }

    @Test
    void behindAWatermarkOnlyFinalsWhoseSpeechEndsBeforeItAreLetGo() {
        timeline.connected(-1, false);
        isNew("one", 0);
        isNew("two", 1);
        // a watermark lagging behind the finals: "two" was emitted before it, but its speech ends after it
        timeline.coveredTo(48_000, 2, true);

        timeline.connected(48_000, false);
        assertFalse(isNew("two", 1), "its audio is replayed: a repeat");
        assertTrue(isNew("one", 2), "the same words in later speech: new");
    }

    @Test
    void theSameWordsSaidAgainAfterTheReplaysStartAreNewSpeechNotAReplayOfAnOlderFinal() {
        timeline.connected(-1, false);
        assertTrue(isNew("Yes.", 0));
        // its fence settled, but the final came after the echo's answer: it is still remembered
        timeline.coveredTo(32_000, 0, false);

        timeline.connected(32_000, false); // the replay starts after its speech

        assertTrue(isNew("yes", 2), "said again: new");
    }

    @Test
    void aConnectionThatReplaysNothingSuppressesNothing() {
        timeline.connected(-1, false);
        isNew("Hello.", 0);

        timeline.connected(-1, false); // nothing held: nothing replayed
        assertTrue(timeline.isNewPartial());
        assertTrue(isNew("hello", 1));
        assertTrue(timeline.isNewPartial());
    }

    @Test
    void aReplayStartingInsideATurnAfterAGapEmitsItsCutFirstFinalAndGoesOnMatching() {
        timeline.connected(-1, false);
        isNew("Sentence number one.", 0);
        isNew("Sentence number two.", 1);
        isNew("Sentence number three.", 2);

        timeline.connected(48_000, true); // the buffer let go of the start of "two"
        assertTrue(timeline.isNewFinal(null, "number two.", new SpeechPositions.Span(48_000, 56_000)),
                "the cut turn: its words may be all that is left of it");
        assertFalse(isNew("Sentence number three.", 2), "the replay goes on being matched");
        assertTrue(isNew("Sentence number four.", 3));
    }
}
