package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the transcripts of replayed audio from being emitted twice, without trusting the server's clock. A replay
 * starts where the session's audio is covered (see {@link Fences} and the {@code processed} watermark); the finals
 * emitted that a replay may repeat are those whose speech the session placed at or after the replay's start. The new
 * connection's finals are placed again from the same start, in the same stretches of speech, so each is compared with
 * the emitted final in its place: the same words (case, punctuation and spacing aside) are a repeat and dropped, as
 * are partials until the replay has passed the emitted finals; other words in that place are emitted (a duplicate
 * rather than a loss) and matching goes on after them; a final placed beyond the last of them ends the replay.
 * After a gap the replay may start inside a turn: its cut first final is emitted in place of that turn's. The same
 * words said again after the replayed speech are new speech, never taken for a repeat.
 */
final class TranscriptTimeline {

    /** An emitted final a replay may repeat: its text, normalized, where its speech ends, and its number. */
    private record Emitted(String text, long end, int number) {
    }

    /** What a replay is matched against: the emitted finals placed in the replayed audio, in order. */
    private List<Emitted> replayable = List.of();

    /** Enough finals for any replay buffer; more are only held while no coverage comes, and forgotten first. */
    private static final int MAX_REMEMBERED = 1000;
    /** Item ids of the connection kept to spot a final sent twice; a resend comes soon after, if at all. */
    private static final int MAX_ITEM_IDS = 256;

    private final LinkedHashSet<String> recentItems = new LinkedHashSet<>();
    private final ArrayDeque<Emitted> sinceCovered = new ArrayDeque<>();
    private int emitted;
    private int replayed;
    private boolean cutTurnFirst;

    /**
     * A new connection.
     *
     * @param replayFrom    where the audio it re-sends starts, or -1 when it re-sends none
     * @param insideATurn   the replay starts where the buffer let go of older audio, perhaps inside a turn
     */
    void connected(long replayFrom, boolean insideATurn) {
        recentItems.clear();
        replayable = replayFrom < 0 ? List.of()
                : sinceCovered.stream().filter(e -> e.end() >= replayFrom).toList();
        replayed = 0;
        cutTurnFirst = !replayable.isEmpty() && insideATurn;
    }

    /** Finals emitted so far. */
    int emittedFinals() {
        return emitted;
    }

    /**
     * Audio up to this offset is covered: the finals emitted before the coverage was known, whose speech ends
     * before the offset (where {@code byPlace}), cannot come again.
     */
    void coveredTo(long offset, int finalsBefore, boolean byPlace) {
        for (Iterator<Emitted> it = sinceCovered.iterator(); it.hasNext(); ) {
            Emitted earlier = it.next();
            if (earlier.number() < finalsBefore && (!byPlace || earlier.end() <= offset)) {
                it.remove();
            }
        }
    }

    /**
     * Whether a final is new, not a replay or a resend of one already emitted.
     *
     * @param placed where the session placed its speech
     */
    boolean isNewFinal(String itemId, String text, SpeechPositions.Span placed) {
        if (itemId != null && !recentItems.add(itemId)) {
            return false;
        }
        if (recentItems.size() > MAX_ITEM_IDS) {
            recentItems.remove(recentItems.iterator().next());
        }
        String normalized = normalize(text);
        if (isReplayOf(normalized, placed)) {
            return false;
        }
        sinceCovered.addLast(new Emitted(normalized, placed.end(), emitted++));
        if (sinceCovered.size() > MAX_REMEMBERED) {
            sinceCovered.removeFirst();
        }
        return true;
    }

    /** Partials of audio whose finals were already emitted are not emitted again. */
    boolean isNewPartial() {
        return replayed >= replayable.size();
    }

    private boolean isReplayOf(String text, SpeechPositions.Span placed) {
        while (replayed < replayable.size() && replayable.get(replayed).end() < placed.start()) {
            replayed++; // emitted finals before this one's speech: the replay did not repeat them
        }
        if (replayed >= replayable.size()) {
            return false;
        }
        if (cutTurnFirst) { // what is left of the cut turn: new words, in place of the turn's final
            cutTurnFirst = false;
            replayed++;
            return false;
        }
        if (replayable.get(replayed).text().equals(text)) {
            replayed++;
            return true;
        }
        if (placed.start() < replayable.get(replayable.size() - 1).end()) {
            replayed++; // other words in the place of an emitted final: emitted again, rather than lost
        } else {
            replayed = replayable.size(); // beyond what was emitted: new speech, the replay is over
        }
        return false;
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+", " ").strip();
    }
}
