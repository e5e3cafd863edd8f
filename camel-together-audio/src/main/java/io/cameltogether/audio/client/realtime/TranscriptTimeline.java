package io.cameltogether.audio.client.realtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cameltogether.audio.client.realtime.RealtimeProtocol.ServerEvent;

/**
 * Places a session's transcripts on the session's clock across connections, and keeps the transcripts of replayed
 * audio from being emitted twice.
 *
 * <ul>
 *   <li>Events with {@code start} and {@code duration} (optional in the API) are exact: each connection's clock
 *       starts at the offset its audio started from, a final covers the audio up to its end, and a replayed final
 *       whose middle lies before the end of what was already emitted is dropped.</li>
 *   <li>Events in the bare documented shape carry only text. Then a replay starts at the last settled fence (see
 *       {@link Fences}), and the finals emitted since that fence's echo was answered are what it can repeat: the new
 *       connection's finals that match them in order (case, punctuation and spacing aside) are dropped, as are its
 *       partials until the replay has passed them; the first final that matches none ends the replay, unless the
 *       replay started inside a turn (after a gap), whose cut first final is emitted and matching goes on.</li>
 * </ul>
 */
final class TranscriptTimeline {

    /** What to do with a final: emit it or not, with its start on the session's clock (or null). */
    record Placement(boolean emit, Double start) {
    }

    /** Enough finals for any replay buffer; more are only held while no fence settles, and forgotten first. */
    private static final int MAX_REMEMBERED = 1000;

    private final int bytesPerSecond;
    private final double streamStartSeconds;
    private final Set<String> itemsThisConnection = new HashSet<>();
    private long connectionBase;
    private boolean timed;
    private double lastEmittedEnd;
    /** Finals emitted since the last settled fence's answer, normalized; the first is final number firstIndex. */
    private final List<String> sinceSettled = new ArrayList<>();
    private int firstIndex;
    private List<String> replayable = List.of();
    private int replayed;
    private boolean cutTurnFirst;

    /** @param streamStartSeconds where in a longer stream (a call) the session's audio starts */
    TranscriptTimeline(int bytesPerSecond, double streamStartSeconds) {
        this.bytesPerSecond = bytesPerSecond;
        this.streamStartSeconds = streamStartSeconds;
    }

    /**
     * A new connection whose audio starts at this offset.
     *
     * @param replaying     it re-sends held audio
     * @param insideATurn   the replay starts where the buffer let go of older audio, perhaps inside a turn
     */
    void connected(long baseOffset, boolean replaying, boolean insideATurn) {
        connectionBase = baseOffset;
        itemsThisConnection.clear();
        replayable = replaying ? List.copyOf(sinceSettled) : List.of();
        replayed = 0;
        cutTurnFirst = replaying && insideATurn;
    }

    /** Whether the server has said which audio its transcripts cover. */
    boolean timed() {
        return timed;
    }

    int emittedFinals() {
        return firstIndex + sinceSettled.size();
    }

    /** A fence settled: finals emitted before its echo was answered cannot come again. */
    void fenceSettled(int finalsBeforeAnswer) {
        int drop = Math.min(sinceSettled.size(), Math.max(0, finalsBeforeAnswer - firstIndex));
        sinceSettled.subList(0, drop).clear();
        firstIndex += drop;
    }

    /** The offset up to which a timed final covers the session's audio, or -1 if the final is not timed. */
    long coveredTo(ServerEvent event) {
        if (!event.timed()) {
            return -1;
        }
        return connectionBase + Math.round((event.start() + event.duration()) * bytesPerSecond / 2) * 2;
    }

    /** The event's start on the session's clock (the stream's, if it started later), or null if not said. */
    Double sessionStart(ServerEvent event) {
        return event.start() == null
                ? null : streamStartSeconds + (double) connectionBase / bytesPerSecond + event.start();
    }

    Placement placeFinal(ServerEvent event) {
        Double start = sessionStart(event);
        if (event.itemId() != null && !itemsThisConnection.add(event.itemId())) {
            return new Placement(false, start);
        }
        if (event.timed()) {
            timed = true;
            if (start + event.duration() / 2 < lastEmittedEnd) {
                return new Placement(false, start);
            }
            lastEmittedEnd = Math.max(lastEmittedEnd, start + event.duration());
            return new Placement(true, start);
        }
        String text = normalize(event.text());
        if (isReplayOf(text)) {
            return new Placement(false, start);
        }
        sinceSettled.add(text);
        if (sinceSettled.size() > MAX_REMEMBERED) {
            sinceSettled.remove(0);
            firstIndex++;
        }
        return new Placement(true, start);
    }

    /**
     * Bare events: partials of audio whose finals were already emitted are not emitted again. Timed partials always
     * pass: a partial only ever stands in for its turn's final, which is de-duplicated by time.
     */
    boolean emitPartial() {
        return timed || replayed >= replayable.size();
    }

    private boolean isReplayOf(String text) {
        boolean first = cutTurnFirst;
        cutTurnFirst = false;
        for (int i = replayed; i < replayable.size(); i++) {
            if (replayable.get(i).equals(text)) {
                replayed = i + 1;
                return true;
            }
        }
        if (!first) {
            replayed = replayable.size(); // new speech: the replay is over
        }
        return false;
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s]+", " ").strip();
    }
}
