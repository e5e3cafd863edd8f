package io.cameltogether.audio.client.split;

import java.util.Locale;

import io.cameltogether.audio.client.request.AudioSource;

/**
 * One part of a split recording: its audio, a file of its own, and where it lies on the whole recording's clock.
 *
 * @param number      1 for the first part
 * @param clockOffset what puts a time in the part's transcript on the recording's clock, added to it: the part's
 *                    start, less what its decoded sound begins with from before that (an MP3 part's lead-in frame,
 *                    a decoder's delay)
 * @param soundStart  where the part's own sound begins on the recording's clock: no time in its transcript is put
 *                    before it, as what comes before is the lead-in's silence or the delay
 */
public record AudioPart(int number, int count, double startSeconds, double endSeconds, AudioSource audio,
                        double clockOffset, double soundStart) {

    /** A part whose decoded sound begins at its start. */
    public AudioPart(int number, int count, double startSeconds, double endSeconds, AudioSource audio) {
        this(number, count, startSeconds, endSeconds, audio, startSeconds, startSeconds);
    }

    /** "part 2 of 3 (00:10:00.000-00:19:58.350)", for messages. */
    public String describe() {
        return "part " + number + " of " + count + " (" + clock(startSeconds) + "-" + clock(endSeconds) + ")";
    }

    private static String clock(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
