package io.cameltogether.audio.client.realtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finals across connections: none emitted twice, none lost, whatever timing fields the server sends. */
class TranscriptTimelineTest {

    private final TranscriptTimeline timeline = new TranscriptTimeline();
    private long placedEnd;

    /** A final without an item id, its speech placed after the previous one's. */
    private boolean emitted(String text) {
        return timeline.isNewFinal(null, text, placedEnd += 32_000);
    }

    @Test
    void theSameItemTwiceOnOneConnectionIsDroppedButItemIdsAreNewOnEachConnection() {
        timeline.connected(-1, false);
        assertTrue(timeline.isNewFinal("item-1", "hello", 32_000));
        assertFalse(timeline.isNewFinal("item-1", "world", 64_000));
        assertTrue(timeline.isNewFinal("item-2", "world", 64_000));

        timeline.connected(-1, false);
        assertTrue(timeline.isNewFinal("item-1", "again", 96_000), "a new connection numbers its items anew");
    }

    @Test
    void itemIdsAreRememberedForTheRecentFinalsOnly() {
        timeline.connected(-1, false);
        for (int i = 0; i < 300; i++) {
            assertTrue(timeline.isNewFinal("item-" + i, "words " + i, i));
        }
        assertFalse(timeline.isNewFinal("item-299", "words 299", 300), "a recent item sent twice");
        assertTrue(timeline.isNewFinal("item-0", "later words", 301), "long forgotten: its id was let go");
    }

    @Test
    void aReplaysFinalsThatRepeatTheOnesEmittedAreDroppedInOrderUntilNewSpeech() {
        timeline.connected(-1, false);
        assertTrue(emitted("Hello there."));
        assertTrue(emitted("How are you?"));
        assertTrue(emitted("Fine, thanks."));
        assertEquals(3, timeline.emittedFinals());

        timeline.connected(0, false);
        assertFalse(timeline.isNewPartial(), "partials of replayed audio are suppressed");
        assertFalse(emitted("hello   THERE"));
        assertFalse(timeline.isNewPartial());
        assertFalse(emitted("how are you"));
        assertFalse(timeline.isNewPartial());
        assertTrue(emitted("Something new."), "the first final matching none is new speech");
        assertTrue(timeline.isNewPartial(), "the replay is over");
        assertTrue(emitted("Fine, thanks."), "said again after the replay, so emitted");
        assertEquals(5, timeline.emittedFinals());
    }

    @Test
    void finalsEmittedBeforeASettledFencesAnswerAreNoLongerReplayCandidates() {
        timeline.connected(-1, false);
        emitted("one");
        emitted("two");
        emitted("three");
        timeline.coveredTo(64_000, 2, false); // its echo was answered after "one" and "two"

        timeline.connected(64_000, false);
        assertTrue(emitted("two"), "audio before the settled fence is not replayed: this is new speech");

        timeline.connected(64_000, false);
        assertFalse(emitted("three"));
        assertTrue(emitted("four"));
    }

    @Test
    void behindAWatermarkOnlyFinalsWhoseSpeechEndsBeforeItAreLetGo() {
        timeline.connected(-1, false);
        timeline.isNewFinal(null, "one", 32_000);
        timeline.isNewFinal(null, "two", 64_000);
        // a watermark lagging behind the finals: "two" was emitted before it, but its speech ends after it
        timeline.coveredTo(48_000, 2, true);

        timeline.connected(48_000, false);
        assertFalse(timeline.isNewFinal(null, "two", 64_000), "its audio is replayed: a repeat");
        assertTrue(timeline.isNewFinal(null, "one", 96_000), "behind the watermark: new speech");
    }

    @Test
    void aReplayStartingAtASettledFenceDropsOnlyWhatFollowedItsAnswer() {
        timeline.connected(-1, false);
        emitted("one");
        timeline.coveredTo(32_000, 1, false);
        emitted("two");

        timeline.connected(32_000, false);
        assertFalse(emitted("Two!"));
        assertTrue(timeline.isNewPartial());
        assertTrue(emitted("one"), "before the settled fence: not a replay");
    }

    @Test
    void aConnectionThatReplaysNothingSuppressesNothing() {
        timeline.connected(-1, false);
        emitted("Hello.");

        timeline.connected(-1, false); // nothing held: nothing replayed
        assertTrue(timeline.isNewPartial());
        assertTrue(emitted("hello"));
        assertTrue(timeline.isNewPartial());
    }

    @Test
    void aReplayStartingInsideATurnAfterAGapEmitsItsCutFirstFinalAndGoesOnMatching() {
        timeline.connected(-1, false);
        emitted("Sentence number one.");
        emitted("Sentence number two.");
        emitted("Sentence number three.");

        timeline.connected(48_000, true); // the buffer let go of the start of "two", whose speech ends at 64 000
        assertTrue(emitted("number two."), "the cut turn: its words may be all that is left of it");
        assertFalse(emitted("Sentence number three."), "the replay goes on being matched");
        assertTrue(emitted("Sentence number four."));
    }

    @Test
    void theSameWordsSaidAgainAfterTheReplaysStartAreNewSpeechNotAReplayOfAnOlderFinal() {
        timeline.connected(-1, false);
        assertTrue(timeline.isNewFinal(null, "Yes.", 32_000));
        // its fence settled, but the final came after the echo's answer: it is still remembered
        timeline.coveredTo(48_000, 0, false);

        timeline.connected(48_000, false); // the replay starts after its speech

        assertTrue(timeline.isNewFinal(null, "yes", 80_000), "said again: new");
    }

    @Test
    void aReplayMatchesItsFinalsOneByOneAndAFinalOutOfTurnEndsIt() {
        timeline.connected(-1, false);
        emitted("one");
        emitted("two");
        emitted("three");

        timeline.connected(0, false);
        assertFalse(emitted("one"));
        assertTrue(emitted("three"), "not the next expected: new speech, the replay is over");
        assertTrue(emitted("two"));
    }
}
