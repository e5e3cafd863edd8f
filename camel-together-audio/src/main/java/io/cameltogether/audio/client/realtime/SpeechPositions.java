package io.cameltogether.audio.client.realtime;

import java.util.ArrayDeque;

/**
 * Places transcripts in the audio the route sent, from what the component measured of it, never from the server's
 * {@code start}/{@code duration} (on a consumed-speech clock that skips silence). Finals come in the order of the
 * speech they transcribe, so each final takes the next stretch of speech the {@link SpeechDetector} found after
 * the last one placed: from its onset to where its quiet began, or to where the turn was cut before that (a commit,
 * or the server's longest turn); without server turn detection, all the speech up to the next commit. Audio covered (every transcript before it in) is placed: the next final starts after
 * it, so a stretch the server heard as no speech shifts the placement of one final at most. A replay places its
 * finals again from where it starts. Used on the session's context only; all offsets are bytes of session audio.
 */
final class SpeechPositions {

    /** Where a transcript's speech lies: bytes of session audio, end exclusive. */
    record Span(long start, long end) {
    }

    /** Stretches and cuts kept at most; older ones are let go (their audio is long covered or lost). */
    private static final int MAX_KEPT = 1024;

    private final ArrayDeque<SpeechDetector.Stretch> stretches = new ArrayDeque<>();
    /** Offsets where a commit cut the server's turn. */
    private final ArrayDeque<Long> cuts = new ArrayDeque<>();
    /** Where the server cuts a turn that goes on, from its speech's onset; 0 when only commits end turns. */
    private final long maxTurnBytes;
    private long openOnset = -1;
    private long placedTo;

    /**
     * @param maxTurnBytes with server turn detection, where the server cuts a turn that goes on, counted from its
     *                     speech's onset; 0 without it, when a turn is everything up to a commit
     */
    SpeechPositions(long maxTurnBytes) {
        this.maxTurnBytes = maxTurnBytes;
    }

    /** What the detector found in the audio appended at this offset. */
    void heard(SpeechDetector.Marks marks, long offset) {
        for (SpeechDetector.Stretch stretch : marks.ended()) {
            keep(stretches, new SpeechDetector.Stretch(offset + stretch.onset(), offset + stretch.end()));
        }
        openOnset = marks.openOnset() == null ? -1 : offset + marks.openOnset();
    }

    /** A commit at this offset ends the server's turn there. */
    void cut(long offset) {
        if (cuts.isEmpty() || cuts.peekLast() < offset) {
            keep(cuts, offset);
        }
    }

    /** Places a final of audio sent up to {@code sent}; the next final is placed after it. */
    Span placeFinal(long sent) {
        Span span = next(sent);
        placedTo = Math.max(placedTo, span.end());
        return span;
    }

    /** Where the audio not yet placed in a transcript begins. */
    long placedTo() {
        return placedTo;
    }

    /** Whether speech was heard after the audio placed in transcripts, before this offset. */
    boolean speechAfterPlaced(long before) {
        return openOnset >= 0 && openOnset < before
                || stretches.stream().anyMatch(s -> s.end() > placedTo && s.onset() < before);
    }

    /** Where the partial transcript of the turn in progress begins. */
    long placePartial(long sent) {
        return next(sent).start();
    }

    private Span next(long sent) {
        long start = -1;
        long speechEnd = sent;
        for (SpeechDetector.Stretch stretch : stretches) {
            if (stretch.end() > placedTo) {
                start = Math.max(placedTo, stretch.onset());
                speechEnd = stretch.end();
                break;
            }
        }
        if (start < 0 && openOnset >= 0) {
            start = Math.max(placedTo, openOnset);
        }
        if (start < 0 || start >= sent) { // no speech heard where the server heard some: placed where the last ended
            long at = Math.min(placedTo, sent);
            return new Span(at, at);
        }
        long cut = sent;
        for (long at : cuts) {
            if (at > start) {
                cut = Math.min(at, sent);
                break;
            }
        }
        if (maxTurnBytes > 0) { // a pause, the longest turn or a commit ends it
            return new Span(start, Math.min(Math.min(speechEnd, cut), start + maxTurnBytes));
        }
        return new Span(start, speechUpTo(start, cut)); // everything said up to the commit
    }

    /** Where the speech after {@code start} and before {@code cut} ends: at the cut if some is under way there. */
    private long speechUpTo(long start, long cut) {
        if (openOnset >= 0 && openOnset < cut) {
            return cut;
        }
        long end = start;
        for (SpeechDetector.Stretch stretch : stretches) {
            if (stretch.onset() < cut && stretch.end() > start) {
                end = Math.max(end, Math.min(stretch.end(), cut));
            }
        }
        return end;
    }

    /** Every transcript of the audio before this offset has arrived: later finals are of later speech. */
    void coveredTo(long offset) {
        placedTo = Math.max(placedTo, offset);
        while (!stretches.isEmpty() && stretches.peekFirst().end() <= offset) {
            stretches.removeFirst();
        }
        while (!cuts.isEmpty() && cuts.peekFirst() <= offset) {
            cuts.removeFirst();
        }
    }

    /** A new connection re-sends the audio from this offset: its finals are placed from there again. */
    void replayFrom(long offset) {
        placedTo = offset;
    }

    private static <T> void keep(ArrayDeque<T> kept, T value) {
        kept.addLast(value);
        if (kept.size() > MAX_KEPT) {
            kept.removeFirst();
        }
    }
}
